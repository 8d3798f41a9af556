/* The booking form, enhanced. Each request gets its own Idempotency-Key and
   goes into the outbox (booking-outbox.js) before anything is sent, so one
   made offline is kept on this device, listed as "not sent yet", and sent by
   itself later. Errors from the API appear next to their fields with what was
   typed kept. Without JavaScript the same form posts to the server instead. */

const outbox = self.bookingOutbox;
const root = document.querySelector("[data-booking-form]");
const form = root?.querySelector("form");
const FIELDS = ["name", "contact_method", "contact", "preferred_times", "service", "note", "website"];
const time = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
  dateStyle: "medium",
  timeStyle: "short",
});

const h = (tag, props, ...children) => {
  const element = Object.assign(document.createElement(tag), props);
  element.append(...children);
  return element;
};

const uuid = () =>
  crypto.randomUUID?.() ??
  "10000000-1000-4000-8000-100000000000".replace(/[018]/g, (c) =>
    (c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16),
  );

if (form && outbox && self.indexedDB) {
  const fields = form.elements;
  const status = root.querySelector("[data-booking-outbox]");
  const summary = root.querySelector("[data-error-summary]");
  const button = form.querySelector("[type=submit]");
  const receipts = [];
  let pending = null;
  let focusNext = null;
  let shown = "";

  const tune = () => {
    const email = fields.contact_method.value === "email";
    fields.contact.inputMode = email ? "email" : "tel";
    fields.contact.autocomplete = email ? "email" : "tel";
  };

  const read = () => {
    const data = Object.fromEntries(FIELDS.map((name) => [name, fields[name].value]));
    data.note_consent = fields.note_consent.checked;
    return data;
  };

  const fill = (data) => {
    for (const name of FIELDS) {
      const field = fields[name];
      if (field instanceof RadioNodeList) for (const radio of field) radio.checked = radio.value === data[name];
      else field.value = data[name] ?? "";
    }
    fields.note_consent.checked = Boolean(data.note_consent);
    tune();
  };

  const mark = (box, message) => {
    const error = box.querySelector(".field__error");
    const hint = box.querySelector(".field__hint");
    error.hidden = !message;
    error.lastElementChild.textContent = message;
    box.classList.toggle("field--error", Boolean(message));
    for (const control of box.querySelectorAll("input, select, textarea")) {
      const ids = [hint?.id, message && error.id].filter(Boolean).join(" ");
      if (message) control.setAttribute("aria-invalid", "true");
      else control.removeAttribute("aria-invalid");
      if (ids) control.setAttribute("aria-describedby", ids);
      else control.removeAttribute("aria-describedby");
    }
  };

  const clearErrors = () => {
    summary.hidden = true;
    for (const box of form.querySelectorAll("[data-field]")) mark(box, "");
  };

  const showErrors = (errors) => {
    clearErrors();
    const list = summary.querySelector("ul");
    list.replaceChildren();
    for (const [name, messages] of Object.entries(errors)) {
      const message = [].concat(messages).join(" ");
      const box = form.querySelector(`[data-field="${CSS.escape(name)}"]`);
      if (box) mark(box, message);
      list.append(h("li", {}, box ? h("a", { href: `#booking-${name}`, textContent: message }) : message));
    }
    summary.hidden = false;
    summary.focus();
  };

  const serviceLabel = (value) => [...fields.service.options].find((o) => o.value === value)?.text || value;

  const edit = async (item) => {
    await outbox.remove(item.key);
    fill(item.data);
    if (item.errors) showErrors(item.errors);
    else fields.name.focus();
  };

  const entry = (item) =>
    h(
      "li",
      { className: "booking-waiting__item" },
      h("strong", { textContent: `Request from ${item.data.name}` }),
      h("span", {
        className: "booking-waiting__what",
        textContent: `${serviceLabel(item.data.service)} · ${item.data.preferred_times}`,
      }),
      h("span", {
        className: "booking-waiting__note",
        textContent: item.errors
          ? "Needs a change before it can be sent."
          : `Kept on this device since ${time.format(new Date(item.queued_at))}.`,
      }),
      h(
        "button",
        { type: "button", className: "button button--small button--quiet", onclick: () => edit(item) },
        "Change",
        h("span", { className: "visually-hidden", textContent: ` the request from ${item.data.name}` }),
      ),
    );

  const render = async () => {
    const items = await outbox.list().catch(() => []);
    const seen = JSON.stringify([receipts, items]);
    if (seen !== shown) paint(items); // a live region: repeat nothing already said
    shown = seen;
    if (focusNext) status.querySelector(`.${focusNext} h2`)?.focus();
    focusNext = null;
  };

  const paint = (items) => {
    const parts = [];
    if (receipts.length) {
      parts.push(
        h(
          "div",
          { className: "booking-receipt" },
          h("h2", { tabIndex: -1, textContent: "Request sent" }),
          ...receipts.map((receipt) =>
            h(
              "p",
              {},
              "The clinic has your request and will contact you to agree a time. Your reference is ",
              h("strong", { className: "reference", textContent: receipt.reference }),
              ` (received ${time.format(new Date(receipt.received_at))}).`,
            ),
          ),
        ),
      );
    }
    if (items.length) {
      parts.push(
        h(
          "div",
          { className: "booking-waiting" },
          h("h2", { tabIndex: -1, textContent: "Not sent yet" }),
          h("p", {
            textContent:
              "It will be sent automatically when you're back online. Until then it is kept on this device only.",
          }),
          h("ul", {}, ...items.map(entry)),
        ),
      );
    }
    status.replaceChildren(...parts);
    status.hidden = !parts.length;
  };

  const handle = async (results) => {
    for (const result of results) {
      if (result.receipt && !receipts.some((r) => r.reference === result.receipt.reference)) {
        receipts.push(result.receipt);
      }
      if (result.waiting) {
        navigator.serviceWorker
          ?.getRegistration()
          .then((registration) => registration?.sync?.register("booking-outbox"))
          .catch(() => {});
      }
      if (result.key !== pending) continue;
      pending = null;
      if (result.errors) {
        await outbox.remove(result.key); // back in the reader's hands, with everything typed
        showErrors(result.errors);
      } else {
        fill({ service: "not-sure" });
        clearErrors();
        focusNext = result.receipt ? "booking-receipt" : "booking-waiting";
      }
    }
    await render();
  };

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (pending) return; // a double tap
    const key = uuid();
    pending = key;
    button.disabled = true;
    try {
      await outbox.add({ key, data: read() });
    } catch {
      form.submit(); // no storage here: the plain form still works
      return;
    }
    await outbox.flush().catch(() => {});
    button.disabled = false;
    if (pending === key) handle([{ key, waiting: true }]); // sent by another tab, or kept
  });

  form.addEventListener("change", (event) => event.target.name === "contact_method" && tune());
  outbox.subscribe(handle);
  tune();
  render();
}
