// TypeScript declarations: generated from the core's JSON schemas and up to date, embedded in
// the package's .d.ts, and real (a typed usage file type-checks; misuse does not).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { generate } from '../types/generate.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

test('types/types.d.ts is what types/generate.mjs makes of types/schemas.json', async () => {
  assert.equal(readFileSync(here('../types/types.d.ts'), 'utf8'), await generate());
});

test('pkg/dangjian_wasm.d.ts declares the JSON shapes and uses them', () => {
  const dts = readFileSync(here('../pkg/dangjian_wasm.d.ts'), 'utf8');
  for (const name of ['RuleSet', 'Dataset', 'ScoreTable', 'Scored', 'Explanation', 'WhatIf', 'MonthlyReport', 'StatTable', 'RosterTable']) {
    assert.match(dts, new RegExp(`export interface ${name} \\{`), name);
  }
  assert.match(dts, /score\(rules: RuleSet \| string, period_text: string, options\?: ScoreOptions\): Scored;/);
  // The public API (before wasm-bindgen's internal InitOutput table) has no `any`.
  const api = dts.slice(0, dts.indexOf('export type InitInput'));
  assert.ok(api.length > 1000);
  assert.doesNotMatch(api, /[:(<|] *any\b/);
});

test('tsc --noEmit on tests/typed-usage.ts', () => {
  const tsc = here('../node_modules/typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', here('./tsconfig.json')], { stdio: 'inherit' });
});
