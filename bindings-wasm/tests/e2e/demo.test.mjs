// Browser end-to-end test: serve bindings-wasm/ on 127.0.0.1, open demo/ in
// Debian's headless Chromium (driven by playwright-core; no browser download)
// and check that the wasm module loads and shows the core version.
//
// Run with: node --test tests/e2e/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

import { serveStatic } from './static-server.mjs';
import { loadPkg } from '../load-pkg.mjs';

const WASM_DIR = fileURLToPath(new URL('../../', import.meta.url)); // bindings-wasm/
const SCREENSHOT = join(WASM_DIR, 'demo', 'screenshot.png');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Flags for a root user on a machine with a closed network: no sandbox (root),
// no GPU, and no background connections to Google services.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let server;
let context;
let profileDir;

before(async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} not found (run scripts/install-deps.sh browser)`);
  server = await serveStatic(WASM_DIR);
  // A fresh, empty profile for every run, removed afterwards. playwright-core
  // refuses --user-data-dir inside `args`, so the profile is passed through
  // launchPersistentContext, which is chromium.launch() plus a user data dir.
  profileDir = mkdtempSync(join(tmpdir(), 'dangjian-chromium-'));
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 800, height: 400 },
  });
});

after(async () => {
  await context?.close();
  await server?.close();
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
});

test('demo page loads the wasm package and shows the version', async () => {
  const expected = (await loadPkg()).version();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`${msg.text()} (${msg.location().url})`);
  });

  const wasmResponse = page.waitForResponse((r) => r.url().endsWith('.wasm'));
  await page.goto(new URL('demo/', server.url).href);
  const wasm = await wasmResponse;
  assert.equal(wasm.status(), 200);
  assert.equal(wasm.headers()['content-type'], 'application/wasm');

  const el = page.locator('#version');
  await page.waitForFunction(
    () => document.getElementById('version')?.dataset.ready !== 'false',
    null,
    { timeout: 15_000 },
  );
  assert.equal(await el.getAttribute('data-ready'), 'true', await el.textContent());
  assert.equal((await el.textContent())?.trim(), expected);

  await page.screenshot({ path: SCREENSHOT });
  assert.ok(existsSync(SCREENSHOT));
  assert.deepEqual(errors, []);
});
