/* What the offline library keeps, and saving it (offline-library.js is the panel).
 *
 * Saving walks the public change feed (/api/v1/changes/) and stores each article,
 * stretch guide and routine (its JSON, its page and its phone-sized pictures) in the
 * "offline-library" cache, which the service worker reads first. Readers may keep
 * only some sections: each change names its section, so the others are skipped
 * unfetched. Always saved: the pages every reader may need with no signal (home and
 * its help strip, the body map, search, the diary, booking, routines, the page about
 * urgent care) and any page saved on its own. The feed's cursor is kept, so "Update"
 * fetches only what changed since.
 *
 * A save is a job written down before it starts (what to fetch, what to drop), and
 * each page is recorded only once all of it is stored: a closed tab, a lost signal
 * or a full phone leaves a job to resume, never a copy that claims to be whole.
 */
export const LIBRARY = "offline-library"; // read by serviceworker.js
const STATE_KEY = "offline-library"; // localStorage: { cursor, updated, listings, sections, choice, job }
const ITEM_KEY = "offline-library:"; // localStorage, one per saved page: "offline-library:article:12"
const FRESH = { cache: "no-store" }; // the service worker leaves these to the network
const LISTINGS = ["/", "/search/", "/my-diary/"]; // with the chosen sections and the navigator's pages
const SEARCH_INDEX = "/api/v1/search/index/"; // offline-search.js answers from it
const NAVIGATOR = "/where-does-it-hurt/";
const PARALLEL = 4;
const PAGE_TYPES = ["article", "stretch", "routine"]; // saved one by one, with their pictures

/* State */

/** What is saved: the state, with ``items`` (each saved page) and ``job`` (a save not finished). */
export function load() {
  const { items: older = {}, ...state } = read(STATE_KEY) || {};
  const items = {};
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key.startsWith(ITEM_KEY)) items[key.slice(ITEM_KEY.length)] = read(key);
  }
  // Saved by the previous release, which kept every page in the state itself.
  for (const [key, item] of Object.entries(older)) items[key] ||= writeItem(key, item);
  if (Object.keys(older).length) writeState(state);
  return { listings: [], sections: null, choice: null, job: null, ...state, items };
}

/** The sections the reader wants saved: their ids, or null for all of them (new ones too). */
export function choose(sections) {
  writeState({ ...load(), choice: sections });
}

/** How far a save that has not finished got. */
export function progress(state) {
  const { job, items } = state;
  const left = job.pending.filter(([key, api]) => !done(items, job, key, api)).length;
  return { done: job.total - left, total: job.total };
}

const done = (items, job, key, api) => (api ? items[key]?.job === job.id : !items[key]);

/** Is this the browser saying the phone (or this site's share of it) is full? */
export function isQuotaError(error) {
  return error?.name === "QuotaExceededError" || error?.code === 22;
}

/** What the saved library itself takes (not the whole site's storage, nor other caches). */
export async function librarySize() {
  if (!(await caches.has(LIBRARY))) return 0;
  const cache = await caches.open(LIBRARY);
  let bytes = 0;
  for (const request of await cache.keys()) bytes += (await (await cache.match(request)).blob()).size;
  return bytes;
}

/* Saving */

/** Save the library, or carry on with the save that stopped; ``report(done, total)``. */
export async function saveLibrary(report) {
  navigator.storage?.persist?.().catch(() => {});
  const state = load();
  const run = await session(state);
  state.job ||= await plan(state);
  writeState(state);
  const { job } = state;
  let { done: count, total } = progress(state);
  report(count, total);
  const pending = job.pending.filter(([key, api]) => !done(state.items, job, key, api));
  await inParallel(pending, async ([key, api, section]) => {
    const own = state.items[key]?.own;
    await (api ? saveItem(run, key, api, { section, own, job: job.id }) : setItem(state, key, null));
    report(++count, total);
  });
  if (job.listings) await saveListings(run, job.sections);
  await saveSearchIndex(run.cache); // synonyms change it without a change in the feed
  Object.assign(state, { cursor: job.target, sections: job.sections, updated: Date.now(), job: null });
  writeState(state);
  return state;
}

/** What this save will fetch and drop: from the feed since the last save, or all of it
 * when the reader chose other sections (what they keep is then checked page by page). */
