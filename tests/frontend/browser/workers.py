"""Helpers for the service-worker tests: wait for control, look inside Cache Storage.

Everything waits on events, never on sleeps or polling: the site's CSP forbids
the eval() that Playwright's wait_for_function() needs, and evaluate() is exempt.
"""

# Resolves once the page is controlled by an activated worker; rejects after 15 s.
CONTROLLED = """async () => {
  const sw = navigator.serviceWorker;
  const next = (target, type) =>
    new Promise((done) => target.addEventListener(type, done, { once: true }));
  const controlled = (async () => {
    await sw.ready;
    if (!sw.controller) await next(sw, "controllerchange");
    const worker = sw.controller;
    while (worker.state !== "activated") await next(worker, "statechange");
    return worker.state;
  })();
  const late = new Promise((_, fail) => setTimeout(() => fail(new Error("no worker")), 15000));
  return Promise.race([controlled, late]);
}"""
CACHE_NAMES = "async () => (await caches.keys()).sort()"
CACHED_URLS = """async () => {
  const urls = [];
  for (const name of await caches.keys()) {
    for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
  }
  return urls;
}"""


def open_controlled(context, path="/"):
    """A new tab on ``path``, once the service worker controls it."""
    tab = context.new_page()
    tab.goto(path)
    assert tab.evaluate(CONTROLLED) == "activated"
    return tab
