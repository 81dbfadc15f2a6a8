/**
 * For the desk screen: the scanner and its decoder stay out of the start bundle, loaded by
 * `loadCameraScanner()`. `warmCameraScannerWhenIdle()` after start fetches the chunk (from the
 * service worker's precache) and compiles the wasm while the laptop is idle, as RESEARCH.md advises
 * ("prepared at start, not on first scan"). The desk waits for the module with
 * `useCameraScannerModule()`, not with Suspense: React keeps a Suspense fallback it has shown for
 * at least 300 ms, so a press that came while the warm-up was still evaluating the chunk waited
 * those 300 ms (bench/camera-first-press.ts, Round c14 in docs/front-desk.md: the scanner on screen
 * 300–340 ms after such a press, the answer at 460–560 ms).
 */
import { useEffect, useState } from 'react';

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

/**
 * The scanner's module, or null while it loads. Renders again as soon as the load completes; a
 * failed load is thrown to the error boundary, as `use()` would.
 */
export function useCameraScannerModule(): CameraScannerModule | null {
  const [module, setModule] = useState(loaded);
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);
  useEffect(() => {
    if (module) return;
    let live = true;
    loadCameraScanner().then(
      (m) => live && setModule(() => m),
      (error: unknown) => live && setFailure({ error }),
    );
    return () => {
      live = false;
    };
  }, [module]);
  if (failure) throw failure.error;
  return module;
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
