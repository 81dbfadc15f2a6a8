import { describe, expect, it } from 'vitest';
import { createFeedbackSound, TONES, type SoundKind } from './feedback-sound.ts';
import { describeWriteError } from './describe-write-error.ts';
import { soundOf, type DeskResult } from './desk-result.ts';

type Scheduled = { hz: number; start: number; stop: number };

function fakeContext(state = 'suspended') {
  const scheduled: Scheduled[] = [];
  let resumed = 0;
  const param = () => ({
    value: 0,
    setValueAtTime: () => undefined,
    linearRampToValueAtTime: () => undefined,
  });
  const ctx = {
    state,
    currentTime: 5,
    destination: {} as AudioNode,
    resume: async () => {
      resumed += 1;
    },
    createGain: () => ({ gain: param(), connect: (n: unknown) => n }) as unknown as GainNode,
    createOscillator: () => {
      const osc = {
        type: 'sine',
        frequency: param(),
        connect: (n: unknown) => n,
        start: (t: number) => scheduled.push({ hz: osc.frequency.value, start: t, stop: NaN }),
        stop: (t: number) => (scheduled.at(-1)!.stop = t),
      };
      return osc as unknown as OscillatorNode;
    },
  };
  return { ctx, scheduled, resumed: () => resumed };
}

describe('feedback sound', () => {
  it('plays a distinct pattern of 60–120 ms tones per outcome', () => {
    const kinds = Object.keys(TONES) as SoundKind[];
    const patterns = new Set(kinds.map((k) => JSON.stringify(TONES[k])));
    expect(patterns.size).toBe(kinds.length);
    for (const k of kinds)
      for (const tone of TONES[k])
        expect(tone.ms >= 60 && tone.ms <= 120, `${k} ${tone.ms}`).toBe(true);
  });

  it('creates and resumes the AudioContext on first use and schedules the tones', () => {
    const fake = fakeContext();
    const sound = createFeedbackSound(() => fake.ctx);
    sound.unlock();
    expect(fake.resumed()).toBe(1);
    sound.play('welcome');
    expect(fake.scheduled.map((s) => s.hz)).toEqual([660, 990]);
    const first = fake.scheduled[0]!;
    expect(Math.round((first.stop - first.start) * 1000)).toBe(80);
  });

  it('is silent and harmless without Web Audio (jsdom)', () => {
    const sound = createFeedbackSound(null);
    expect(() => {
      sound.unlock();
      sound.play('error');
    }).not.toThrow();
    const broken = createFeedbackSound(() => {
      throw new Error('no audio device');
    });
    expect(() => broken.play('unknown')).not.toThrow();
  });
});

describe('describeWriteError', () => {
  it('recognises a full disk, also wrapped by Dexie', () => {
    expect(describeWriteError(new DOMException('x', 'QuotaExceededError'))).toEqual({
      key: 'app.storageFull',
    });
    expect(
      describeWriteError(
        Object.assign(new Error('Transaction aborted'), {
          name: 'AbortError',
          inner: { name: 'QuotaExceededError' },
        }),
      ),
    ).toEqual({ key: 'app.storageFull' });
  });

  it('passes the first line of anything else as the detail', () => {
    expect(
      describeWriteError(
        Object.assign(new Error('Database has been closed\nstack'), {
          name: 'DatabaseClosedError',
        }),
      ),
    ).toEqual({ key: 'app.writeFailed', detail: 'Database has been closed' });
  });
});

describe('soundOf', () => {
  const contribution = (kind: 'paid' | 'unpaid') =>
    ({
      year: 2026,
      associationId: 'bv-cjm',
      status:
        kind === 'paid'
          ? { kind, paidCents: 250, dueCents: 250 }
          : { kind, dueCents: 250, openCents: 250 },
    }) as const;
  it.each<[DeskResult, string]>([
    [
      { kind: 'welcome', name: 'A', at: '', contribution: contribution('paid'), registered: false },
      'welcome',
    ],
    [
      {
        kind: 'welcome',
        name: 'A',
        at: '',
        contribution: contribution('unpaid'),
        registered: false,
      },
      'owed',
    ],
    [
      { kind: 'already-here', name: 'A', sinceAt: '', contribution: contribution('paid') },
      'already-here',
    ],
    [{ kind: 'unknown', code: '123456' }, 'unknown'],
    [{ kind: 'invalid', reason: 'pass-too-short' }, 'error'],
    [{ kind: 'revoked', code: '123456' }, 'error'],
  ])('%o sounds %s', (result, kind) => {
    expect(soundOf(result)).toBe(kind);
  });
});
