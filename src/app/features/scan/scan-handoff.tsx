import { useScanHandoffStore } from './scan-handoff-store.ts';
import { useKeyboardWedge } from './use-keyboard-wedge.ts';

/** Mounted on screens other than the desk: a scanner burst there opens the desk with that pass. */
export function ScanHandoff({ onScan }: { onScan: () => void }) {
  useKeyboardWedge((scan) => {
    useScanHandoffStore.getState().hand(scan.text);
    onScan();
  });
  return null;
}
