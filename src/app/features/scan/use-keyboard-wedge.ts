import { useEffect, useRef } from 'react';
import {
  createKeyboardWedge,
  type KeyboardWedgeOptions,
  type WedgeScan,
} from './keyboard-wedge.ts';

/**
 * Listens for scanner bursts while the desk screen is shown. The listener is registered once
 * (capture phase, on window) and calls the latest `onScan` through a ref, so re-renders never
 * add or drop listeners and no key is seen twice.
 */
export function useKeyboardWedge(
  onScan: (scan: WedgeScan) => void,
  options: Omit<KeyboardWedgeOptions, 'onScan'> = {},
): void {
  const onScanRef = useRef(onScan);
  const optionsRef = useRef(options);
  useEffect(() => {
    onScanRef.current = onScan;
  }, [onScan]);
  useEffect(() => {
    const wedge = createKeyboardWedge({
      ...optionsRef.current,
      onScan: (scan) => onScanRef.current(scan),
    });
    window.addEventListener('keydown', wedge.handleKeyDown, { capture: true });
    return () => {
      window.removeEventListener('keydown', wedge.handleKeyDown, { capture: true });
      wedge.dispose();
    };
  }, []);
}
