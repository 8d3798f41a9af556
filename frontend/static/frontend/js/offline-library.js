/* The offline library: installs the service worker, offers each new release
 * ("Update available"), and saves the library, or one page, for reading with no signal.
 *
 * Saving walks the public change feed (/api/v1/changes/) and stores each article,
 * stretch guide and routine (its JSON, its page and its phone-sized pictures) in the
 * "offline-library" cache, which the service worker reads first. The feed's
 * cursor is kept, so "Update" fetches only what changed since. Pages work the
 * same without this module; it only adds to them.
 */
const LIBRARY = "offline-library"; // read by serviceworker.js
const STATE_KEY = "offline-library"; // localStorage: { cursor, updated, items, listings }
const FRESH = { cache: "no-store" }; // the service worker leaves these to the network
const LISTINGS = ["/", "/stretches/", "/search/", "/my-diary/"]; // and every section, and the navigator's pages
const SEARCH_INDEX = "/api/v1/search/index/"; // offline-search.js answers from it
const NAVIGATOR = "/where-does-it-hurt/";
const PARALLEL = 4;
const PAGE_TYPES = ["article", "stretch", "routine"]; // saved one by one, with their pictures

const $ = (selector, root = document) => root.querySelector(selector);

const supported = "serviceWorker" in navigator && "caches" in window;
if (supported && !location.pathname.startsWith("/admin/")) {
  registerWorker().catch((error) => console.warn("Service worker not registered:", error));
  enhanceLibrary();
  enhancePage();
}

/* Releases: a new worker waits until the reader chooses to reload. */

async function registerWorker() {
  const registration = await navigator.serviceWorker.register("/serviceworker.js");
  const offer = (worker) => navigator.serviceWorker.controller && showUpdatePrompt(worker);
  if (registration.waiting) offer(registration.waiting);
  registration.addEventListener("updatefound", () => {
    const worker = registration.installing;
    worker.addEventListener("statechange", () => worker.state === "installed" && offer(worker));
  });
}

function showUpdatePrompt(worker) {
  if ($(".update-prompt")) return;
  const box = Object.assign(document.createElement("div"), { className: "update-prompt" });
  const text = document.createElement("p");
  const button = Object.assign(document.createElement("button"), {
    type: "button",
    className: "button button--small",
    textContent: "Reload",
  });
  box.setAttribute("role", "status");
  box.append(text, button);
  document.body.append(box);
  requestAnimationFrame(() => (text.textContent = "Update available"));
  button.addEventListener("click", () => {
    button.disabled = true;
    const sw = navigator.serviceWorker;
    sw.addEventListener("controllerchange", () => location.reload(), { once: true });
    worker.postMessage("skipWaiting");
  });
}

/* "Save the library for offline" and "Update", with what is saved and how much room it takes. */

function enhanceLibrary() {
  const root = $("[data-offline-library]");
  if (!root) return;
  const save = $("[data-offline-save]", root);
  const update = $("[data-offline-update]", root);
  const remove = $("[data-offline-remove]", root);
  const status = $("[data-offline-status]", root);
  const connection = $("[data-offline-connection]", root);
  const showConnection = () => {
    connection.textContent = navigator.onLine ? "Online" : "Offline";
    connection.dataset.state = navigator.onLine ? "online" : "offline";
  };
  addEventListener("online", showConnection);
  addEventListener("offline", showConnection);
  showConnection();

  const run = async (task, done, failed, next) => {
    save.disabled = update.disabled = remove.disabled = true;
    root.setAttribute("aria-busy", "true");
    let succeeded = false;
    try {
      const state = await task();
      status.textContent = done;
      showState(root, state);
      succeeded = true;
    } catch (error) {
      console.warn(error);
      status.textContent = failed;
    } finally {
      save.disabled = update.disabled = remove.disabled = false;
      root.removeAttribute("aria-busy");
    }
    // Where the reader goes next; only once enabled, as a disabled button takes no focus.
    if (succeeded) next().focus();
  };
  const saving = () =>
    saveLibrary((count, total) => {
      status.textContent = `Saving ${count} of ${total}…`;
    });
  const notSaved = "Could not finish saving. Check your connection and try again.";
  save.addEventListener("click", () =>
    run(saving, "The library is saved on this phone.", notSaved, () => update),
  );
  update.addEventListener("click", () =>
    run(saving, "The saved library is up to date.", notSaved, () => update),
  );
  const removed = "The saved library is removed from this phone.";
  remove.addEventListener("click", () =>
    run(removeLibrary, removed, "Could not remove it. Try again.", () => save),
  );
  showState(root, load());
  root.hidden = false;
}

