/**
 * A short, distinct sound per scan outcome, made with Web Audio (no audio files to precache).
 * Browsers keep an AudioContext suspended until a user gesture, so the context is created and
 * resumed on the first pointer or key press; a scan itself is a key press, so the first scan of
 * the day already sounds. Where Web Audio is missing (jsdom, locked-down browsers) it is silent.
 */
export type SoundKind = 'welcome' | 'already-here' | 'owed' | 'unknown' | 'error';

type Tone = { hz: number; ms: number };

/** 60–120 ms tones; rising for good news, falling and low for a problem. */
export const TONES: Record<SoundKind, readonly Tone[]> = {
  welcome: [
    { hz: 660, ms: 80 },
    { hz: 990, ms: 100 },
  ],
  'already-here': [{ hz: 740, ms: 90 }],
  owed: [
    { hz: 880, ms: 70 },
    { hz: 660, ms: 70 },
    { hz: 880, ms: 70 },
  ],
  unknown: [
    { hz: 520, ms: 110 },
    { hz: 520, ms: 110 },
  ],
  error: [
    { hz: 330, ms: 120 },
    { hz: 220, ms: 120 },
  ],
};

type AudioContextLike = {
  state: string;
  currentTime: number;
  destination: AudioNode;
  resume: () => Promise<void>;
  createOscillator: () => OscillatorNode;
  createGain: () => GainNode;
};

export type FeedbackSound = { play: (kind: SoundKind) => void; unlock: () => void };

export function createFeedbackSound(
  makeContext: (() => AudioContextLike) | null = defaultContextMaker(),
): FeedbackSound {
  let context: AudioContextLike | null = null;
  const unlock = () => {
    if (!makeContext) return;
    try {
      context ??= makeContext();
      if (context.state === 'suspended') void context.resume().catch(() => undefined);
    } catch {
      // No sound is better than a broken desk.
    }
  };
  const play = (kind: SoundKind) => {
    unlock();
    const ctx = context;
    if (!ctx) return;
    try {
      let start = ctx.currentTime + 0.01;
      for (const tone of TONES[kind]) {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.type = 'sine';
        osc.frequency.value = tone.hz;
        const end = start + tone.ms / 1000;
        // A short ramp avoids the click of a tone that starts or stops at full volume.
        gain.gain.setValueAtTime(0, start);
        gain.gain.linearRampToValueAtTime(0.25, start + 0.01);
        gain.gain.setValueAtTime(0.25, end - 0.015);
        gain.gain.linearRampToValueAtTime(0, end);
        osc.connect(gain).connect(ctx.destination);
        osc.start(start);
        osc.stop(end);
        start = end + 0.03;
      }
    } catch {
      // Ignore: the card on screen carries the same message.
    }
  };
  return { play, unlock };
}

function defaultContextMaker(): (() => AudioContextLike) | null {
  const Ctor = (globalThis as { AudioContext?: new () => AudioContextLike }).AudioContext;
  return Ctor ? () => new Ctor() : null;
}
