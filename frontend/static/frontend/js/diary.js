// The private progress diary: sessions and pain scores kept in this browser's
// IndexedDB, and nowhere else. Nothing here makes a network request; the diary
// page is a shell the server sends to everyone, filled in on the phone.
//
// Used by the player's summary (a form to note the session) and by /my-diary/.
// Where IndexedDB is unavailable (some private modes) the diary is simply off.

const DB = "stretch-diary";
const STORE = "sessions";

function open() {
  return new Promise((resolve, reject) => {
    let request;
    try {
      request = indexedDB.open(DB, 1);
    } catch (error) {
      return reject(error);
    }
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "id", autoIncrement: true });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run(mode, work) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(STORE, mode);
    const result = work(transaction.objectStore(STORE));
    transaction.oncomplete = () => { db.close(); resolve(result.result); };
    transaction.onerror = () => reject(transaction.error);
  });
}

export const diary = {
  add: (entry) => run("readwrite", (store) => store.add(entry)),
  all: () => run("readonly", (store) => store.getAll()),
  clear: () => run("readwrite", (store) => store.clear()),
  async available() {
    try {
      await run("readonly", (store) => store.count());
      return true;
    } catch {
      return false;
    }
  },
};

const OFF = "The diary is off in this browser (private browsing may block it). Nothing was saved.";

function score(name, label) {
  const options = Array.from({ length: 11 }, (_, n) => `<option>${n}</option>`).join("");
  return `<label>${label} <select name="${name}" class="input"><option value="">–</option>${options}</select></label>`;
}

/** After a session: note pain before and after, and how it went. */
export async function diaryForm(holder, session) {
  if (!(await diary.available())) {
    holder.innerHTML = `<p data-diary-off>${OFF}</p>`;
    return;
  }
  holder.innerHTML = `<form class="diary-form"><h4>Note it in your diary</h4>
<p class="diary-form__privacy">Kept only on this phone. It is never sent anywhere.</p>
<p>${score("before", "Pain before (0–10)")} ${score("after", "Pain after (0–10)")}</p>
<p><label>How did it go? <textarea name="note" class="input" rows="2" maxlength="300"></textarea></label></p>
<button type="submit" class="button">Save in my diary</button> <a href="/my-diary/">See my diary</a>
<p role="status" data-diary-status></p></form>`;
  const form = holder.querySelector("form");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const value = (name) => (form[name].value === "" ? null : Number(form[name].value));
    await diary.add({
      date: new Date().toISOString(),
      title: session.title,
      seconds: session.seconds,
      painBefore: value("before"),
      painAfter: value("after"),
      note: form.note.value.trim(),
    });
    form.querySelector("button").disabled = true;
    form.querySelector("[data-diary-status]").textContent = "Saved in your diary on this phone.";
  });
}

/* The diary page */

const day = (iso) => iso.slice(0, 10);
const esc = (text) => String(text ?? "").replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

function weekOf(iso) {
  const date = new Date(day(iso));
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7)); // back to Monday
  return day(date.toISOString());
}

/** Days in a row, up to today (or yesterday, if today has no session yet). */
function streak(entries) {
  const days = new Set(entries.map((entry) => day(entry.date)));
  const date = new Date();
  if (!days.has(day(date.toISOString()))) date.setUTCDate(date.getUTCDate() - 1);
  let count = 0;
  while (days.has(day(date.toISOString()))) {
    count++;
    date.setUTCDate(date.getUTCDate() - 1);
  }
  return count;
}

function chart(entries) {
  const scored = entries.filter((entry) => entry.painAfter != null || entry.painBefore != null);
  if (scored.length < 2) return "<p>The chart appears after two sessions with pain scores.</p>";
  const width = 320, height = 160, step = width / (scored.length - 1);
  const line = (key) =>
    scored.map((entry, i) => entry[key] == null ? "" : `${i * step},${height - entry[key] * (height / 10)}`).filter(Boolean).join(" ");
  return `<svg class="diary-chart" viewBox="-10 -10 ${width + 20} ${height + 20}" role="img" aria-labelledby="chart-title" aria-describedby="pain-table-heading">
<title id="chart-title">Pain before (dashed) and after (solid) each session, 0 to 10</title>
<polyline points="${line("painBefore")}" fill="none" stroke="currentColor" stroke-dasharray="6 4" stroke-width="2"/>
<polyline points="${line("painAfter")}" fill="none" stroke="currentColor" stroke-width="3"/></svg>`;
}

function csv(entries) {
  const cell = (value) => `"${String(value ?? "").replace(/"/g, '""')}"`;
  const rows = entries.map((e) => [e.date, e.title, e.seconds, e.painBefore, e.painAfter, e.note].map(cell).join(","));
  return ["date,routine,seconds,pain_before,pain_after,note", ...rows].join("\n");
}

export async function diaryPage(root) {
  const status = root.querySelector("[data-diary-status]");
  const body = root.querySelector("[data-diary-body]");
  if (!(await diary.available())) {
    body.innerHTML = `<p data-diary-off>${OFF}</p>`;
    root.hidden = false;
    return;
  }
  async function show() {
    const entries = (await diary.all()).sort((a, b) => a.date.localeCompare(b.date));
    root.dataset.sessions = entries.length;
    if (!entries.length) {
      body.innerHTML = "<p>No sessions yet. After a routine or a guided stretch, note it in your diary.</p>";
      return;
    }
    const weeks = new Map();
    entries.forEach((entry) => weeks.set(weekOf(entry.date), (weeks.get(weekOf(entry.date)) || 0) + 1));
    body.innerHTML = `<p class="diary-streak"><strong>${streak(entries)}</strong> day streak · ${entries.length} session${entries.length === 1 ? "" : "s"} in all</p>
<h2>Sessions per week</h2><table><thead><tr><th scope="col">Week starting</th><th scope="col">Sessions</th></tr></thead><tbody>
${[...weeks].map(([week, count]) => `<tr><td>${week}</td><td>${count}</td></tr>`).join("")}</tbody></table>
<h2>Pain over time</h2>${chart(entries)}
<h3 id="pain-table-heading">Every session</h3><table class="diary-table"><thead><tr><th scope="col">Date</th><th scope="col">Routine</th><th scope="col">Pain before</th><th scope="col">Pain after</th><th scope="col">Notes</th></tr></thead><tbody>
${entries.map((e) => `<tr><td>${day(e.date)}</td><td>${esc(e.title)}</td><td>${e.painBefore ?? "–"}</td><td>${e.painAfter ?? "–"}</td><td>${esc(e.note)}</td></tr>`).join("")}</tbody></table>`;
  }
  root.addEventListener("click", async (event) => {
    const action = event.target.closest("[data-diary]")?.dataset.diary;
    if (action === "csv") {
      const link = Object.assign(document.createElement("a"), {
        href: URL.createObjectURL(new Blob([csv(await diary.all())], { type: "text/csv" })),
        download: "stretch-diary.csv",
      });
      link.click();
      URL.revokeObjectURL(link.href);
    } else if (action === "print") {
      print();
    } else if (action === "delete" && confirm("Delete every session in your diary on this phone?")) {
      await diary.clear();
      status.textContent = "Everything in your diary is deleted.";
      await show();
    }
  });
  await show();
  root.hidden = false;
}

const page = document.querySelector("[data-diary-page]");
if (page) diaryPage(page);
