/* Back Pain Library service worker, served at /serviceworker.js by django-pwa.
 *
 * Bump VERSION with every release that changes this file or the offline page:
 * the new worker waits until the reader accepts "Update available", then drops
 * the old version's caches. The offline library (offline-library.js) keeps its
 * own unversioned cache, so a release never throws away what a reader saved.
 * Never cached: the admin (and the previews it shows), the booking API, anything
 * but GET, and responses marked no-store or private. JSON is never answered with HTML.
 */
const VERSION = "v4";
const SHELL = `shell-${VERSION}`; // the offline page and the files it needs
const RUNTIME = `runtime-${VERSION}`; // pages, JSON and files met while browsing
const LIBRARY = "offline-library"; // written by offline-library.js
const OFFLINE_URL = "/offline/";
const SEARCH_URL = "/search/"; // saved with the library; answers offline from its index
const NETWORK_TIMEOUT_MS = 3000;
const NEVER = ["/admin/", "/api/v1/booking-requests/", "/documents/"];
const HASHED = /\.[0-9a-f]{12}\.\w+$/; // ManifestStaticFilesStorage names: immutable

try {
  importScripts("/static/frontend/js/booking-outbox.js"); // defines self.bookingOutbox
} catch (error) {
  console.warn("Booking outbox unavailable:", error);
}

self.addEventListener("install", (event) => event.waitUntil(precacheShell()));

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      const old = (name) => /^(shell|runtime)-/.test(name) && !name.endsWith(`-${VERSION}`);
      await Promise.all(names.filter(old).map((name) => caches.delete(name)));
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skipWaiting") self.skipWaiting();
});

self.addEventListener("sync", (event) => {
  if (event.tag === "booking-outbox" && self.bookingOutbox) {
    event.waitUntil(self.bookingOutbox.flush());
  }
});

self.addEventListener("fetch", (event) => {
  const strategy = route(event.request);
  if (strategy) event.respondWith(strategy(event));
});

function route(request) {
  const url = new URL(request.url);
  if (
    request.method !== "GET" ||
    url.origin !== location.origin ||
    request.cache === "no-store" || // the offline library fetching fresh copies
    request.headers.has("Authorization") ||
    NEVER.some((prefix) => url.pathname.startsWith(prefix))
  ) {
    return null; // the browser fetches it as if there were no worker
  }
  if (url.pathname.startsWith("/api/v1/")) return (event) => networkFirst(event, offlineJson);
  if (request.mode === "navigate" && url.pathname === SEARCH_URL) {
    return (event) => networkFirst(event, savedSearchPage);
  }
  if (request.mode === "navigate") return (event) => networkFirst(event, offlinePage);
  if (url.pathname.startsWith("/static/")) {
    return HASHED.test(url.pathname) ? cacheFirst : staleWhileRevalidate;
  }
  if (url.pathname.startsWith("/media/")) return cacheFirst;
  return null;
}

/* Strategies */

async function networkFirst(event, fallback) {
  const { request } = event;
  const network = fetch(request);
  event.waitUntil(network.then((response) => keep(request, response.clone())).catch(() => {}));
  const timeout = new Promise((resolve) => setTimeout(resolve, NETWORK_TIMEOUT_MS));
  try {
    const response = await Promise.race([network, timeout]);
    if (response) return response;
    return (await cached(request)) || (await network);
  } catch {
    return (await cached(request)) || fallback();
  }
}

async function cacheFirst(event) {
  const hit = await cached(event.request);
  if (hit) return hit;
  const response = await fetch(event.request);
  event.waitUntil(keep(event.request, response.clone()));
  return response;
}

async function staleWhileRevalidate(event) {
  const network = fetch(event.request).then((response) => {
    event.waitUntil(keep(event.request, response.clone()));
    return response;
  });
  event.waitUntil(network.catch(() => {}));
  return (await cached(event.request)) || network;
}

/* Caches */

async function precacheShell() {
  const page = await fetch(OFFLINE_URL, { cache: "reload" });
  if (!page.ok) throw new Error(`${OFFLINE_URL} answered ${page.status}`);
  const html = await page.clone().text();
  const tags = html.matchAll(/<(?:link|script)\b[^>]*?\b(?:href|src)="(\/static\/[^"]+)"/g);
  const files = new Set(Array.from(tags, (match) => match[1]));
  const cache = await caches.open(SHELL);
  // A hashed file never changes, so the copy the page just loaded (HTTP cache) is the
  // one to keep: fetching it again would make every first visit pay for it twice.
  const fresh = (path) => new Request(path, { cache: HASHED.test(path) ? "default" : "reload" });
  await cache.addAll([...files].map(fresh));
  await cache.put(OFFLINE_URL, page);
}

/** The saved library first, then this version's caches. */
async function cached(request) {
  for (const cacheName of [LIBRARY, SHELL, RUNTIME]) {
    const hit = await caches.match(request, { cacheName, ignoreVary: true });
    if (hit) return hit;
  }
  return undefined;
}

/** Refresh every saved copy of a fresh response (or start one); forget pages that went away. */
async function keep(request, response) {
  if (response.status === 404 || response.status === 410) return forget(request);
  // A search or other query a reader typed is theirs, not the library's.
  if (!storable(response) || (request.mode === "navigate" && new URL(request.url).search)) return;
  const holders = [];
  for (const cacheName of [LIBRARY, SHELL]) {
    if (await caches.match(request, { cacheName, ignoreVary: true })) holders.push(cacheName);
  }
  if (!holders.length) holders.push(RUNTIME);
  for (const cacheName of holders) {
    await (await caches.open(cacheName)).put(request, response.clone());
  }
}

async function forget(request) {
  for (const cacheName of await caches.keys()) {
    await (await caches.open(cacheName)).delete(request, { ignoreVary: true });
  }
}

function storable(response) {
  const cacheControl = response.headers.get("Cache-Control") || "";
  return (
    response.status === 200 &&
    response.type === "basic" &&
    !/no-store|private/.test(cacheControl) &&
    response.headers.get("Vary") !== "*"
  );
}

/* Fallbacks: a page for a page, JSON for JSON. */

async function offlinePage() {
  return (
    (await caches.match(OFFLINE_URL, { cacheName: SHELL })) ||
    new Response("<!doctype html><title>Offline</title><h1>You're offline</h1>", {
      status: 503,
      headers: { "Content-Type": "text/html; charset=utf-8" },
    })
  );
}

/** A search typed offline: the saved search page answers it from the saved index. */
async function savedSearchPage() {
  return (await caches.match(SEARCH_URL, { cacheName: LIBRARY })) || offlinePage();
}

function offlineJson() {
  const problem = { title: "Offline", status: 503, detail: "No connection, and no saved copy." };
  return new Response(JSON.stringify({ type: "about:blank", ...problem }), {
    status: 503,
    headers: { "Content-Type": "application/problem+json" },
  });
}
