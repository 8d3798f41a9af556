// Guided stretch player: walks through a stretch guide's steps with hold timers,
// repetitions, sets, sides and rests. It reads the page's #stretch-data (the API
// representation) and makes no network calls, so it works offline.
//
// Time comes from performance.now(), so a timer stays right when the phone
// throttles it, and a test's fake clock can drive it. The controls are built once
// and never replaced, so keyboard focus stays on the button that was pressed.

const root = document.querySelector("[data-stretch-player]");
const source = document.getElementById("stretch-data");
const data = source && JSON.parse(source.textContent);
const SIDES = { left: "Left side", right: "Right side" };

// The whole session as a flat list of phases. "both" does every repetition on
// the left, then on the right; a rest comes between any two repetitions.
function plan() {
  const sides = data.sides === "both" ? ["left", "right"] : [SIDES[data.sides] ? data.sides : ""];
  const phases = [];
  for (let set = 1; set <= data.sets; set++) {
    for (const side of sides) {
      for (let rep = 1; rep <= data.repetitions; rep++) {
        const at = { set, side, rep };
        if (phases.length && data.rest_seconds > 0) phases.push({ ...at, rest: true, seconds: data.rest_seconds });
        data.steps.forEach((step, i) => phases.push({ ...at, step, n: i + 1, seconds: step.hold_seconds }));
      }
    }
  }
  return phases;
}

// "Set 1 of 2 · Left side · Repetition 2 of 3"; spoken with commas instead.
function where({ set, side, rep }, separator = " · ") {
  return [
    data.sets > 1 && `Set ${set} of ${data.sets}`,
    SIDES[side],
    `Repetition ${rep} of ${data.repetitions}`,
  ].filter(Boolean).join(separator);
}

