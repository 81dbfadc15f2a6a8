/**
 * For the desk screen: the scanner and its decoder stay out of the start bundle, loaded by
 * `loadCameraScanner()`. `warmCameraScannerWhenIdle()` after start fetches the chunk (from the
 * service worker's precache) and compiles the wasm while the laptop is idle, as RESEARCH.md advises
 * ("prepared at start, not on first scan"). Once loaded, `loadedCameraScanner()` hands the module
 * over without waiting: the desk then renders the scanner at once instead of suspending, since
 * React keeps a Suspense fallback it has shown for at least 300 ms (bench/camera-decode.ts: the
 * first press in a page took about 480 ms against 180 ms for the next one, warm-up or not).
 */
type CameraScannerModule = typeof import('./camera-scanner.tsx');

let loading: Promise<CameraScannerModule> | null = null;
let loaded: CameraScannerModule | null = null;

/** One load per page; later calls share the same promise (a failed load is tried again). */
export function loadCameraScanner(): Promise<CameraScannerModule> {
  loading ??= import('./camera-scanner.tsx').then(
    (module) => (loaded = module),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/** The scanner's module if it has loaded already, else null. */
export function loadedCameraScanner(): CameraScannerModule | null {
  return loaded;
}

export async function warmCameraScanner(): Promise<void> {
  await loadCameraScanner();
  const { prepareDecoder } = await import('./pass-decoder.ts');
  await prepareDecoder();
}

/** Returns a cancel function for the effect that calls it. */
export function warmCameraScannerWhenIdle(): () => void {
  const warm = () => {
    warmCameraScanner().catch(() => {
      // Only an optimisation: the scanner prepares the decoder again when it opens.
    });
  };
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(warm, { timeout: 10_000 });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(warm, 3_000);
  return () => clearTimeout(timer);
}
