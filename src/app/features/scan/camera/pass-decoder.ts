/**
 * The camera's barcode engine: zxing-cpp compiled to WebAssembly (zxing-wasm). RESEARCH.md and
 * bench/camera-decode.ts: @zxing/library never read a pass's Code 128 from a webcam (the dark desk
 * left of the card breaks its start-pattern search), zxing-wasm read both symbols in every scene.
 *
 * The .wasm is served from our own origin (imported with Vite's `?url`, so it is hashed, in dist/
 * and in the service worker's precache) instead of zxing-wasm's default jsDelivr CDN: the desk
 * works without internet, and no resident's visit asks a third party for code.
 */
import { prepareZXingModule, readBarcodes, type ReaderOptions } from 'zxing-wasm/reader';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { PASS_FORMATS, pickPassText } from './pick-pass-text.ts';

export const PASS_READER_OPTIONS: ReaderOptions = {
  formats: [...PASS_FORMATS],
  // tryHarder scans more rows and costs about 2,5× per empty frame for little gain on a pass.
  tryHarder: false,
  // Printed passes are dark on light; a mirrored or inverted pass does not exist.
  tryInvert: false,
  // Code 128 (or Code 39, EAN-13) and QR of one pass: two symbols, then stop looking.
  maxNumberOfSymbols: 2,
};

let prepared: Promise<unknown> | null = null;

/**
 * A small frame with bars in it, decoded once when the decoder is prepared. Chromium compiles a
 * wasm module's functions lazily, on their first call: the first real frame paid that compilation
 * (Round c14 in docs/front-desk.md: 12–38 ms for the first decode against 6–13 ms for the next,
 * once 332 ms at load average 12, the page's main thread blocked meanwhile). Decoded here, it is
 * paid while the camera starts (or in the desk's idle warm-up), not after the first picture. Bars
 * of 1 to 4 modules make the 1D readers and the QR finder search run their pattern code, not only
 * the binarizer.
 */
function makeWarmUpFrame(): ImageData {
  const width = 320;
  const height = 64;
  const data = new Uint8ClampedArray(width * height * 4).fill(255);
  const widths = [2, 1, 1, 2, 3, 2, 1, 4, 1, 1, 3, 1, 2, 2, 1, 3];
  for (let x = 24, i = 0; x < width - 24; i++) {
    const bar = 2 * widths[i % widths.length]!;
    if (i % 2 === 0)
      for (let y = 8; y < height - 8; y++)
        for (let dx = 0; dx < bar; dx++)
          data.fill(0, 4 * (y * width + x + dx), 4 * (y * width + x + dx) + 3);
    x += bar;
  }
  return new ImageData(data, width, height);
}

/**
 * Fetches and compiles the wasm and runs the decoder once on a warm-up frame, once per page;
 * later calls share the same promise.
 */
export function prepareDecoder(): Promise<unknown> {
  prepared ??= prepareZXingModule({
    overrides: {
      locateFile: (path: string, prefix: string) =>
        path.endsWith('.wasm') ? wasmUrl : prefix + path,
    },
    fireImmediately: true,
  })
    .then(() => readBarcodes(makeWarmUpFrame(), PASS_READER_OPTIONS))
    .catch((e: unknown) => {
      // A failed fetch (e.g. offline before the precache finished) may succeed on the next open.
      prepared = null;
      throw e;
    });
  return prepared;
}

/** The pass number in this frame, or null. */
export async function decodePassFrame(frame: ImageData): Promise<string | null> {
  await prepareDecoder();
  const reads = await readBarcodes(frame, PASS_READER_OPTIONS);
  return pickPassText(reads);
}