async function showState(root, state) {
  const count = Object.keys(state.items).length + state.listings.length;
  const pages = count > 1 ? `${count} pages` : "1 page";
  $("[data-offline-count]", root).textContent = count ? pages : "None yet";
  $("[data-offline-updated]", root).textContent = state.updated
    ? new Date(state.updated).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })
    : "Never";
  $("[data-offline-save]", root).hidden = state.cursor != null;
  $("[data-offline-update]", root).hidden = state.cursor == null;
  $("[data-offline-remove]", root).hidden = state.cursor == null;
  listSavedPages(state);
  $("[data-offline-size]", root).textContent = size(await librarySize());
}

/** What the saved library itself takes (not the whole site's storage, nor other caches). */
async function librarySize() {
  if (!(await caches.has(LIBRARY))) return 0;
  const cache = await caches.open(LIBRARY);
  let bytes = 0;
  for (const request of await cache.keys()) bytes += (await (await cache.match(request)).blob()).size;
  return bytes;
}

function listSavedPages(state) {
  const list = $("[data-saved-pages]");
  if (!list) return;
  list.querySelectorAll("[data-saved]").forEach((item) => item.remove());
  const items = Object.values(state.items).sort((a, b) => a.title.localeCompare(b.title));
  for (const { title, url } of items) {
    const link = Object.assign(document.createElement("a"), { href: url });
    link.append(Object.assign(document.createElement("span"), { textContent: title }));
    const item = document.createElement("li");
    item.dataset.saved = "";
    item.append(link);
    list.append(item);
  }
}

/* "Save for offline" on one article or stretch guide. */

function enhancePage() {
  const root = $("[data-offline-page]");
  if (!root) return;
  const button = $("button", root);
  const status = $("[data-offline-page-status]", root);
  const saved = () => {
    button.hidden = true;
    status.textContent = "Saved on this phone for reading offline.";
  };
  if (load().items[root.dataset.key]) saved();
  button.addEventListener("click", async () => {
    button.disabled = true;
    status.textContent = "Saving…";
    try {
      persist();
      const state = load();
      await saveItem(await session(state), root.dataset.key, root.dataset.api);
      store(state);
      saved();
    } catch (error) {
      console.warn(error);
      status.textContent = "Could not save this page. Check your connection and try again.";
    } finally {
      button.disabled = false;
    }
  });
  root.hidden = false;
}

/* Saving */

async function saveLibrary(progress) {
  persist();
  const state = load();
  const run = await session(state);
  const latest = new Map(); // "article:12" -> its last change
  let since = state.cursor || 0;
  let more = true;
  let everything = state.cursor == null;
  while (more) {
    const feed = await (await fetchOk(`/api/v1/changes/?since=${since}&limit=1000`)).json();
    for (const change of feed.results) {
      if (PAGE_TYPES.includes(change.type)) {
        latest.set(`${change.type}:${change.id}`, change);
      } else {
        everything = true; // sections, clinic details and taxonomy show on many pages
      }
    }
    ({ next_since: since, has_more: more } = feed);
  }
  if (everything) {
    for (const [key, item] of Object.entries(state.items)) {
      if (!latest.has(key)) latest.set(key, { api_url: item.api });
    }
  }
  let count = 0;
  await inParallel([...latest], async ([key, change]) => {
    progress(++count, latest.size);
    await (change.api_url ? saveItem(run, key, change.api_url) : setItem(state, key, null));
  });
  if (everything || latest.size) await saveListings(run);
  await saveSearchIndex(run.cache); // synonyms change it without a change in the feed
  Object.assign(state, { cursor: since, updated: Date.now() });
  store(state);
  return state;
}

/** Everything saved goes, from every cache: pages opened later are kept only as usual. */
async function removeLibrary() {
  const state = load();
  const saved = Object.values(state.items).flatMap((item) => [item.url, item.api, ...item.images]);
  await forget([...saved, ...state.listings, SEARCH_INDEX]);
  await caches.delete(LIBRARY);
  localStorage.removeItem(STATE_KEY);
  return load();
}

async function session(state) {
  return { state, cache: await caches.open(LIBRARY), assets: new Set() };
}

async function saveItem(run, key, api) {
  const response = await fetch(api, FRESH);
  if (response.status === 404) return setItem(run.state, key, null);
  if (!response.ok) throw new Error(`${api}: ${response.status}`);
  const data = await response.clone().json();
  if (!(await savePage(run, data.url, await fetchOk(data.url)))) return;
  await run.cache.put(api, response);
  const images = await saveImages(run.cache, data);
  await setItem(run.state, key, { title: data.title, url: data.url, api, images });
}

/** Record an item (or its removal), and forget whatever of its old copy nothing uses now. */
async function setItem(state, key, item) {
  const old = state.items[key];
  if (item) state.items[key] = item;
  else delete state.items[key];
  if (!old) return;
  const items = Object.values(state.items);
  const used = new Set(items.flatMap((other) => [other.url, other.api, ...other.images]));
  await forget([old.url, old.api, ...old.images].filter((url) => !used.has(url)));
}

