/* Booking requests kept on this device until the clinic has them.

   A classic script for both pages and the service worker (importScripts), so
   the two share one queue in IndexedDB: self.bookingOutbox = {add, list,
   remove, flush, subscribe}. Each request keeps the Idempotency-Key it was
   given when queued, so a retry after a lost answer never makes a duplicate.
   A request is deleted from the device as soon as the clinic has it.

   flush() rejects while a request is still waiting for the network, so a
   service worker's sync event fails and the browser tries it again later.
   Pages flush on load and on "online" when something is waiting (a flag in
   localStorage saves opening the database on every page), and retry every
   30 seconds while online. */
(() => {
  const NAME = "booking-outbox";
  const STORE = "requests";
  const ENDPOINT = "/api/v1/booking-requests/";
  const inPage = "document" in self;
  const listeners = new Set();
  const channel = self.BroadcastChannel ? new BroadcastChannel(NAME) : null;
  let database;
  let queue = Promise.resolve();
  let retry;

  const done = (request) =>
    new Promise((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });

  const store = async (mode) => {
    database ||= new Promise((resolve, reject) => {
      const request = indexedDB.open(NAME, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "key" });
      done(request).then(resolve, (error) => {
        database = null;
        reject(error);
      });
    });
    return (await database).transaction(STORE, mode).objectStore(STORE);
  };

  const flag = (on) => {
    try {
      if (on) localStorage.setItem(NAME, "1");
      else if (on === false) localStorage.removeItem(NAME);
      return localStorage.getItem(NAME);
    } catch {
      return "1"; // no storage: better to look than to miss a request
    }
  };

  const notify = (results) => {
    for (const listener of listeners) listener(results);
    channel?.postMessage(results);
  };
  if (channel) channel.onmessage = (event) => listeners.forEach((listener) => listener(event.data));

  async function list() {
    const items = await done((await store("readonly")).getAll());
    return items.sort((a, b) => (a.queued_at < b.queued_at ? -1 : 1));
  }

  async function add({ key, data }) {
    const item = { key, data, queued_at: new Date().toISOString() };
    await done((await store("readwrite")).put(item));
    if (inPage) flag(true);
    notify([]);
    return item;
  }

  async function remove(key) {
    await done((await store("readwrite")).delete(key));
    notify([]);
  }

  async function send() {
    const results = [];
    for (const item of await list()) {
      if (item.errors) continue; // waits for the reader to correct it
      const { key } = item;
      let response;
      try {
        response = await fetch(ENDPOINT, {
          method: "POST",
          headers: { "Content-Type": "application/json", "Idempotency-Key": key },
          body: JSON.stringify(item.data),
        });
      } catch {
        results.push({ key, waiting: true });
        break; // offline: the rest would fail the same way
      }
      const body = await response.json().catch(() => ({}));
      if (response.ok) {
        await done((await store("readwrite")).delete(key));
        results.push({ key, receipt: body });
      } else if (response.status === 400) {
        item.errors = body.errors || { non_field_errors: [body.detail || "Please check this request."] };
        await done((await store("readwrite")).put(item));
        results.push({ key, errors: item.errors });
      } else {
        results.push({ key, waiting: true }); // throttled or a server error: later
        break;
      }
    }
    const waiting = results.some((result) => result.waiting);
    if (inPage && !waiting && !(await list()).some((item) => !item.errors)) flag(false);
    if (results.length) notify(results);
    if (waiting) throw Object.assign(new Error("Not sent yet"), { results });
    return results;
  }

  // One flush at a time: queued in this context, and across pages and the
  // worker by a Web Lock where there is one (a rare overlap without it only
  // repeats a key, which the API answers with the same receipt).
  function flush() {
    const run = () => (self.navigator.locks ? navigator.locks.request(NAME, send) : send());
    const result = queue.then(run, run);
    queue = result.catch(() => {});
    return result;
  }

  self.bookingOutbox = {
    add,
    list,
    remove,
    flush,
    subscribe: (listener) => listeners.add(listener),
  };

  if (inPage) {
    const auto = () => {
      clearTimeout(retry);
      if (!flag() || !navigator.onLine) return;
      flush().catch(() => {
        retry = setTimeout(auto, 30000);
      });
    };
    auto();
    addEventListener("online", auto);
  }
})();
