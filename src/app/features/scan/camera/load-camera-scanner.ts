/**
 * For the desk screen: `lazy(loadCameraScanner)` keeps the scanner and its decoder out of the start
 * bundle; `warmCameraScanner()` at idle after start fetches the chunk and compiles the wasm (from
 * the service worker's precache), so the first camera scan does not wait for it.
 */
export function loadCameraScanner() {
  return import('./camera-scanner.tsx');
}

export function warmCameraScanner(): void {
  void import('./pass-decoder.ts').then((m) => m.prepareDecoder()).catch(() => {
    // Warming is an optimisation: the scanner prepares the decoder again when it opens.
  });
}
