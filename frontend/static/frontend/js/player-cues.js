// Cues a reader can follow without looking: a voice (Web Speech API), short tones
// (Web Audio API) when the phone has no voice, and the screen reader's live region.
//
// Each cue goes out once, on one channel: with the voice on, the live region stays
// quiet, or a screen reader would read every cue a second time over the voice.
// Everything here is built into the browser, so it all works offline.

const VOICE_KEY = "player-voice"; // localStorage: "off" when the reader turned it off

export function createCues(live) {
  const synth = window.speechSynthesis;
  let audio;

  const voiceWanted = () => localStorage.getItem(VOICE_KEY) !== "off";
  // Chromium without voices installed has the API but nothing to speak with.
  const voiceReady = () => Boolean(synth && synth.getVoices().length);

  function tone(long) {
    if (!audio) return;
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = long ? 660 : 880;
    gain.gain.setValueAtTime(0.2, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + (long ? 0.5 : 0.15));
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start();
    oscillator.stop(audio.currentTime + (long ? 0.5 : 0.15));
  }

  return {
    get voiceOn() {
      return voiceWanted();
    },
    setVoice(on) {
      localStorage.setItem(VOICE_KEY, on ? "on" : "off");
      if (!on) synth?.cancel();
    },
    /** Called from the Start tap: browsers only let sound start from a gesture. */
    unlock() {
      try {
        audio ||= new AudioContext();
        audio.resume();
      } catch {
        /* no Web Audio: the voice and the screen reader remain */
      }
    },
    /**
     * `change` is a new step or rest (it interrupts anything still being said);
     * otherwise a countdown that queues behind it.
     */
    say(text, { change = false } = {}) {
      const speaking = voiceWanted() && voiceReady();
      if (speaking) {
        if (change) synth.cancel();
        const utterance = new SpeechSynthesisUtterance(text);
        utterance.lang = "en-GB";
        synth.speak(utterance);
      } else if (voiceWanted()) {
        tone(change);
      }
      live.textContent = speaking ? "" : text;
    },
    quiet() {
      synth?.cancel();
    },
  };
}
