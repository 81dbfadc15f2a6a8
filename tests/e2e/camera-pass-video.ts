/**
 * Webcam scenes of a printed pass, made in the test itself: bwip-js draws the pass's Code 128 and
 * QR as SVG, Chromium paints the scene (desk, card, blur, noise, dim light) on a canvas, and the
 * pixels are written as a YUV4MPEG2 file for Chromium's fake camera
 * (`--use-file-for-fake-video-capture`). No ffmpeg needed. Used by tests/e2e/camera-scan.test.ts
 * and bench/camera-decode.ts.
 */
import { writeFileSync } from 'node:fs';
import bwipjs from 'bwip-js/node';
import type { Page } from 'playwright-core';
import { launchChromium } from './support/chromium.ts';

export type PassScene = {
  width: number;
  height: number;
  /** Without a card: the empty desk the camera sees before the pass is held up. */
  card: null | {
    /** Card width as a fraction of the frame width. */
    widthFraction: number;
    rotationDeg?: number;
    /** Card centre as fractions of the frame. */
    centreX?: number;
    centreY?: number;
  };
  blurPx?: number;
  /** Standard deviation of sensor noise, in 0–255 grey levels. */
  noise?: number;
  /** 1 = normal light; 0.45 = a dim room (less contrast, darker). */
  light?: number;
  /** A dark desk edge ending just left of the card: what breaks @zxing/library's Code 128. */
  darkEdge?: boolean;
  seed?: number;
};

export type RgbaFrame = { width: number; height: number; rgba: Uint8Array };

/**
 * tsx (esbuild with keepNames) wraps functions in `__name(...)`, which then fails inside
 * page.evaluate: the page has no such helper. Defining a no-op one makes the same code run under
 * tsx (benchmarks) and vitest (tests).
 */
export async function definePageNameHelper(page: Page): Promise<void> {
  await page.evaluate('globalThis.__name ??= (fn) => fn');
}

