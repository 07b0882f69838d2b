// Smoke tests for the wasm package under node (`node --test tests/`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { loadPkg } from './load-pkg.mjs';

// The workspace version, read from the root Cargo.toml ([workspace.package]).
function workspaceVersion() {
  const toml = readFileSync(new URL('../../Cargo.toml', import.meta.url), 'utf8');
  const section = toml.split('[workspace.package]')[1] ?? '';
  const m = section.match(/^version\s*=\s*"([^"]+)"/m);
  assert.ok(m, 'version not found in [workspace.package]');
  return m[1];
}

test('version() returns the core crate version', async () => {
  const pkg = await loadPkg();
  assert.equal(typeof pkg.version, 'function');
  assert.equal(pkg.version(), workspaceVersion());
});

test('version() is stable across calls', async () => {
  const pkg = await loadPkg();
  assert.equal(pkg.version(), pkg.version());
});
