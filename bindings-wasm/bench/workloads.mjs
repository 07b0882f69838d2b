// Benchmark workloads shared by the node benchmark (bench.mjs), the browser e2e test and,
// through the dataset files they write, the native Rust measurement (examples/bench_native.rs):
//
//   sample year   the sample community (158 members), its year of activities scored month by
//                 month, 2025-11 … 2026-10 (12 calls), under the default member rule set
//   100k events   the same community with 100,000 synthetic activities over that year
//                 (deterministic SplitMix64), loaded and scored month by month, lenient mode
//
// Works in node and in the browser (no node imports).

export const MONTHS = Array.from({ length: 12 }, (_, k) => {
  const m = ((10 + k) % 12) + 1; // 11, 12, 1, …, 10
  return `${m >= 11 ? 2025 : 2026}-${String(m).padStart(2, '0')}`;
});

/** SplitMix64, as the core's synth::Rng. */
function rng(seed) {
  let s = BigInt.asUintN(64, BigInt(seed));
  return () => {
    s = BigInt.asUintN(64, s + 0x9e3779b97f4a7c15n);
    let z = s;
    z = BigInt.asUintN(64, (z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n);
    z = BigInt.asUintN(64, (z ^ (z >> 27n)) * 0x94d049bb133111ebn);
    return Number((z ^ (z >> 31n)) >> 11n) / 2 ** 53; // [0, 1)
  };
}

const ITEMS = [
  ['meeting', 1], ['study', 1], ['service_hour', 4], ['dues_on_time', 1], ['absent', 1],
  ['commended', 2], ['post_fulfilled', 1], ['dues_late', 1],
];

/** The sample dataset (JSON text) with `n` synthetic activities over the sample year instead. */
export function syntheticDatasetJson(sampleText, n, seed = 2026) {
  const ds = JSON.parse(sampleText);
  const ids = ds.members.map((m) => m.id);
  const next = rng(seed);
  const start = Date.UTC(2025, 10, 1);
  const days = 365;
  const acts = new Array(n);
  for (let k = 0; k < n; k += 1) {
    const [item, maxQ] = ITEMS[Math.floor(next() * ITEMS.length)];
    const date = new Date(start + Math.floor(next() * days) * 86_400_000).toISOString().slice(0, 10);
    const a = { id: `S${String(k).padStart(6, '0')}`, subject: ids[Math.floor(next() * ids.length)], item, date };
    if (maxQ > 1) a.quantity = 1 + Math.floor(next() * maxQ);
    acts[k] = a;
  }
  ds.activities = acts;
  return JSON.stringify(ds);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Score the 12 months of `community`; returns the number of rows scored. */
export function scoreYear(community, rules, options) {
  let rows = 0;
  for (const p of MONTHS) rows += community.scoreTableJson(rules, p, options).length > 0 ? 1 : 0;
  return rows;
}

/**
 * Repetitions per timing of the sample-year workloads (a few ms each): the CPU clock read from
 * /proc/thread-self/schedstat only moves at scheduler ticks (4 ms here), so each timing runs
 * the work this many times and divides (examples/bench_native.rs does the same).
 */
export const SAMPLE_REPS = 25;
/**
 * Repetitions per timing of the 100,000-event workloads (16–60 ms each: one run spans only 4
 * to 15 scheduler ticks).
 */
export const BIG_REPS = 4;

/**
 * Warm-up runs before each timing. V8 first runs new WebAssembly code from its baseline compiler
 * (Liftoff) and moves hot functions to its optimising compiler (TurboFan) while they run: one
 * warm-up run left the first timings half in baseline code (the kept-scorer year 2.56 ms instead
 * of 1.6 ms). The native side warms up as many times.
 */
export const WARM_UPS = 20;

/**
 * Times both workloads with the wasm package `pkg` (already initialised); `now()` in ms.
 * Each figure is the median of `runs` runs after `WARM_UPS` warm-ups (a run of the sample
 * workloads is `SAMPLE_REPS` repetitions, divided; of the 100,000-event workloads `BIG_REPS`).
 * The 100,000 synthetic activities are made after the sample's timings: the garbage they leave
 * (100,000 objects) would otherwise be collected during them.
 */
export function benchmark(pkg, now, runs = 5) {
  const rules = JSON.stringify(pkg.builtinRuleSet('member-default'));
  const sampleText = pkg.sampleDatasetJson();
  const lenient = { mode: 'lenient' };

  const time = (fn, reps = 1, warm = WARM_UPS) => {
    for (let k = 0; k < warm; k += 1) fn();
    const xs = [];
    for (let k = 0; k < runs; k += 1) {
      const t0 = now();
      for (let r = 0; r < reps; r += 1) fn();
      xs.push((now() - t0) / reps);
    }
    return Math.round(median(xs) * 100) / 100;
  };

  const sample = pkg.Community.fromJson(sampleText);
  const sampleYear = time(() => scoreYear(sample, rules, undefined), SAMPLE_REPS);
  // `community.scorer(rules)`: the rule set parsed and the activities checked once.
  const scorer = sample.scorer(rules);
  const sampleKept = time(() => {
    for (const p of MONTHS) scorer.scoreTableJson(p);
  }, SAMPLE_REPS);
  scorer.free();
  const bigText = syntheticDatasetJson(sampleText, 100_000);
  const big = pkg.Community.fromJson(bigText);
  const bigLoad = time(() => pkg.Community.fromJson(bigText).free(), BIG_REPS, 2);
  const bigYear = time(() => scoreYear(big, rules, lenient), BIG_REPS);
  sample.free();
  big.free();
  return {
    sampleYear: { ms: sampleYear, keptMs: sampleKept, members: 158, months: 12 },
    events100k: { ms: bigYear, loadMs: bigLoad, events: 100_000, months: 12 },
  };
}
