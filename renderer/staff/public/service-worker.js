// Keeps the staff workspace's app shell (index.html and its hashed assets) so that, in a browser, the
// page reloads while offline (issue 6). The desktop app loads from app:// and does not use it. Data
// never passes through here: the replica is IndexedDB, and the sync server's API and replication are
// not cached (requests outside this folder go straight to the network).
const CACHE = 'oryn-staff-shell-v1';
const SHELL = new URL('./', self.location.href).pathname;

async function precache() {
  const cache = await caches.open(CACHE);
  const response = await fetch(SHELL, { cache: 'no-store' });
  const html = await response.clone().text();
  await cache.put(SHELL, response);
  const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)]
    .map((m) => new URL(m[1], self.location.href))
    .filter((url) => url.origin === self.location.origin && url.pathname.startsWith(SHELL));
  await cache.addAll(assets.map((url) => url.pathname));
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || !url.pathname.startsWith(SHELL))
    return;
  if (request.mode === 'navigate') {
    // The page: fresh from the server when online (a new version), the kept one when offline.
    event.respondWith(
      fetch(request)
        .then((response) => {
          const copy = response.clone();
          if (response.ok) caches.open(CACHE).then((cache) => cache.put(SHELL, copy));
          return response;
        })
        .catch(() => caches.match(SHELL).then((hit) => hit ?? Response.error())),
    );
    return;
  }
  // Hashed assets never change under the same name: the kept copy first.
  event.respondWith(
    caches.match(request).then(
      (hit) =>
        hit ??
        fetch(request).then((response) => {
          const copy = response.clone();
          if (response.ok) caches.open(CACHE).then((cache) => cache.put(request, copy));
          return response;
        }),
    ),
  );
});
