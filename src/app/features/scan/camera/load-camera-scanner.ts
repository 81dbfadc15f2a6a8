/**
 * For the desk screen: `lazy(loadCameraScanner)` keeps the scanner and its decoder out of the start
 * bundle. `warmCameraScannerWhenIdle()` after start fetches the chunk (from the service worker's
 * precache) and compiles the wasm while the laptop is idle, as RESEARCH.md advises ("prepared at
 * start, not on first scan"): bench/camera-decode.ts measured "Camera" pressed → result at about
 * 550 ms on a page's first open and 180 ms once chunk and wasm are ready.
 */
export function loadCameraScanner() {
  return import('./camera-scanner.tsx');
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
