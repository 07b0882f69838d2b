// The WASM contender of benches/compare.py: scores the workload in DIR with the package's
// `scoreColumns` (bindings-wasm/pkg, node) and writes the totals (i64 little-endian,
// period-major) to OUT. Prints one JSON line: CPU seconds (process.cpuUsage: user + system)
// and wall seconds of the call alone.
//
//   node benches/wasm_worker.mjs DIR OUT
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPkg } from '../bindings-wasm/tests/load-pkg.mjs';

const [dir, out] = process.argv.slice(2);
const col = (name, T) => {
  const b = readFileSync(join(dir, name));
  // Copy into an aligned buffer of its own.
  return new T(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
};
const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'));
const rules = readFileSync(join(dir, 'rules.json'), 'utf8');
const subject = col('subject.u32', Uint32Array);
const item = col('item.u16', Uint16Array);
const day = col('day.i32', Int32Array);
const quantity = col('quantity.i64', BigInt64Array);
const groups = col('group.u32', Uint32Array);
const dj = await loadPkg();
if (typeof dj.scoreColumns !== 'function') {
  console.error('this pkg/ has no scoreColumns: rebuild it (bash bindings-wasm/build.sh)');
  process.exit(3);
}
// Repeated until 0.3 s of wall time have passed (short workloads); times are per run.
const c0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
let r;
let runs = 0;
do {
  r = dj.scoreColumns(rules, meta.first, meta.months, subject, item, day, quantity, groups, meta.n_groups);
  runs += 1;
} while (Number(process.hrtime.bigint() - t0) / 1e9 < 0.3);
const wall = Number(process.hrtime.bigint() - t0) / 1e9 / runs;
const cu = process.cpuUsage(c0);
const c = { user: cu.user / runs, system: cu.system / runs };
writeFileSync(out, new Uint8Array(r.total.buffer, r.total.byteOffset, r.total.byteLength));
console.log(JSON.stringify({ cpu: (c.user + c.system) / 1e6, wall, runs, events: r.eventsScored }));