/** Out of every cache, so a page withdrawn from the library is not served from anywhere. */
async function forget(urls) {
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    await Promise.all(urls.map((url) => cache.delete(url, { ignoreVary: true })));
  }
}

async function saveListings(run) {
  const previous = run.state.listings;
  run.state.listings = [];
  // The navigator has a page for each body region, linked from its own: keep those too.
  const map = await saveListing(run, absolute(NAVIGATOR));
  const links = map?.querySelectorAll(`a[href^="${NAVIGATOR}"]`) || [];
  const regions = [...links].map((link) => link.getAttribute("href"));
  const sections = (await (await fetchOk("/api/v1/sections/")).json()).map((section) => section.url);
  const urls = new Set([...LISTINGS, ...regions, ...sections].map(absolute));
  urls.delete(absolute(NAVIGATOR));
  await inParallel(urls, (url) => saveListing(run, url));
  await saveBookingPage(run);
  await forget(previous.filter((url) => !run.state.listings.includes(url)));
}

/** The search index, fetched again only if it changed (a 304 costs next to nothing). */
async function saveSearchIndex(cache) {
  const saved = await cache.match(SEARCH_INDEX);
  const etag = saved?.headers.get("ETag");
  const response = await fetch(SEARCH_INDEX, { ...FRESH, headers: etag ? { "If-None-Match": etag } : {} });
  if (response.status === 304) return;
  if (!response.ok) throw new Error(`${SEARCH_INDEX}: ${response.status}`);
  await cache.put(SEARCH_INDEX, response);
}

async function saveListing(run, url, { own = false } = {}) {
  const response = await fetch(url, FRESH);
  if (response.status >= 500) throw new Error(`${url}: ${response.status}`);
  const page = response.ok && (await savePage(run, url, response, { own }));
  if (page) run.state.listings.push(url);
  return page;
}

/** The booking page, so "Book" works with no signal: its form queues requests offline.
 *
 * It is "private" (its one-off key must not reach shared caches), but this phone is
 * the reader's own: the copy is a blank form with no personal data, and requests go
 * through the JSON API, each with its own Idempotency-Key and no CSRF token to go stale.
 */
async function saveBookingPage(run) {
  const clinic = await (await fetchOk("/api/v1/clinic/")).json();
  if (clinic.booking_page_url) await saveListing(run, clinic.booking_page_url, { own: true });
}

/** A page, and the styles, scripts and icons it needs from /static/; the page, parsed.
 * Pages marked "private" are kept only when they are the reader's ``own`` (see above). */
async function savePage(run, url, response, { own = false } = {}) {
  const cacheControl = response.headers.get("Cache-Control") || "";
  if (/no-store/.test(cacheControl) || (!own && /private/.test(cacheControl))) return null;
  const html = await response.clone().text();
  await run.cache.put(url, response);
  const page = new DOMParser().parseFromString(html, "text/html");
  const files = [...page.querySelectorAll("link[href^='/static/'], script[src^='/static/']")]
    .map((element) => element.getAttribute("href") || element.getAttribute("src"))
    .filter((file) => !run.assets.has(file));
  files.forEach((file) => run.assets.add(file));
  await Promise.all(files.map((file) => run.cache.add(new Request(file, FRESH))));
  return page;
}

/** The small (phone-sized) rendition of each picture, also answering for its other sizes. */
async function saveImages(cache, data) {
  const saved = [];
  for (const image of imagesIn(data)) {
    const response = await fetch(image.renditions.small.url, FRESH);
    if (!response.ok) continue;
    const body = await response.blob();
    const sizes = Object.values(image.renditions).map((rendition) => rendition.url);
    const urls = new Set([image.url, ...sizes]);
    for (const url of urls) {
      await cache.put(url, new Response(body, { headers: response.headers }));
      saved.push(url);
    }
  }
  return saved;
}

function imagesIn(value, found = []) {
  if (Array.isArray(value)) value.forEach((item) => imagesIn(item, found));
  else if (value && typeof value === "object") {
    if (value.renditions?.small) found.push(value);
    else Object.values(value).forEach((item) => imagesIn(item, found));
  }
  return found;
}

/* Helpers */

function absolute(url) {
  return new URL(url, location.href).href;
}

async function fetchOk(url) {
  const response = await fetch(url, FRESH);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response;
}

async function inParallel(items, task) {
  const queue = [...items];
  const worker = async () => {
    while (queue.length) await task(queue.shift());
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
}

function persist() {
  navigator.storage?.persist?.().catch(() => {});
}

function load() {
  let state;
  try {
    state = JSON.parse(localStorage.getItem(STATE_KEY));
  } catch {
    state = null;
  }
  return { items: {}, listings: [], ...state };
}

function store(state) {
  localStorage.setItem(STATE_KEY, JSON.stringify(state));
}

function size(bytes) {
  if (!bytes) return "None";
  if (bytes < 1e6) return `${Math.max(1, Math.round(bytes / 1e3))} KB`;
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
