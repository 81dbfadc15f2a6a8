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

/** Fetches and compiles the wasm once per page; later calls share the same promise. */
export function prepareDecoder(): Promise<unknown> {
  prepared ??= prepareZXingModule({
    overrides: {
      locateFile: (path: string, prefix: string) =>
        path.endsWith('.wasm') ? wasmUrl : prefix + path,
    },
    fireImmediately: true,
  }).catch((e: unknown) => {
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