export function makePassSymbols(passNumber: string): { code128: string; qr: string } {
  const code128 = bwipjs.toSVG({ bcid: 'code128', text: passNumber });
  // BWIPP's default QR error correction is M.
  const qr = bwipjs.toSVG({ bcid: 'qrcode', text: passNumber });
  const toDataUrl = (svg: string) =>
    `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  return { code128: toDataUrl(code128), qr: toDataUrl(qr) };
}

/**
 * Paints the scenes in `page` (any page; nothing is loaded into it) and returns their RGBA pixels.
 * The card follows the printed pass: ID-1 (85,6 × 54 mm), Code 128 across the top half with its
 * quiet zones, the QR bottom right, the number in text bottom left.
 */
export async function renderPassScenes(
  page: Page,
  passNumber: string,
  scenes: PassScene[],
): Promise<RgbaFrame[]> {
  const symbols = makePassSymbols(passNumber);
  const frames: RgbaFrame[] = [];
  await definePageNameHelper(page);
  for (const scene of scenes) {
    const base64 = await page.evaluate(
      async ({ scene, symbols, passNumber }) => {
        const load = (src: string) =>
          new Promise<HTMLImageElement>((res, rej) => {
            const img = new Image();
            img.onload = () => res(img);
            img.onerror = () => rej(new Error('symbol did not load'));
            img.src = src;
          });
        const [code128, qr] = await Promise.all([load(symbols.code128), load(symbols.qr)]);
        const { width, height } = scene;
        const canvas = document.createElement('canvas');
        canvas.width = width;
        canvas.height = height;
        const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
        // The desk: a warm grey-brown surface with a soft light gradient.
        const desk = ctx.createLinearGradient(0, 0, width, height);
        desk.addColorStop(0, '#8a7a66');
        desk.addColorStop(1, '#6b5d4c');
        ctx.fillStyle = desk;
        ctx.fillRect(0, 0, width, height);
        const card = scene.card;
        const cardW = card ? card.widthFraction * width : 0;
        const cardH = cardW * (54 / 85.6);
        const cx = (card?.centreX ?? 0.5) * width;
        const cy = (card?.centreY ?? 0.5) * height;
        if (scene.darkEdge) {
          ctx.fillStyle = '#141414';
          ctx.fillRect(0, 0, card ? cx - cardW / 2 : width * 0.3, height);
        }
        if (card) {
          ctx.save();
          ctx.translate(cx, cy);
          ctx.rotate(((card.rotationDeg ?? 0) * Math.PI) / 180);
          ctx.shadowColor = 'rgba(0,0,0,0.35)';
          ctx.shadowBlur = cardW * 0.03;
          ctx.fillStyle = '#ffffff';
          const r = cardW * 0.04;
          ctx.beginPath();
          ctx.roundRect(-cardW / 2, -cardH / 2, cardW, cardH, r);
          ctx.fill();
          ctx.shadowColor = 'transparent';
          // Title band.
          ctx.fillStyle = '#0b5d4b';
          ctx.fillRect(-cardW / 2, -cardH / 2 + r, cardW, cardH * 0.13);
          ctx.fillStyle = '#ffffff';
          ctx.font = `bold ${Math.round(cardH * 0.09)}px sans-serif`;
          ctx.textBaseline = 'middle';
          ctx.fillText('Buurtpas', -cardW / 2 + cardW * 0.05, -cardH / 2 + r + cardH * 0.065);
          // Code 128: 60 % of the card width, quiet zones of 10 modules on either side stay white.
          const barW = cardW * 0.6;
          const barH = cardH * 0.3;
          ctx.drawImage(code128, -cardW / 2 + cardW * 0.08, -cardH / 2 + cardH * 0.22, barW, barH);
          // QR bottom right, number bottom left.
          const qrSize = cardH * 0.38;
          ctx.drawImage(
            qr,
            cardW / 2 - qrSize - cardW * 0.05,
            cardH / 2 - qrSize - cardH * 0.06,
            qrSize,
            qrSize,
          );
          ctx.fillStyle = '#1b1e21';
          ctx.font = `${Math.round(cardH * 0.1)}px monospace`;
          ctx.fillText(passNumber, -cardW / 2 + cardW * 0.08, cardH / 2 - cardH * 0.18);
          ctx.restore();
        }
        if (scene.blurPx) {
          const copy = document.createElement('canvas');
          copy.width = width;
          copy.height = height;
          copy.getContext('2d')!.drawImage(canvas, 0, 0);
          ctx.filter = `blur(${scene.blurPx}px)`;
          ctx.drawImage(copy, 0, 0);
          ctx.filter = 'none';
        }
        const image = ctx.getImageData(0, 0, width, height);
        const px = image.data;
        const light = scene.light ?? 1;
        const noise = scene.noise ?? 0;
        let s = (scene.seed ?? 1) >>> 0;
        const uniform = () => ((s = (s * 1664525 + 1013904223) >>> 0) + 0.5) / 4294967296;
        if (light !== 1 || noise > 0) {
          for (let i = 0; i < px.length; i += 4) {
            // One noise value per pixel on all channels, like a webcam's luminance noise.
            const n =
              noise > 0
                ? noise * Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform())
                : 0;
            for (let c = 0; c < 3; c++) {
              // Dim light lifts the blacks a little and lowers the whites: less contrast.
              const v = 20 * (1 - light) + px[i + c]! * light + n;
              px[i + c] = v < 0 ? 0 : v > 255 ? 255 : v;
            }
          }
        }
        const bytes = new Uint8Array(px.buffer);
        let binary = '';
        for (let i = 0; i < bytes.length; i += 0x8000)
          binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        return btoa(binary);
      },
      { scene, symbols, passNumber },
    );
    frames.push({
      width: scene.width,
      height: scene.height,
      rgba: new Uint8Array(Buffer.from(base64, 'base64')),
    });
  }
  return frames;
}

/** RGBA to planar I420 (BT.601, limited range, chroma averaged over 2×2), as webcams deliver it. */
export function rgbaToI420(frame: RgbaFrame): Uint8Array {
  const { width, height, rgba } = frame;
  if (width % 2 !== 0 || height % 2 !== 0)
    throw new RangeError('I420 needs an even width and height');
  const ySize = width * height;
  const cSize = ySize / 4;
  const out = new Uint8Array(ySize + 2 * cSize);
  for (let i = 0, p = 0; i < ySize; i++, p += 4) {
    out[i] = Math.round(
      16 + (65.481 * rgba[p]! + 128.553 * rgba[p + 1]! + 24.966 * rgba[p + 2]!) / 255,
    );
  }
  const halfW = width / 2;
  for (let y = 0; y < height / 2; y++) {
    for (let x = 0; x < halfW; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const) {
        const p = ((2 * y + dy) * width + (2 * x + dx)) * 4;
        r += rgba[p]!;
        g += rgba[p + 1]!;
        b += rgba[p + 2]!;
      }
      r /= 4;
      g /= 4;
      b /= 4;
      out[ySize + y * halfW + x] = Math.round(128 + (-37.797 * r - 74.203 * g + 112 * b) / 255);
      out[ySize + cSize + y * halfW + x] = Math.round(
        128 + (112 * r - 93.786 * g - 18.214 * b) / 255,
      );
    }
  }
  return out;
}

/** A YUV4MPEG2 stream: one header line, then `FRAME\n` and the I420 planes per frame. */
export function encodeY4m(frames: RgbaFrame[], fps: number): Buffer {
  const first = frames[0];
  if (!first) throw new RangeError('a video needs at least one frame');
  const parts: Uint8Array[] = [
    Buffer.from(`YUV4MPEG2 W${first.width} H${first.height} F${fps}:1 Ip A1:1 C420jpeg\n`),
  ];
  for (const frame of frames) {
    if (frame.width !== first.width || frame.height !== first.height)
      throw new RangeError('all frames must have one size');
    parts.push(Buffer.from('FRAME\n'), rgbaToI420(frame));
  }
  return Buffer.concat(parts);
}

/**
 * The fake camera's film: the empty desk for `deskSeconds`, then the card held up for
 * `cardSeconds`. Chromium loops the file, so the card comes back every cycle.
 */
export async function writePassVideo(
  page: Page,
  path: string,
  passNumber: string,
  options: {
    width: number;
    height: number;
    fps?: number;
    deskSeconds?: number;
    cardSeconds?: number;
    card?: PassScene['card'];
    /** Light, noise, blur and the dark desk edge, for both the desk and the card frames. */
    scene?: Omit<PassScene, 'width' | 'height' | 'card'>;
  } = { width: 1280, height: 720 },
): Promise<void> {
  const fps = options.fps ?? 10;
  const [desk, card] = await renderPassScenes(page, passNumber, [
    { ...options.scene, width: options.width, height: options.height, card: null },
    {
      ...options.scene,
      width: options.width,
      height: options.height,
      card: options.card ?? { widthFraction: 0.5, rotationDeg: 2 },
    },
  ]);
  const frames = [
    // Zero desk seconds: the card is in view from the first frame.
    ...Array.from({ length: Math.round(fps * (options.deskSeconds ?? 1)) }, () => desk!),
    ...Array.from({ length: Math.round(fps * (options.cardSeconds ?? 1)) }, () => card!),
  ];
  writeFileSync(path, encodeY4m(frames, fps));
}

/** A film of the card alone, in view from the first frame (the camera benchmarks' first press). */
export const CARD_ONLY_FILM = {
  width: 1280,
  height: 720,
  fps: 10,
  deskSeconds: 0,
  cardSeconds: 1,
  card: { widthFraction: 0.45, rotationDeg: 2 },
} as const;

/** `writePassVideo` in a Chromium of its own, started and closed here (the painter). */
export async function paintPassVideo(
  path: string,
  passNumber: string,
  options: Parameters<typeof writePassVideo>[3],
): Promise<void> {
  const painter = await launchChromium();
  try {
    await writePassVideo(await painter.newPage(), path, passNumber, options);
  } finally {
    await painter.close();
  }
}
