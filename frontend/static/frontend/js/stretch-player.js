// Hands-free stretch player: one tap on Start, then it runs a stretch guide or a
// whole routine by itself (steps, repetitions, sides, sets, rests) to a summary.
// It reads the page's #player-data (the API representation) and makes no network
// calls, so it works offline.
//
// Where the session is comes from the wall clock, not from counting timer ticks:
// a locked phone or a background tab fires no timers (and performance.now() may
// stop while the phone sleeps), so on return the player jumps to where the clock
// says it should be. The root's data-player-state is ready, running, paused or
// finished, for tests and assistive tools. Controls are built once and never
// replaced, so keyboard focus stays on the button that was pressed.

import { SIDES, duration, itemsOf, plan } from "./player-plan.js";
import { createCues } from "./player-cues.js";
import { diaryForm } from "./diary.js";

const root = document.querySelector("[data-stretch-player]");
const source = document.getElementById("player-data");
const data = source && JSON.parse(source.textContent);
const items = data ? itemsOf(data) : [];
const RESUME_KEY = "player-session"; // sessionStorage: a running session survives a reload
const COUNTDOWN = 3;

const SWAP = { left: "right", right: "left", Left: "Right", Right: "Left" };
const otherSide = (text) => text.replace(/\b(left|right)\b/gi, (word) => SWAP[word] || word);
const esc = (text) => String(text).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

// "Set 1 of 2 · Left side · Repetition 2 of 3"; spoken with commas instead.
function where({ item, set, side, rep }, separator = " · ") {
  const { sets, repetitions } = items[item];
  return [sets > 1 && `Set ${set} of ${sets}`, SIDES[side], `Repetition ${rep} of ${repetitions}`]
    .filter(Boolean)
    .join(separator);
}

/** Each "When not to" and "Stop if" point once, however many stretches list it. */
function safetyList(field) {
  const seen = new Map();
  for (const { stretch } of items) {
    const holder = document.createElement("div");
    holder.innerHTML = stretch[field] || "";
    const points = holder.querySelectorAll("li");
    for (const point of points.length ? points : [holder]) {
      const text = point.textContent.trim();
      if (text && !seen.has(text)) seen.set(text, point.innerHTML);
    }
  }
  return [...seen.values()].map((html) => `<li>${html}</li>`).join("");
}

/** The page's safety net (when to get help), most urgent first, where the page has one. */
function safetyNet(net) {
  if (!net) return "";
  const list = (signs) => `<ul>${signs.map((sign) => `<li>${esc(sign)}</li>`).join("")}</ul>`;
  const emergency = net.emergency?.length
    ? `<p>Call ${esc(net.emergency_call.number)} or go to A&amp;E now if you have any of these:</p>${list(net.emergency)}`
    : "";
  const urgent = net.urgent?.length
    ? `<p>Call ${esc(net.urgent_call.label)} on ${esc(net.urgent_call.number)} today if you have any of these:</p>${list(net.urgent)}`
    : "";
  return emergency || urgent ? `<div class="player__net" data-safety-net><h3>When to get help</h3>${emergency}${urgent}</div>` : "";
}

