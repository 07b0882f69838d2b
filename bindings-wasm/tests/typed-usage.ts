// Type-checked (never run) usage of the package: `tsc --noEmit -p tests/tsconfig.json` fails
// if the declarations in pkg/dangjian_wasm.d.ts lose their real types (e.g. become `any`).
import init, {
  Community,
  builtinRuleSet,
  loadReportModule,
  loadRuleSet,
  reportModuleLoaded,
  rules as ruleCatalogue,
  type CountedElection,
  type DangjianError,
  type Explanation,
  type MonthlyReport,
  type RuleSet,
  type RosterTable,
  type ScoreTable,
  type Scored,
  type StatTable,
  type WhatIf,
} from '../pkg/dangjian_wasm.js';

export async function usage(datasetText: string): Promise<void> {
  await init();
  const community: Community = Community.fromJson(datasetText);
  const rules: RuleSet = builtinRuleSet('member-default');
  const grades: string[] = rules.grades.map((g) => g.name);
  const cap: number | string | undefined = rules.items[0]?.cap?.points;
  const scored: Scored = community.score(rules, '2026-10', { mode: 'lenient' });
  const table: ScoreTable = scored.table;
  const ranks: number[] = table.rank_in_org;
  const orgs: (string | null)[] = table.org;
  const e: Explanation = community.explain(rules, '2026-10', table.subject[0] ?? '');
  const status: 'counted' | 'partial' | 'over_cap' | 'reversed' | 'reversal' | 'rejected' | undefined =
    e.events.status[0];
  // Results are numbers (exact to the thousandth): arithmetic needs no cast.
  const sum: number = table.total.reduce((a, b) => a + b, 0) + (e.total - e.base);
  const counted: number = (e.items.counted[0] ?? 0) + (e.events.counted[0] ?? 0);
  void [sum, counted];
  const w: WhatIf = community.whatIf(rules, loadRuleSet('{}'), '2026-10');
  const moved: number = (w.total_b[0] ?? 0) - (w.total_a[0] ?? 0);
  void moved;
  const rho: number | undefined = w.spearman?.num;
  const r: MonthlyReport = community.report(rules, '2026-10');
  const names: string[] = r.names;
  const total: number = community.headcountOn('2026-10-31');
  const counts: StatTable = community.memberCounts('2026-10-31', { rollup: 'direct' });
  void counts;
  // Statistics: one generic typed table; columns are a discriminated union on `type`.
  const stats: StatTable = community.statsMembership('2026-10-31', { rollup: 'direct', names: 'mask', minCount: 3 });
  const first = stats.columns[0];
  if (first?.values.type === 'u64') {
    const counts: number[] = first.values.values;
    void counts;
  } else if (first?.values.type === 'str') {
    const labels: string[] = first.values.values;
    void labels;
  }
  const flows: StatTable = community.statsFlows('2026-01-01', '2026-10-31');
  const dist: StatTable = community.statsScores(rules, '2026-10', { rollup: 'subtree', bands: { thresholds: [60], labels_zh: ['低', '高'] } });
  const dues: StatTable = community.statsDues('2026-01', '2026-09', '2026-10-31', { rollup: 'direct' });
  // A scorer kept across months; changes; scopes; members.
  const scorer = community.scorer(rules);
  const again: Scored = scorer.score('2026-09');
  const added: number = community.importRosterCsv(new Uint8Array(), '2026-10-31');
  const batch: { events: number; members: number } = community.apply([{ member: 'M1', date: '2026-10-01', type: 'died' }]);
  const scope = community.scope('B1');
  const roster: RosterTable = scope.roster('2026-10-31', { showNames: false });
  const ids: string[] = roster.id;
  const head: number = scope.headcountOn('2026-10-31');
  const masked: string = community.member('M1').toString();
  void [grades, cap, ranks, orgs, status, rho, names, total, flows, dist, dues, again, added, batch, ids, head, masked];
  // The second module: loaded once, then its outputs are synchronous.
  if (!reportModuleLoaded()) await loadReportModule();
  const agenda: StatTable = community.agenda('2026-10-31', 30, { names: 'mask' });
  const [quarters, deductions]: [StatTable, StatTable] = community.assessment(2026, '2026-10-31');
  const elections: CountedElection[] = scope.elections();
  const catalogue: StatTable = ruleCatalogue();
  void [agenda, quarters, deductions, elections, catalogue];
  try {
    community.score(rules, 'bad');
  } catch (err) {
    const d = err as DangjianError;
    const code: string = d.code;
    void code;
  }
}

// These must NOT type-check; `@ts-expect-error` fails the build if they do (i.e. if types are `any`).
export function negative(community: Community, rules: RuleSet, table: ScoreTable): void {
  // @ts-expect-error rank_in_org is number[]
  const s: string[] = table.rank_in_org;
  // @ts-expect-error totals are numbers, not strings
  const totals: string[] = table.total;
  void totals;
  // @ts-expect-error no such field
  void rules.no_such_field;
  // @ts-expect-error a period is a string
  community.score(rules, 202610);
  // @ts-expect-error mode is "strict" | "lenient"
  community.score(rules, '2026-10', { mode: 'sloppy' });
  // @ts-expect-error rollup is "direct" | "subtree"
  community.statsMembership('2026-10-31', { rollup: 'all' });
  const t: StatTable = community.statsPipeline('2026-10-31');
  // @ts-expect-error a column's values are typed by its `type`, never any
  const n: number = t.columns[0]!.values.values[0];
  // @ts-expect-error an event needs a type
  community.apply([{ member: 'M1', date: '2026-10-01' }]);
  void [s, n];
}
