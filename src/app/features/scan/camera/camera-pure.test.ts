import { describe, expect, it } from 'vitest';
import { makeCameraConstraints } from './camera-constraints.ts';
import { classifyCameraError } from './classify-camera-error.ts';
import { isDecodeDue } from './is-decode-due.ts';
import { pickPassText, type FrameRead } from './pick-pass-text.ts';
import { suppressHeldPass, type Sighting } from './suppress-held-pass.ts';

describe('classifyCameraError', () => {
  it.each([
    ['NotAllowedError', 'camera-denied'],
    ['PermissionDeniedError', 'camera-denied'],
    ['SecurityError', 'camera-denied'],
    ['NotFoundError', 'camera-missing'],
    ['DevicesNotFoundError', 'camera-missing'],
    ['OverconstrainedError', 'camera-missing'],
    ['NotReadableError', 'camera-busy'],
    ['TrackStartError', 'camera-busy'],
    ['AbortError', 'camera-busy'],
    ['TypeError', 'camera-unsupported'],
    ['SomethingNew', 'camera-failed'],
  ])('%s → %s', (name, problem) => {
    expect(classifyCameraError(new DOMException('x', name))).toBe(problem);
  });

  it('words anything without a name as a general failure', () => {
    expect(classifyCameraError('boom')).toBe('camera-failed');
    expect(classifyCameraError(null)).toBe('camera-failed');
  });
});

describe('makeCameraConstraints', () => {
  it('asks 1280×720 as ideal, never exact, and the back camera when none is chosen', () => {
    expect(makeCameraConstraints(undefined)).toEqual({
      audio: false,
      video: {
        width: { ideal: 1280 },
        height: { ideal: 720 },
        facingMode: { ideal: 'environment' },
      },
    });
  });

  it('asks exactly the camera the volunteer chose', () => {
    expect(makeCameraConstraints('cam-2')).toEqual({
      audio: false,
      video: { width: { ideal: 1280 }, height: { ideal: 720 }, deviceId: { exact: 'cam-2' } },
    });
  });
});

describe('pickPassText', () => {
  const code128 = (text: string, isValid = true): FrameRead => ({
    format: 'Code128',
    text,
    isValid,
  });
  const qr = (text: string, isValid = true): FrameRead => ({ format: 'QRCode', text, isValid });

  it.each<[string, FrameRead[], string | null]>([
    ['nothing read', [], null],
    ['Code 128 alone', [code128('12345678')], '12345678'],
    ['QR alone', [qr('12345678')], '12345678'],
    ['both symbols of one pass count once', [code128('12345678'), qr('12345678')], '12345678'],
    ['two different cards are ambiguous', [code128('12345678'), qr('87654321')], null],
    ['an invalid read is ignored', [code128('12345678', false), qr('12345678')], '12345678'],
    ['only invalid reads', [code128('99', false)], null],
    [
      'a format not printed on passes is ignored',
      [{ format: 'DataMatrix', text: '4006381333931', isValid: true }],
      null,
    ],
    [
      'an EAN-13 pass from before Buurtpas',
      [{ format: 'EAN13', text: '4006381333931', isValid: true }],
      '4006381333931',
    ],
    [
      'a Code 39 pass from before Buurtpas',
      [{ format: 'Code39', text: 'CJM00417', isValid: true }],
      'CJM00417',
    ],
    ['an empty text is ignored', [qr('')], null],
  ])('%s', (_, reads, expected) => {
    expect(pickPassText(reads)).toBe(expected);
  });
});

describe('suppressHeldPass', () => {
  function run(frames: [number, string | null][]): string[] {
    let sighting: Sighting = null;
    const sent: string[] = [];
    for (const [at, code] of frames) {
      const r = suppressHeldPass(sighting, code, at);
      sighting = r.sighting;
      if (r.send) sent.push(r.send);
    }
    return sent;
  }

  it('sends a card held in view once', () => {
    const held: [number, string | null][] = Array.from({ length: 100 }, (_, i) => [
      i * 100,
      '1234',
    ]);
    expect(run(held)).toEqual(['1234']);
  });

  it('sends a card again when it was away for the quiet time', () => {
    expect(
      run([
        [0, '1234'],
        [100, null],
        [1700, '1234'],
      ]),
    ).toEqual(['1234', '1234']);
  });

  it('does not send again when a few frames in between missed it', () => {
    expect(
      run([
        [0, '1234'],
        [100, null],
        [200, null],
        [300, '1234'],
      ]),
    ).toEqual(['1234']);
  });

  it('sends a second card at once', () => {
    expect(
      run([
        [0, '1234'],
        [100, '5678'],
      ]),
    ).toEqual(['1234', '5678']);
  });
});

describe('isDecodeDue', () => {
  it('decodes the first frame at once', () => {
    expect(isDecodeDue({ lastStartMs: null, busy: false, lastFrameTime: null }, 0, 0)).toBe(true);
  });
  it('waits the interval between decodes', () => {
    expect(isDecodeDue({ lastStartMs: 1000, busy: false, lastFrameTime: 1 }, 1099, 2)).toBe(false);
    expect(isDecodeDue({ lastStartMs: 1000, busy: false, lastFrameTime: 1 }, 1100, 2)).toBe(true);
  });
  it('never runs two decodes at once', () => {
    expect(isDecodeDue({ lastStartMs: 0, busy: true, lastFrameTime: 1 }, 5000, 2)).toBe(false);
  });
  it('never decodes the same video frame twice', () => {
    expect(isDecodeDue({ lastStartMs: 0, busy: false, lastFrameTime: 2 }, 5000, 2)).toBe(false);
  });
});
