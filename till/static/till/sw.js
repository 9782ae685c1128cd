/* The till's service worker: the sell page and its script come from the network when it
   answers, else from the cache the page filled, so a reload while offline still opens the
   till (its data is in IndexedDB). Everything else (the API) goes to the network. */
const CACHE = "kasir-" + self.registration.scope.split("/").filter(Boolean).pop();

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  const isPage = request.mode === "navigate";
  const isScript = url.pathname.endsWith("/till/till.js") || url.pathname === "__TILL_JS__";
  if (!isPage && !isScript) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    try {
      const response = await fetch(request);
      if (response.ok && !response.redirected) cache.put(request, response.clone());
      return response;
    } catch (error) {
      const kept = await cache.match(request, { ignoreSearch: true, ignoreVary: true });
      if (kept) return kept;
      throw error;
    }
  })());
});
