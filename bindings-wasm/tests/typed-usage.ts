// Type-checked (never run) usage of the package: `tsc --noEmit -p tests/tsconfig.json` fails
// if the declarations in pkg/dangjian_wasm.d.ts lose their real types (e.g. become `any`).
import init, {
  Community,
  builtinRuleSet,
  loadRuleSet,
  type DangjianError,
  type Explanation,
  type MonthlyReport,
  type RuleSet,
  type ScoreTable,
  type Scored,
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
  const w: WhatIf = community.whatIf(rules, loadRuleSet('{}'), '2026-10');
  const rho: number | undefined = w.spearman?.num;
  const r: MonthlyReport = community.report(rules, '2026-10');
  const names: string[] = r.names;
  const total: number = community.memberCounts('2026-10-31').total;
  void [grades, cap, ranks, orgs, status, rho, names, total];
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
  // @ts-expect-error no such field
  void rules.no_such_field;
  // @ts-expect-error a period is a string
  community.score(rules, 202610);
  // @ts-expect-error mode is "strict" | "lenient"
  community.score(rules, '2026-10', { mode: 'sloppy' });
  void s;
}
