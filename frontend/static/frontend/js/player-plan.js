// The timeline a session runs, as a flat list of phases with their start times.
//
// Mirrors cms/dosage.py exactly (the API's total_seconds): every step lasts its
// hold, or its "get into position" time; "both" sides does every repetition on
// the left, then on the right; a rest comes before every repetition but the
// very first of the session. Nothing here touches the page, so the player and
// the "make your own routine" form share it.

export const SIDES = { left: "Left side", right: "Right side" };
const DEFAULT_POSITION_SECONDS = 5;

/** A stretch guide or a routine (both as the API serves them) as items to run. */
export function itemsOf(data) {
  if (!data.items) {
    const { repetitions, sets, sides, rest_seconds } = data;
    return [{ stretch: data, repetitions, sets, sides, rest_seconds, hold_seconds: null }];
  }
  return data.items.filter((item) => item.stretch).map((item) => ({ ...item.dosage, stretch: item.stretch }));
}

export function stepSeconds(step, holdOverride) {
  if (step.hold_seconds > 0) return holdOverride || step.hold_seconds;
  return step.seconds || step.position_seconds || DEFAULT_POSITION_SECONDS;
}

/** Phases `{ item, set, side, rep, step?, n?, rest?, seconds, start }`, start in ms. */
export function plan(items) {
  const phases = [];
  let start = 0;
  const push = (phase) => {
    phases.push({ ...phase, start });
    start += phase.seconds * 1000;
  };
  items.forEach((item, i) => {
    const sides = item.sides === "both" ? ["left", "right"] : [SIDES[item.sides] ? item.sides : ""];
    for (let set = 1; set <= item.sets; set++) {
      for (const side of sides) {
        for (let rep = 1; rep <= item.repetitions; rep++) {
          const at = { item: i, set, side, rep };
          if (phases.length && item.rest_seconds > 0) push({ ...at, rest: true, seconds: item.rest_seconds });
          item.stretch.steps.forEach((step, n) =>
            push({ ...at, step, n: n + 1, seconds: stepSeconds(step, item.hold_seconds) }),
          );
        }
      }
    }
  });
  return { phases, total: start };
}

/** "4 minutes 5 seconds" */
export function duration(seconds) {
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  const part = (n, unit) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  return [m && part(m, "minute"), (s || !m) && part(s, "second")].filter(Boolean).join(" ");
}
