/* The offline library on every page: installs the service worker, offers each new
 * release ("Update available"), and drives "Save for offline": the library panel
 * (a one-line state and one button on top; size, sections and removal in its
 * details) and the button on each article or stretch guide. What is saved, and
 * saving it, is offline-store.js. Pages work the same without this module.
 */
import * as store from "./offline-store.js";

const PLAN = "/api/v1/offline/"; // what saving takes, per section
// The one button's words: shown, then read out too.
const ACTIONS = {
  save: ["Save", " the library for offline"],
  update: ["Update", " the saved library"],
  resume: ["Resume", " saving the library"],
};

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

/* The library panel: what is saved, what saving takes, and one button to save, update or resume. */

function enhanceLibrary() {
  const root = $("[data-offline-library]");
  if (!root) return;
  const button = $("[data-offline-save]", root);
  const remove = $("[data-offline-remove]", root);
  const status = $("[data-offline-status]", root);
  const connection = $("[data-offline-connection]", root);
  const panel = { root, plan: null };
  const showConnection = () => {
    connection.textContent = navigator.onLine ? "Online" : "Offline";
    connection.dataset.state = navigator.onLine ? "online" : "offline";
  };
  addEventListener("online", showConnection);
  addEventListener("offline", showConnection);
  showConnection();

  const run = async (task, done) => {
    button.disabled = remove.disabled = true;
    root.setAttribute("aria-busy", "true");
    status.textContent = "";
    try {
      await task();
      status.textContent = done;
    } catch (error) {
      console.warn(error);
      status.textContent = explain(error, store.load());
    } finally {
      button.disabled = remove.disabled = false;
      root.removeAttribute("aria-busy");
      showState(panel);
    }
    button.focus(); // only once enabled, as a disabled button takes no focus
  };
  const showProgress = (count, total) => {
    $("[data-offline-state]", root).textContent = `Saving ${count} of ${total}…`;
  };
  button.addEventListener("click", () => {
    const first = store.load().cursor == null;
    const done = first ? "The library is saved on this phone." : "The saved library is up to date.";
    run(() => store.saveLibrary(showProgress), done);
  });
  remove.addEventListener("click", () =>
    run(store.removeLibrary, "The saved library is removed from this phone."),
  );
  $("[data-offline-choice]", root).addEventListener("change", () => {
    const boxes = [...root.querySelectorAll("[data-offline-section]")];
    const ids = boxes.filter((box) => box.checked).map((box) => Number(box.value));
    store.choose(ids.length === boxes.length ? null : ids);
    showState(panel);
  });
  $("details", root).addEventListener("toggle", (event) => event.target.open && showSize(root));
  showState(panel);
  root.hidden = false;
  fetch(PLAN)
    .then((response) => (response.ok ? response.json() : null))
    .then((plan) => {
      panel.plan = plan;
      if (plan) showChoices(root, plan, store.load().choice);
      showState(panel);
    })
    .catch(() => {}); // offline, and never saved: the panel says what it can
}

/** Why saving stopped, in plain words; what is saved stays saved, and can be resumed. */
function explain(error, state) {
  const partly = state.job ? partlySaved(state) + ". " : "";
  if (store.isQuotaError(error)) {
    return (
      `This phone has no more room for the library. ${partly}` +
      "Free some space, or save fewer sections, then tap Resume."
    );
  }
  return `Could not finish saving. ${partly}Check your connection and try again.`;
}

function partlySaved(state) {
  const { done, total } = store.progress(state);
  return `Partly saved: ${done} of ${total}`;
}

/** The one line on top, the button's words, and the facts in the details. */
function showState({ root, plan }) {
  const state = store.load();
  const count = Object.keys(state.items).length + state.listings.length;
  const pages = count === 1 ? "1 page" : `${count} pages`;
  const wanted = plan && planned(plan, state.choice);
  let line;
  let action;
  if (state.job) {
    [line, action] = [partlySaved(state), "resume"];
  } else if (state.cursor == null) {
    line = wanted ? `Not saved yet: ${about(wanted)}` : "Not saved on this phone yet";
    action = "save";
  } else {
    const changed = String(state.choice) !== String(state.sections);
    line = `Saved: ${pages}` + (changed ? ". Tap Update to save your new choice" : "");
    action = "update";
  }
  $("[data-offline-state]", root).textContent = line;
  const [word, more] = ACTIONS[action];
  const button = $("[data-offline-save]", root);
  button.dataset.action = action;
  button.firstChild.textContent = word;
  button.lastChild.textContent = more;
  $("[data-offline-remove]", root).hidden = state.cursor == null && !state.job;
  $("[data-offline-count]", root).textContent = count ? pages : "None yet";
  $("[data-offline-updated]", root).textContent = state.updated
    ? new Date(state.updated).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })
    : "Never";
  $("[data-offline-wanted]", root).textContent = wanted ? `Your choice takes ${about(wanted)}.` : "";
  listSavedPages(state);
  if ($("details", root).open) showSize(root);
}

/** Pages and bytes of the essentials and the chosen sections (null: all). */
function planned(plan, choice) {
  const parts = [plan.essentials, ...plan.sections.filter((s) => choice == null || choice.includes(s.id))];
  return {
    pages: parts.reduce((sum, part) => sum + part.pages, 0),
    bytes: parts.reduce((sum, part) => sum + part.bytes, 0),
  };
}

function showChoices(root, plan, choice) {
  const list = $("[data-offline-sections]", root);
  list.replaceChildren(
    ...plan.sections.map((section) => {
      const box = Object.assign(document.createElement("input"), {
        type: "checkbox",
        value: section.id,
        checked: choice == null || choice.includes(section.id),
      });
      box.dataset.offlineSection = "";
      const label = document.createElement("label");
      label.append(box, ` ${section.title} `);
      const note = Object.assign(document.createElement("span"), { textContent: about(section) });
      note.className = "offline-library__note";
      label.append(note);
      const item = document.createElement("li");
      item.append(label);
      return item;
    }),
  );
  $("[data-offline-always]", root).textContent = about(plan.essentials);
  $("[data-offline-choice]", root).hidden = false;
}

async function showSize(root) {
  $("[data-offline-size]", root).textContent = size(await store.librarySize());
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
  if (store.load().items[root.dataset.key]) saved();
  button.addEventListener("click", async () => {
    button.disabled = true;
    status.textContent = "Saving…";
    try {
      await store.savePageOnItsOwn(root.dataset.key, root.dataset.api);
      saved();
    } catch (error) {
      console.warn(error);
      status.textContent = store.isQuotaError(error)
        ? "This phone has no more room to save pages. Free some space and try again."
        : "Could not save this page. Check your connection and try again.";
    } finally {
      button.disabled = false;
    }
  });
  root.hidden = false;
}

/* Helpers */

function about({ pages, bytes }) {
  return `${pages === 1 ? "1 page" : `${pages} pages`}, about ${size(bytes)}`;
}

function size(bytes) {
  if (!bytes) return "None";
  if (bytes < 1e6) return `${Math.max(1, Math.round(bytes / 1e3))} KB`;
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