if (root && items.length && items.every((item) => item.stretch.steps?.length && item.repetitions > 0 && item.sets > 0)) {
  const { phases, total } = plan(items);
  const routine = Boolean(data.items);
  const missing = routine ? data.items.filter((item) => !item.stretch).length : 0;
  const names = items.map((item) => esc(item.stretch.title));
  root.innerHTML = `<div data-screen="ready"><h2 class="player__title">${routine ? "Run this routine" : "Guided stretch"}</h2>
<p>${routine ? `${items.length} stretches` : "One stretch"}, about ${duration(total / 1000)}. Tap Start once: it moves on by itself${routine ? ` (${names.join(", ")})` : ""}.</p>
${missing ? `<p class="player__warning" data-missing>${missing === 1 ? "One stretch in this routine is" : `${missing} stretches in this routine are`} no longer in the library. The others will run.</p>` : ""}
<div class="player__safety">${safetyNet(data.safety_net)}<h3>When not to do ${routine ? "these stretches" : "this stretch"}</h3><ul class="prose">${safetyList("when_not_to_do_it")}</ul>
<h3>Stop if…</h3><ul class="prose">${safetyList("safety_notes")}</ul>
<p class="player__warning">Stop straight away if pain shoots down your leg, or you feel numbness or tingling. For numbness around the genitals or buttocks, or new trouble with your bladder or bowel, call 999 or go to A&amp;E.</p></div>
<div class="player__controls"><button type="button" class="button button--large" data-do="start">Start</button></div></div>
<div data-screen="play" hidden><p class="player__item"></p><p class="player__where"></p><h3 class="player__step" tabindex="-1"></h3>
<p class="player__instruction"></p><img class="player__image" alt="" hidden>
<div class="player__clock"><svg class="player__ring" viewBox="0 0 100 100" aria-hidden="true"><circle cx="50" cy="50" r="45"/><circle class="player__arc" cx="50" cy="50" r="45" pathLength="100"/></svg>
<p class="player__timer"><span class="player__seconds"></span><span class="player__unit">seconds</span></p></div>
<div class="player__controls"><button type="button" class="button" data-do="back">Back</button>
<button type="button" class="button" data-do="pause">Pause</button>
<button type="button" class="button" data-do="skip">Skip</button>
<button type="button" class="button button--quiet" data-do="stop">Stop</button></div></div>
<div data-screen="finished" hidden><h3 class="player__done" tabindex="-1"></h3><p class="player__summary"></p>
<div data-diary-entry></div>
<button type="button" class="button" data-do="again">Start again</button></div>
<p class="player__voice"><label><input type="checkbox" data-voice> Speak the steps aloud</label></p>
<p class="visually-hidden" aria-live="polite"></p>`;

  const $ = (selector) => root.querySelector(selector);
  const cues = createCues($("[aria-live]"));
  const seconds = $(".player__seconds");
  const unit = $(".player__unit");
  const pauseButton = $("[data-do=pause]");
  const image = $(".player__image");
  const voice = $("[data-voice]");
  const calm = matchMedia("(prefers-reduced-motion: reduce)");
  // startedAt: wall-clock ms at which the session's time 0 was; pausedAt: session ms when paused.
  let startedAt, pausedAt, index, counted, timer, ring, lock, wantLock, inerted = [];

  voice.checked = cues.voiceOn;
  voice.addEventListener("change", () => cues.setVoice(voice.checked));

  const elapsed = () => (pausedAt ?? Date.now() - startedAt);
  const phaseAt = (ms) => {
    let i = 0;
    while (i + 1 < phases.length && phases[i + 1].start <= ms) i++;
    return i;
  };

  function setState(state) {
    root.dataset.playerState = state;
    for (const part of root.querySelectorAll("[data-screen]")) {
      part.hidden = part.dataset.screen !== (state === "paused" ? "play" : state === "running" ? "play" : state);
    }
    focusMode(state === "running" || state === "paused");
    awake(state === "running");
    remember(state);
  }

  // Full screen where the browser allows; in any case the rest of the page is hidden and inert.
  function focusMode(on) {
    if (on === root.hasAttribute("data-focus")) return;
    root.toggleAttribute("data-focus", on);
    document.documentElement.classList.toggle("player-open", on);
    if (on) {
      for (let node = root; node.parentElement && node !== document.body; node = node.parentElement) {
        for (const sibling of node.parentElement.children) {
          if (sibling !== node && !sibling.inert && sibling.tagName !== "SCRIPT") {
            sibling.inert = true;
            inerted.push(sibling);
          }
        }
      }
      document.documentElement.requestFullscreen?.().catch(() => {});
    } else {
      inerted.forEach((node) => (node.inert = false));
      inerted = [];
      if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
    }
  }

  // Keep the screen on while a session runs, where the browser allows it.
  async function awake(on) {
    wantLock = on;
    if (!on) { lock?.release().catch(() => {}); lock = null; return; }
    if (lock || !navigator.wakeLock) return;
    try {
      const sentinel = await navigator.wakeLock.request("screen");
      if (wantLock && !lock) {
        lock = sentinel;
        sentinel.addEventListener("release", () => { if (lock === sentinel) lock = null; });
      } else sentinel.release();
    } catch { /* battery saver, or not allowed here: carry on without it */ }
  }

  // The phone locked, the tab went to the background, or it came back: trust the clock.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState !== "visible") return;
    if (root.dataset.playerState === "running") {
      awake(true);
      tick();
    }
  });

  function remember(state) {
    const key = location.pathname + location.search;
    if (state === "running" || state === "paused") {
      sessionStorage.setItem(RESUME_KEY, JSON.stringify({ key, startedAt, pausedAt }));
    } else sessionStorage.removeItem(RESUME_KEY);
  }

  function cueFor(phase, i) {
    const before = phases[i - 1];
    if (phase.rest) {
      // A rest belongs to what follows it: name the next stretch when the rest leads into one.
      const next = phases[i + 1];
      const coming = next.item !== before.item ? items[next.item].stretch.title : where(next, ", ");
      return `Rest for ${phase.seconds} seconds. Next: ${coming}.`;
    }
    const parts = [];
    const previous = before?.rest ? phases[i - 2] : before;
    if (!previous || previous.item !== phase.item) parts.push(`${items[phase.item].stretch.title}.`);
    else if (previous.side && previous.side !== phase.side) parts.push("Switch sides.");
    if (phase.n === 1) parts.push(`${where(phase, ", ")}.`);
    parts.push(`Step ${phase.n}: ${phase.step.instruction}`);
    if (phase.step.hold_seconds > 0) parts.push(`Hold for ${phase.seconds} seconds.`);
    return parts.join(" ");
  }

  function enter(i) {
    index = i;
    counted = false;
    const phase = phases[i];
    const item = items[phase.item];
    ring?.cancel();
    $(".player__item").textContent = routine ? `Stretch ${phase.item + 1} of ${items.length}: ${item.stretch.title}` : "";
    $(".player__where").textContent = phase.rest ? `Next: ${where(phases[i + 1])}` : where(phase);
    $(".player__step").textContent = phase.rest
      ? "Rest"
      : `Step ${phase.n} of ${item.stretch.steps.length}${phase.step.hold_seconds > 0 ? ": hold" : ""}`;
    $(".player__instruction").textContent = phase.rest
      ? "Relax and breathe. The player carries on by itself."
      : phase.step.instruction;
    const picture = phase.rest ? null : phase.step.image || item.stretch.illustration;
    image.hidden = !picture;
    if (picture) Object.assign(image, { src: picture.url, alt: picture.alt, width: picture.width, height: picture.height });
    // Pictures show the left side: for the right one the figure is mirrored, and so are its words.
    const mirrored = phase.side === "right";
    image.classList.toggle("player__image--mirrored", mirrored);
    image.dataset.side = phase.rest ? "" : phase.side;
    if (picture && mirrored) image.alt = otherSide(picture.alt);
    cues.say(cueFor(phase, i), { change: true });
    if (!calm.matches && root.dataset.playerState === "running") {
      const left = phase.start + phase.seconds * 1000 - elapsed();
      ring = $(".player__arc").animate([{ strokeDashoffset: 100 - (100 * left) / (phase.seconds * 1000) }, { strokeDashoffset: 100 }], {
        duration: left,
        fill: "forwards",
      });
    }
  }

  function tick() {
    clearTimeout(timer);
    const now = elapsed();
    if (now >= total) return finish();
    const i = phaseAt(now);
    if (i !== index) enter(i);
    const phase = phases[i];
    const ms = phase.start + phase.seconds * 1000 - now;
    const s = Math.ceil(ms / 1000);
    seconds.textContent = s;
    if (s <= COUNTDOWN && !counted && phase.seconds > COUNTDOWN + 2) {
      counted = true;
      cues.say(Array.from({ length: s }, (_, k) => s - k).join(", "));
    }
    if (pausedAt != null) return;
    // Wake when the shown number changes (a timer that fires early just wakes again,
    // a late one catches up): timing comes from the clock, not from counting ticks.
    timer = setTimeout(tick, Math.max(1, ms - (s - 1) * 1000));
  }

  // Jump to a point of the session (skip, back), keeping paused or running as it was.
  function seek(ms) {
    if (pausedAt != null) pausedAt = ms;
    else startedAt = Date.now() - ms;
    remember(root.dataset.playerState);
    tick();
  }

  function finish() {
    clearTimeout(timer);
    ring?.cancel();
    index = null;
    $(".player__done").textContent = "Well done! You have finished.";
    $(".player__summary").textContent = `${routine ? data.title : items[0].stretch.title}: ${duration(total / 1000)}${routine ? `, ${items.length} stretches` : ""}.`;
    setState("finished");
    cues.say("Well done. You have finished.", { change: true });
    $(".player__done").focus();
    diaryForm($("[data-diary-entry]"), { title: routine ? data.title : items[0].stretch.title, seconds: total / 1000 });
  }

  function start(at = 0, paused = null) {
    startedAt = Date.now() - at;
    pausedAt = paused;
    index = null;
    setState(paused == null ? "running" : "paused");
    pausedUI(paused != null);
    tick();
  }

  function pausedUI(paused) {
    pauseButton.textContent = paused ? "Resume" : "Pause";
    unit.textContent = paused ? "paused" : "seconds";
  }

  const actions = {
    start() {
      cues.unlock();
      start();
      $(".player__step").focus();
    },
    again() {
      setState("ready");
      $("[data-do=start]").focus();
    },
    pause() {
      if (pausedAt == null) {
        pausedAt = elapsed();
        clearTimeout(timer);
        ring?.pause();
        setState("paused");
        cues.quiet();
        cues.say("Paused");
      } else {
        startedAt = Date.now() - pausedAt;
        pausedAt = null;
        ring?.play();
        setState("running");
        cues.say("Resumed");
        tick();
      }
      pausedUI(pausedAt != null);
    },
    skip() {
      const next = phases[index + 1];
      if (next) seek(next.start);
      else seek(total);
    },
    back() {
      const phase = phases[index];
      // Early in a step, go to the one before; later, back to its beginning.
      const target = elapsed() - phase.start < 2000 && index > 0 ? phases[index - 1] : phase;
      index = null; // announce it again
      seek(target.start);
    },
    stop() {
      clearTimeout(timer);
      ring?.cancel();
      cues.quiet();
      cues.say("Stopped");
      setState("ready");
      $("[data-do=start]").focus();
    },
  };
  root.addEventListener("click", (event) => {
    const action = event.target.closest("[data-do]")?.dataset.do;
    if (action) actions[action]();
  });

  // A reload (or the phone discarding the tab) carries on where the clock says.
  const saved = JSON.parse(sessionStorage.getItem(RESUME_KEY) || "null");
  if (saved?.key === location.pathname + location.search) start(Date.now() - saved.startedAt, saved.pausedAt);
  else setState("ready");
  root.hidden = false;
}
