// Guided stretch player: walks through a stretch guide's steps with hold timers,
// repetitions, sets, sides and rests. Reads the page's #stretch-data (the API's
// representation), so it needs no network and works offline.

const data = JSON.parse(document.getElementById("stretch-data").textContent);
const root = document.querySelector("[data-stretch-player]");
const SIDE_NAMES = { left: "Left side", right: "Right side" };

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  node.append(...children);
  return node;
}

function button(label, onClick, extra = "") {
  const node = el("button", { type: "button", class: `button ${extra}`.trim() }, label);
  node.addEventListener("click", onClick);
  return node;
}

// The whole session as a flat list of phases: each step of each repetition,
// on each side, in each set, with a rest between repetitions.
function plan() {
  const sides = data.sides === "both" ? ["left", "right"] : data.sides === "none" ? [null] : [data.sides];
  const phases = [];
  for (let set = 1; set <= data.sets; set++) {
    for (const side of sides) {
      for (let rep = 1; rep <= data.repetitions; rep++) {
        for (const step of data.steps) phases.push({ kind: "step", step, set, side, rep });
        if (data.rest_seconds > 0) phases.push({ kind: "rest", seconds: data.rest_seconds });
      }
    }
  }
  if (phases.at(-1)?.kind === "rest") phases.pop();
  return phases;
}

const live = el("p", { class: "player__live visually-hidden", "aria-live": "polite" });
const view = el("div", { class: "player__view" });
let phases = [];
let index = 0;
let endsAt = 0;
let remaining = 0;
let ticker = null;
let wakeLock = null;

function announce(message) {
  live.textContent = message;
}

async function keepAwake(on) {
  try {
    if (on && !wakeLock && "wakeLock" in navigator) {
      wakeLock = await navigator.wakeLock.request("screen");
      wakeLock.addEventListener("release", () => { wakeLock = null; });
    } else if (!on && wakeLock) {
      await wakeLock.release();
    }
  } catch {
    wakeLock = null; // Not allowed here (battery saver, hidden tab): carry on without it.
  }
}

document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "visible" && ticker) keepAwake(true);
});

function position(phase) {
  const parts = [];
  if (data.sets > 1) parts.push(`Set ${phase.set} of ${data.sets}`);
  if (phase.side) parts.push(SIDE_NAMES[phase.side]);
  parts.push(`Repetition ${phase.rep} of ${data.repetitions}`);
  return parts.join(" · ");
}

function stopTicker() {
  clearInterval(ticker);
  ticker = null;
}

function startTimer(seconds) {
  endsAt = performance.now() + seconds * 1000;
  ticker = setInterval(tick, 200);
  keepAwake(true);
}

function tick() {
  remaining = Math.max(0, Math.ceil((endsAt - performance.now()) / 1000));
  const timer = view.querySelector(".player__timer");
  if (timer) timer.textContent = String(remaining);
  if (remaining === 0) {
    stopTicker();
    next();
  }
}

function controls(phase) {
  const bar = el("div", { class: "player__controls" });
  if (phase.timed) {
    const pause = button("Pause", () => {
      if (ticker) {
        stopTicker();
        remaining = Math.max(0, (endsAt - performance.now()) / 1000);
        pause.textContent = "Resume";
        announce("Paused");
        keepAwake(false);
      } else {
        startTimer(remaining);
        pause.textContent = "Pause";
        announce("Resumed");
      }
    }, "button--quiet");
    bar.append(pause);
  }
  bar.append(button(phase.timed ? "Skip" : "Next", () => { stopTicker(); next(); }));
  bar.append(button("Stop", finish.bind(null, false), "button--quiet"));
  return bar;
}

function show(phase) {
  const isRest = phase.kind === "rest";
  const seconds = isRest ? phase.seconds : phase.step.hold_seconds;
  phase.timed = seconds > 0;
  const heading = isRest ? "Rest" : position(phase);
  const text = isRest ? "Relax and breathe. The next repetition starts by itself." : phase.step.instruction;
  view.replaceChildren(
    el("p", { class: "player__where" }, heading),
    el("p", { class: "player__instruction" }, text),
    phase.timed ? el("p", { class: "player__timer", role: "timer", "aria-label": "Seconds left" }, String(seconds)) : "",
    controls(phase),
  );
  const timing = phase.timed ? ` ${isRest ? "Rest" : "Hold"} for ${seconds} seconds.` : "";
  announce(`${heading}. ${isRest ? "" : text}${timing}`);
  if (phase.timed) startTimer(seconds);
  else keepAwake(true);
}

function next() {
  index += 1;
  if (index >= phases.length) finish(true);
  else show(phases[index]);
}

function finish(completed) {
  stopTicker();
  keepAwake(false);
  const message = completed ? `Well done! You finished the ${data.title.toLowerCase()}.` : "Stopped. Come back whenever you are ready.";
  view.replaceChildren(el("p", { class: "player__done" }, message), button("Start again", intro));
  announce(message);
}

function begin() {
  phases = plan();
  index = 0;
  show(phases[0]);
}

function intro() {
  const notes = el("div", { class: "player__notes" });
  notes.append(...new DOMParser().parseFromString(data.safety_notes, "text/html").body.childNodes);
  view.replaceChildren(
    el("h3", {}, "Before you start"),
    notes,
    el("p", { class: "player__warning" }, "Stop straight away if pain shoots down your leg, or you feel numbness or tingling."),
    el("div", { class: "player__controls" }, button("I'm ready, start", begin), button("Not now", () => view.replaceChildren(startButton), "button--quiet")),
  );
  view.querySelector("h3").setAttribute("tabindex", "-1");
  view.querySelector("h3").focus();
}

const startButton = button("Start guided stretch", intro);
view.append(startButton);
root.append(el("h2", { class: "player__title" }, "Guided stretch"), view, live);
root.hidden = false;
