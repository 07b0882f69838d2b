// Service worker of the workbench: after the first visit every file of the page (and the wasm
// module) comes from this cache, so the page opens and works with no network. A new version of
// the page (a new CACHE name, written by build.sh's stamp below) replaces the cache.
const CACHE = 'dangjian-workbench-v1';
const FILES = ['./', 'index.html', 'app.js', 'engine.js', 'worker.js', 'sheets.js', 'records.js', 'style.css', 'manifest.webmanifest', 'icon.svg',
  '../pkg/dangjian_wasm.js', '../pkg/dangjian_wasm_bg.wasm',
  // the second module (agenda, year tables, practices, assessment), fetched by the panels
  '../pkg/dangjian_wasm_report.js', '../pkg/dangjian_wasm_report_bg.wasm'];

self.addEventListener('install', (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (e) => {
  e.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

// Network first (a rebuilt page is picked up at once when online), the cache when offline.
self.addEventListener('fetch', (e) => {
  if (e.request.method !== 'GET') return;
  e.respondWith(fetch(e.request).then((r) => {
    if (r.ok) {
      const copy = r.clone();
      caches.open(CACHE).then((c) => c.put(e.request, copy));
    }
    return r;
  }).catch(() => caches.match(e.request, { ignoreSearch: true }).then((r) => r ?? Response.error())));
});
