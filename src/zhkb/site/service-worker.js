/*
 * Offline reading for one site variant: written to the variant's root as
 * sw.js by the zhkb plugin (zhkb.site.pwa), which replaces the settings
 * placeholder below. Readers are often on a weak connection:
 *
 * - install: cache the theme's styles and scripts and what search needs
 *   (settings.precache, settings.precacheImmutable: the search engine's code,
 *   rules and lexicon, and its whole index while it is small), so search works
 *   offline from the start; the page just loaded most of them, so this costs
 *   little: files whose names carry a hash come from the browser's cache,
 *   others are revalidated. Nothing else: readers are often on metered
 *   connections. A large index is cached as queries load its parts (below);
 * - once the reader installs the app, cache its start page too (a message
 *   from register-service-worker.js), so that it opens with no connection;
 * - activate: keep the pages already open (they loaded before this worker
 *   existed), and delete this variant's older caches -- never another
 *   variant's: cache names start with the variant's language;
 * - pages: network first, so readers get fresh text, but the cached copy
 *   when offline or when the network is slow; every page fetched is cached,
 *   so pages a reader has opened stay readable with no connection;
 * - everything else: cache first (names change with content, or the whole
 *   cache is renewed with the next version of this file).
 *
 * The Simplified site's worker at / also sees the Traditional site's
 * requests (/zh-Hant/ is inside its scope until that site's own worker is
 * installed); it leaves them to the network (settings.otherVariants).
 */
"use strict";

const settings = /* zhkb:settings */ null;
const CACHE = settings.cachePrefix + settings.version;
const SCOPE = self.registration.scope;
/** How long a page may take before the cached copy is shown instead. */
const NETWORK_PATIENCE_MS = 3000;

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // "no-cache": revalidate with the server, so a new version never caches a stale file.
    const revalidated = settings.precache.map((path) => new Request(new URL(path, SCOPE), { cache: "no-cache" }));
    const immutable = settings.precacheImmutable.map((path) => new URL(path, SCOPE).href);
    await cache.addAll([...revalidated, ...immutable]);
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(settings.cachePrefix) && name !== CACHE) {
        await caches.delete(name);
      }
    }
    await self.clients.claim();
    const cache = await caches.open(CACHE);
    const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
    await Promise.all(windows
      .filter((client) => isOwn(client.url))
      .map((client) => cache.add(pageKey(client.url)).catch(() => undefined)));
  })());
});

self.addEventListener("message", (event) => {
  if (event.data === "zhkb:installed") {
    event.waitUntil(caches.open(CACHE).then((cache) => cache.add(new URL("./", SCOPE).href)));
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !isOwn(request.url)) {
    return;
  }
  event.respondWith(request.mode === "navigate" ? networkFirst(event) : cacheFirst(event));
});

/** Whether this worker answers for `url`: inside its scope, outside other variants. */
function isOwn(url) {
  if (!url.startsWith(SCOPE)) {
    return false;
  }
  const path = url.slice(SCOPE.length);
  return !settings.otherVariants.some((root) => path.startsWith(root));
}

/** Pages are cached without query (search highlighting adds ?h=...) or fragment. */
function pageKey(url) {
  const key = new URL(url);
  key.search = "";
  key.hash = "";
  return key.href;
}

async function networkFirst(event) {
  const cache = await caches.open(CACHE);
  const key = pageKey(event.request.url);
  const network = fetch(event.request).then((response) => {
    if (response.ok) {
      event.waitUntil(cache.put(key, response.clone()));
    }
    return response;
  });
  const cached = await cache.match(key);
  if (!cached) {
    return network;
  }
  const patience = new Promise((resolve) => setTimeout(() => resolve(cached), NETWORK_PATIENCE_MS));
  return Promise.race([network.catch(() => cached), patience]);
}

async function cacheFirst(event) {
  const cache = await caches.open(CACHE);
  // Without the query: the search engine asks for its entry file with a cache tag
  // (pagefind-entry.json?ts=...), and the whole cache is renewed with each version anyway.
  const cached = await cache.match(event.request, { ignoreSearch: true });
  if (cached) {
    return cached;
  }
  const response = await fetch(event.request);
  if (response.ok) {
    event.waitUntil(cache.put(event.request, response.clone()));
  }
  return response;
}