async function plan(state) {
  const { cursor, choice, items } = state;
  const fresh = cursor == null || String(choice) !== String(state.sections);
  const essentials = (await (await fetchOk("/api/v1/offline/")).json()).essentials.items;
  const keyOf = (item) => `${item.type}:${item.id}`;
  const always = new Set(essentials.map(keyOf));
  const wanted = (key, change) =>
    choice == null || change.type === "routine" || always.has(key) || choice.includes(change.section);
  const latest = new Map(); // "article:12" -> its last change
  let since = fresh ? 0 : cursor;
  let everything = cursor == null;
  let more = true;
  while (more) {
    const feed = await (await fetchOk(`/api/v1/changes/?since=${since}&limit=1000`)).json();
    for (const change of feed.results) {
      if (PAGE_TYPES.includes(change.type)) latest.set(`${change.type}:${change.id}`, change);
      // Sections, clinic details and taxonomy show on many pages: refresh them all.
      else if (change.cursor > (cursor ?? -1)) everything = true;
    }
    ({ next_since: since, has_more: more } = feed);
  }
  // Kept whatever the sections; fetched when missing or changed, like any other page.
  for (const item of essentials) {
    if (!latest.has(keyOf(item))) latest.set(keyOf(item), { ...item, cursor: -1 });
  }
  const pending = [];
  for (const [key, change] of latest) {
    const item = items[key];
    if (!change.api_url || !(wanted(key, change) || item?.own)) {
      if (item) pending.push([key, null]);
    } else if (!item || everything || change.cursor > cursor) {
      pending.push([key, change.api_url, change.section]);
    }
  }
  if (everything) {
    for (const [key, item] of Object.entries(items)) {
      if (!latest.has(key)) pending.push([key, item.api, item.section]);
    }
  }
  const listings = fresh || everything || pending.length > 0;
  return { id: Date.now(), target: since, sections: choice, listings, pending, total: pending.length };
}

/** Everything saved goes, from every cache: pages opened later are kept only as usual. */
export async function removeLibrary() {
  const state = load();
  const saved = Object.values(state.items).flatMap((item) => [item.url, item.api, ...item.images]);
  await forget([...saved, ...state.listings, SEARCH_INDEX]);
  await caches.delete(LIBRARY);
  for (const key of Object.keys(state.items)) localStorage.removeItem(ITEM_KEY + key);
  localStorage.removeItem(STATE_KEY);
  return load();
}

/** One page, saved on its own: kept whatever sections the library keeps. */
export async function savePageOnItsOwn(key, api) {
  navigator.storage?.persist?.().catch(() => {});
  const state = load();
  await saveItem(await session(state), key, api, { own: true });
}

async function session(state) {
  return { state, cache: await caches.open(LIBRARY), assets: new Set() };
}

async function saveItem(run, key, api, extra) {
  const response = await fetch(api, FRESH);
  if (response.status === 404) return setItem(run.state, key, null);
  if (!response.ok) throw new Error(`${api}: ${response.status}`);
  const data = await response.clone().json();
  if (!(await savePage(run, data.url, await fetchOk(data.url)))) return;
  await run.cache.put(api, response);
  const images = await saveImages(run.cache, data);
  await setItem(run.state, key, { title: data.title, url: data.url, api, images, ...extra });
}

/** Record an item (or its removal), and forget whatever of its old copy nothing uses now. */
async function setItem(state, key, item) {
  const old = state.items[key];
  if (item) state.items[key] = writeItem(key, item);
  else {
    delete state.items[key];
    localStorage.removeItem(ITEM_KEY + key);
  }
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

/** Home, search, the diary, the chosen sections' lists, the navigator and the booking page. */
async function saveListings(run, chosen) {
  const previous = run.state.listings;
  run.state.listings = [];
  // The navigator has a page for each body region, linked from its own: keep those too.
  const map = await saveListing(run, absolute(NAVIGATOR));
  const links = map?.querySelectorAll(`a[href^="${NAVIGATOR}"]`) || [];
  const regions = [...links].map((link) => link.getAttribute("href"));
  const sections = (await (await fetchOk("/api/v1/sections/")).json())
    .filter((section) => chosen == null || chosen.includes(section.id))
    .map((section) => section.url);
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

/** Up to PARALLEL at once; the first failure stops the others taking more. */
async function inParallel(items, task) {
  const queue = [...items];
  let failed = false;
  const worker = async () => {
    try {
      while (queue.length && !failed) await task(queue.shift());
    } catch (error) {
      failed = true;
      throw error;
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
}

function read(key) {
  try {
    return JSON.parse(localStorage.getItem(key));
  } catch {
    return null;
  }
}

function writeState({ items, ...state }) {
  localStorage.setItem(STATE_KEY, JSON.stringify(state));
}

function writeItem(key, item) {
  localStorage.setItem(ITEM_KEY + key, JSON.stringify(item));
  return item;
}