// Nothing to guide without steps and at least one repetition and set: the page stays as written.
if (root && data?.steps?.length && data.repetitions > 0 && data.sets > 0) {
  root.innerHTML = `<h2 class="player__title">Guided stretch</h2>
<div data-screen="start"><p>Before you start, read <a href="#when-to-get-help">when to get help</a>, <a href="#not-heading">when not to do this stretch</a> and <a href="#safety-heading">when to stop</a> above.</p>
<p>Then follow the steps one at a time, with a timer for each hold and the rests in between.</p>
<button type="button" class="button button--large" data-do="safety">Start guided stretch</button></div>
<div data-screen="safety" hidden><h3 tabindex="-1">Before you start</h3><div class="prose player__notes"></div>
<p class="player__warning">Stop straight away if pain shoots down your leg, or you feel numbness or tingling.</p>
<p><a href="#not-heading">When not to do this stretch</a></p>
<div class="player__controls"><button type="button" class="button" data-do="begin">I'm ready, start</button>
<button type="button" class="button button--quiet" data-do="stop">Not now</button></div></div>
<div data-screen="play" hidden><p class="player__where"></p><h3 class="player__step" tabindex="-1"></h3>
<p class="player__instruction"></p><img class="player__image" alt="" hidden>
<div class="player__clock"><svg class="player__ring" viewBox="0 0 100 100" aria-hidden="true"><circle cx="50" cy="50" r="45"/><circle class="player__arc" cx="50" cy="50" r="45" pathLength="100"/></svg>
<p class="player__timer"><span class="player__seconds"></span><span class="player__unit">seconds</span></p></div>
<div class="player__controls"><button type="button" class="button" data-do="pause">Pause</button>
<button type="button" class="button" data-do="next">Next</button>
<button type="button" class="button button--quiet" data-do="stop">Stop</button></div></div>
<div data-screen="done" hidden><p class="player__done" tabindex="-1"></p>
<button type="button" class="button" data-do="safety">Start again</button></div>
<p class="visually-hidden" aria-live="polite"></p>`;

  const $ = (selector) => root.querySelector(selector);
  const live = $("[aria-live]");
  const clock = $(".player__clock");
  const seconds = $(".player__seconds");
  const unit = $(".player__unit");
  const pauseButton = $("[data-do=pause]");
  const nextButton = $("[data-do=next]");
  const image = $(".player__image");
  const calm = matchMedia("(prefers-reduced-motion: reduce)");
  let phases, index, endsAt, left, timer, ring, lock, wantLock;

  const say = (message) => { live.textContent = message; };

  function screen(name, focus) {
    for (const part of root.querySelectorAll("[data-screen]")) part.hidden = part.dataset.screen !== name;
    if (focus) $(focus).focus();
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
  // The browser drops the lock when the page is hidden; take it back on return.
  document.addEventListener("visibilitychange", () => {
    if (wantLock && document.visibilityState === "visible") awake(true);
  });

  function tick() {
    const ms = endsAt - performance.now();
    if (ms <= 0) return next();
    const s = Math.ceil(ms / 1000);
    if (seconds.textContent !== String(s)) {
      seconds.textContent = s;
      const total = phases[index].seconds;
      if (s === 10 && total > 10) say("10 seconds left");
      if (s === 3 && total > 5) say("3, 2, 1");
    }
    // Wake just after the shown number changes; timing comes from the clock, not the count.
    timer = setTimeout(tick, ms - (s - 1) * 1000 + 10);
  }

  function show() {
    const phase = phases[index];
    const last = index === phases.length - 1;
    const before = phases[index - 1];
    const timed = phase.seconds > 0;
    clearTimeout(timer);
    ring?.cancel();
    $(".player__where").textContent = phase.rest ? `Next: ${where(phase)}` : where(phase);
    $(".player__step").textContent = phase.rest ? "Rest" : `Step ${phase.n} of ${data.steps.length}`;
    $(".player__instruction").textContent = phase.rest
      ? "Relax and breathe. The next repetition starts by itself."
      : phase.step.instruction;
    image.hidden = !phase.step?.image;
    if (!image.hidden) {
      const { url, alt, width, height } = phase.step.image;
      Object.assign(image, { src: url, alt, width, height });
    }
    clock.hidden = !timed;
    if (pauseButton === document.activeElement && !timed) nextButton.focus();
    pauseButton.hidden = !timed;
    pauseButton.textContent = "Pause";
    unit.textContent = "seconds";
    nextButton.textContent = phase.rest ? "Skip rest" : last ? "Finish" : "Next";
    if (phase.rest) {
      say(`Rest for ${phase.seconds} seconds. Next: ${where(phase, ", ")}.`);
    } else {
      // Say where we are only when it changes: at the first step of a repetition.
      const moved = !before || before.rest || where(before) !== where(phase);
      const hold = timed ? ` Hold for ${phase.seconds} seconds.` : "";
      say(`${moved ? where(phase, ", ") + ". " : ""}Step ${phase.n}: ${phase.step.instruction}${hold}`);
    }
    awake(true);
    if (!timed) return;
    seconds.textContent = phase.seconds;
    endsAt = performance.now() + phase.seconds * 1000;
    if (!calm.matches) {
      ring = $(".player__arc").animate([{ strokeDashoffset: 0 }, { strokeDashoffset: 100 }], {
        duration: phase.seconds * 1000,
        fill: "forwards",
      });
    }
    tick();
  }

  function next() {
    index += 1;
    if (index < phases.length) return show();
    end(true);
  }

  // Focus goes to the message itself, which a screen reader then reads once
  // (a live announcement as well would be read twice).
  function end(done) {
    clearTimeout(timer);
    ring?.cancel();
    awake(false);
    left = null;
    $(".player__done").textContent = done ? "Well done! You have finished this stretch." : "";
    say(done ? "" : "Stopped");
    screen(done ? "done" : "start", done ? ".player__done" : "[data-do=safety]");
  }

  const actions = {
    safety() {
      $(".player__notes").innerHTML = data.safety_notes;
      screen("safety", "[data-screen=safety] h3");
    },
    begin() {
      phases = plan();
      index = 0;
      left = null;
      screen("play");
      show();
      $(".player__step").focus();
    },
    pause() {
      if (left == null) {
        clearTimeout(timer);
        left = endsAt - performance.now();
        ring?.pause();
        awake(false);
        pauseButton.textContent = "Resume";
        unit.textContent = "paused";
        say("Paused");
      } else {
        endsAt = performance.now() + left;
        left = null;
        ring?.play();
        awake(true);
        pauseButton.textContent = "Pause";
        unit.textContent = "seconds";
        say("Resumed");
        tick();
      }
    },
    next() {
      left = null;
      next();
    },
    stop() {
      end(false);
    },
  };
  root.addEventListener("click", (event) => {
    const action = event.target.closest("[data-do]")?.dataset.do;
    if (action) actions[action]();
  });
  root.hidden = false;
}
