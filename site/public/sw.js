// Offline for residents on weak mobile signal: pages they have opened keep working when the
// network drops or crawls.
// - Pages: network first, but when a saved copy exists and the network has not answered within
//   a few seconds, show the saved copy (the fresh one still lands in the cache for next time).
//   A page never opened shows /offline.html, which lists the pages that are saved.
// - /_astro/ assets are content-hashed, so they never change: cache first.
// - Pagefind: its index chunks are content-hashed (cache first); its entry files keep their names
//   across builds, so they go network first like pages.
// The console and the API are never cached.
const PAGES = 'minsheng-pages';
const ASSETS = 'minsheng-assets-v1';
const OFFLINE = '/offline.html';
const SLOW_NETWORK_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(ASSETS)
      .then((cache) => cache.add(OFFLINE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  const keep = new Set([PAGES, ASSETS]);
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => !keep.has(k)).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

function cacheFirst(request) {
  return caches.open(ASSETS).then(async (cache) => {
    const hit = await cache.match(request);
    if (hit) return hit;
    const response = await fetch(request);
    if (response.ok) cache.put(request, response.clone());
    return response;
  });
}

async function networkFirst(request, event, cacheName) {
  const cache = await caches.open(cacheName);
  const saved = await cache.match(request, { ignoreSearch: true });
  const fromNetwork = fetch(request).then((response) => {
    // Only whole, successful pages are worth keeping (not 404s, not redirects to elsewhere).
    if (response.ok && response.type === 'basic') return cache.put(request, response.clone()).then(() => response);
    return response;
  });
  // Keep the service worker alive until the fresh copy is saved, even if we answered from cache.
  event.waitUntil(fromNetwork.catch(() => undefined));

  if (!saved) {
    try {
      return await fromNetwork;
    } catch {
      if (request.mode === 'navigate') {
        const offline = await caches.match(OFFLINE);
        if (offline) return offline;
      }
      throw new Error('offline');
    }
  }
  const slow = new Promise((resolve) => setTimeout(() => resolve(saved), SLOW_NETWORK_MS));
  return Promise.race([fromNetwork.catch(() => saved), slow]);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/console') || url.pathname.startsWith('/api/')) return;

  if (url.pathname.startsWith('/_astro/') || /^\/pagefind\/.*\.pf_(fragment|index|meta)$/.test(url.pathname)) {
    event.respondWith(cacheFirst(request));
    return;
  }
  event.respondWith(networkFirst(request, event, url.pathname.startsWith('/pagefind/') ? ASSETS : PAGES));
});
