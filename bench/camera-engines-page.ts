/// <reference types="vite/client" />
/**
 * Runs inside Chromium (served by Vite in bench/camera-decode.ts): the two decoding engines on the
 * same frames, and the card-in-view-to-result loop on the fake camera. zxing-wasm is called through
 * the app's own decoder module (same options, same wasm from our origin); @zxing/library through
 * @zxing/browser's BrowserMultiFormatReader with the same formats and no TRY_HARDER.
 */
import { BarcodeFormat, BrowserMultiFormatReader } from '@zxing/browser';
import { DecodeHintType } from '@zxing/library';
import { readBarcodes } from 'zxing-wasm/reader';
import {
  PASS_READER_OPTIONS,
  prepareDecoder,
} from '../src/app/features/scan/camera/pass-decoder.ts';
import { makeCameraConstraints } from '../src/app/features/scan/camera/camera-constraints.ts';

export type Engine = 'zxing-js' | 'zxing-wasm';
export type Symbols = 'both' | 'code128' | 'qr';
export type FrameResult = { texts: string[]; ms: number };

const JS_FORMATS: Record<Symbols, BarcodeFormat[]> = {
  both: [BarcodeFormat.CODE_128, BarcodeFormat.QR_CODE],
  code128: [BarcodeFormat.CODE_128],
  qr: [BarcodeFormat.QR_CODE],
};
const WASM_FORMATS: Record<Symbols, ('Code128' | 'QRCode')[]> = {
  both: ['Code128', 'QRCode'],
  code128: ['Code128'],
  qr: ['QRCode'],
};

const jsReaders = new Map<Symbols, BrowserMultiFormatReader>();
function jsReader(symbols: Symbols): BrowserMultiFormatReader {
  let reader = jsReaders.get(symbols);
  if (!reader) {
    reader = new BrowserMultiFormatReader(
      new Map([[DecodeHintType.POSSIBLE_FORMATS, JS_FORMATS[symbols]]]),
    );
    jsReaders.set(symbols, reader);
  }
  return reader;
}

function jsDecode(canvas: HTMLCanvasElement, symbols: Symbols): string[] {
  try {
    return [jsReader(symbols).decodeFromCanvas(canvas).getText()];
  } catch {
    // NotFoundException, ChecksumException, FormatException: nothing read in this frame.
    return [];
  }
}

async function wasmDecode(canvas: HTMLCanvasElement, symbols: Symbols): Promise<string[]> {
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
  const reads = await readBarcodes(image, {
    ...PASS_READER_OPTIONS,
    formats: WASM_FORMATS[symbols],
  });
  return reads.filter((r) => r.isValid).map((r) => r.text);
}

function canvasFromBase64(width: number, height: number, base64: string): HTMLCanvasElement {
  const binary = atob(base64);
  const data = new Uint8ClampedArray(binary.length);
  for (let i = 0; i < binary.length; i++) data[i] = binary.charCodeAt(i);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas
    .getContext('2d', { willReadFrequently: true })!
    .putImageData(new ImageData(data, width, height), 0, 0);
  return canvas;
}

const frames: HTMLCanvasElement[] = [];

export async function prepare(): Promise<number> {
  const started = performance.now();
  await prepareDecoder();
  return performance.now() - started;
}

export function addFrame(width: number, height: number, base64: string): number {
  frames.push(canvasFromBase64(width, height, base64));
  return frames.length - 1;
}

/** Decodes one stored frame; the time includes reading the pixels, as the scanner does. */
export async function decodeFrame(
  index: number,
  engine: Engine,
  symbols: Symbols,
): Promise<FrameResult> {
  const canvas = frames[index]!;
  const started = performance.now();
  const texts =
    engine === 'zxing-js' ? jsDecode(canvas, symbols) : await wasmDecode(canvas, symbols);
  return { texts, ms: performance.now() - started };
}

/**
 * The fake camera shows the empty desk, then the card, in a loop. For `cycles` appearances of the
 * card: the time from the first video frame with the card in it to the first decode of the pass
 * number, decoding every 100 ms as the scanner does. The card is seen by a cheap brightness probe
 * on every video frame (the card is white, the desk is not).
 */
export async function measureCardToResult(
  engine: Engine,
  passNumber: string,
  cycles: number,
  timeoutMs: number,
): Promise<{ latencies: number[]; misses: number; track: MediaTrackSettings; wrong: string[] }> {
  await prepareDecoder();
  const stream = await navigator.mediaDevices.getUserMedia(makeCameraConstraints(undefined));
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  await video.play();
  const probe = document.createElement('canvas');
  probe.width = 32;
  probe.height = 18;
  const probeCtx = probe.getContext('2d', { willReadFrequently: true })!;
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  const latencies: number[] = [];
  const wrong: string[] = [];
  let misses = 0;
  let cardSince: number | null = null;
  let counted = false;
  let busy = false;
  let lastDecode = 0;
  const deadline = performance.now() + timeoutMs;

  await new Promise<void>((resolve) => {
    const onVideoFrame = () => {
      probeCtx.drawImage(video, 0, 0, 32, 18);
      const px = probeCtx.getImageData(8, 5, 16, 8).data;
      let bright = 0;
      // The card is far brighter than the desk, also in the dim film (card ≈ 480, desk ≤ 370).
      for (let i = 0; i < px.length; i += 4) if (px[i]! + px[i + 1]! + px[i + 2]! > 400) bright++;
      const cardInView = bright > 16;
      if (cardInView && cardSince === null) {
        cardSince = performance.now();
        counted = false;
      } else if (!cardInView && cardSince !== null) {
        if (!counted) misses++;
        cardSince = null;
      }
      if (latencies.length + misses < cycles && performance.now() < deadline)
        video.requestVideoFrameCallback(onVideoFrame);
    };
    video.requestVideoFrameCallback(onVideoFrame);

    const loop = () => {
      if (latencies.length + misses >= cycles || performance.now() >= deadline) return resolve();
      requestAnimationFrame(loop);
      const now = performance.now();
      if (busy || now - lastDecode < 100 || video.videoWidth === 0) return;
      busy = true;
      lastDecode = now;
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      ctx.drawImage(video, 0, 0);
      const decoded =
        engine === 'zxing-js'
          ? Promise.resolve(jsDecode(canvas, 'both'))
          : wasmDecode(canvas, 'both');
      void decoded.then((texts) => {
        busy = false;
        for (const t of texts) if (t !== passNumber) wrong.push(t);
        if (texts.includes(passNumber) && cardSince !== null && !counted) {
          counted = true;
          latencies.push(performance.now() - cardSince);
        }
      });
    };
    requestAnimationFrame(loop);
  });
  const track = stream.getVideoTracks()[0]!.getSettings();
  for (const t of stream.getTracks()) t.stop();
  return { latencies, misses, track, wrong };
}
