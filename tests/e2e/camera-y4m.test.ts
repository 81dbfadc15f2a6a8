import { describe, expect, it } from 'vitest';
import { encodeY4m, rgbaToI420, type RgbaFrame } from './camera-pass-video.ts';

function solid(width: number, height: number, [r, g, b]: [number, number, number]): RgbaFrame {
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < rgba.length; i += 4) rgba.set([r, g, b, 255], i);
  return { width, height, rgba };
}

describe('rgbaToI420', () => {
  it.each<[string, [number, number, number], [number, number, number]]>([
    ['white', [255, 255, 255], [235, 128, 128]],
    ['black', [0, 0, 0], [16, 128, 128]],
    ['red', [255, 0, 0], [81, 90, 240]],
    ['green', [0, 255, 0], [145, 54, 34]],
    ['blue', [0, 0, 255], [41, 240, 110]],
  ])('%s in BT.601 limited range', (_, rgb, [y, u, v]) => {
    const out = rgbaToI420(solid(4, 2, rgb));
    expect(out.length).toBe(8 + 2 + 2);
    expect([...out.subarray(0, 8)]).toEqual(Array(8).fill(y));
    expect([...out.subarray(8, 10)]).toEqual([u, u]);
    expect([...out.subarray(10, 12)]).toEqual([v, v]);
  });

  it('keeps luma per pixel and averages chroma over 2×2 blocks', () => {
    const frame = solid(2, 2, [255, 255, 255]);
    frame.rgba.set([0, 0, 0, 255], 0);
    const out = rgbaToI420(frame);
    expect([...out.subarray(0, 4)]).toEqual([16, 235, 235, 235]);
    expect([...out.subarray(4)]).toEqual([128, 128]);
  });

  it('refuses an odd size, which I420 cannot hold', () => {
    expect(() => rgbaToI420(solid(3, 2, [0, 0, 0]))).toThrow(RangeError);
  });
});

describe('encodeY4m', () => {
  it('writes the header once and FRAME plus the planes per frame', () => {
    const a = solid(4, 2, [255, 255, 255]);
    const b = solid(4, 2, [0, 0, 0]);
    const file = encodeY4m([a, b], 10);
    const header = 'YUV4MPEG2 W4 H2 F10:1 Ip A1:1 C420jpeg\n';
    expect(file.subarray(0, header.length).toString('latin1')).toBe(header);
    const frameBytes = 'FRAME\n'.length + 12;
    expect(file.length).toBe(header.length + 2 * frameBytes);
    expect(file.subarray(header.length, header.length + 6).toString('latin1')).toBe('FRAME\n');
    expect(file[header.length + 6]).toBe(235);
    expect(file[header.length + frameBytes + 6]).toBe(16);
  });

  it('refuses frames of different sizes and an empty film', () => {
    expect(() => encodeY4m([solid(4, 2, [0, 0, 0]), solid(2, 2, [0, 0, 0])], 10)).toThrow(
      RangeError,
    );
    expect(() => encodeY4m([], 10)).toThrow(RangeError);
  });
});
