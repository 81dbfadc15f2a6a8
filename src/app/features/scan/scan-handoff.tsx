import { useCallback } from 'react';
import { useScanHandoffStore } from './scan-handoff-store.ts';
import { useKeyboardWedge } from './use-keyboard-wedge.ts';
import { useRoomPassShapes } from './use-room-pass-shapes.ts';

/** Keys typed into a PIN field are never taken for a scan, however fast they come. */
function isPinField(event: KeyboardEvent): boolean {
  return event.target instanceof HTMLInputElement && event.target.type === 'password';
}

const WEDGE_OPTIONS = { ignoreEvent: isPinField };

/** Mounted on screens other than the desk: a scanner burst there opens the desk with that pass. */
export function ScanHandoff({ onScan }: { onScan: () => void }) {
  const shapes = useRoomPassShapes();
  const handleScan = useCallback(
    (scan: { text: string }) => {
      useScanHandoffStore.getState().hand(scan.text);
      onScan();
    },
    [onScan],
  );
  useKeyboardWedge(handleScan, { ...WEDGE_OPTIONS, shapes });
  return null;
}
