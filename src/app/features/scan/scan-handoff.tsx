import { useEffect, useRef } from 'react';
import { createKeyboardWedge } from './keyboard-wedge.ts';
import { useScanHandoffStore } from './scan-handoff-store.ts';

/**
 * Mounted on screens other than the desk: a scanner burst there opens the desk with that pass.
 * Keys typed into a PIN field are never taken for a scan, however fast they come.
 */
export function ScanHandoff({ onScan }: { onScan: () => void }) {
  const onScanRef = useRef(onScan);
  useEffect(() => {
    onScanRef.current = onScan;
  }, [onScan]);
  useEffect(() => {
    const wedge = createKeyboardWedge({
      onScan: (scan) => {
        useScanHandoffStore.getState().hand(scan.text);
        onScanRef.current();
      },
    });
    const listener = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLInputElement && event.target.type === 'password') return;
      wedge.handleKeyDown(event);
    };
    window.addEventListener('keydown', listener, { capture: true });
    return () => {
      window.removeEventListener('keydown', listener, { capture: true });
      wedge.dispose();
    };
  }, []);
  return null;
}
