import { useCallback } from 'react';
import { useScanHandoffStore } from './scan-handoff-store.ts';
import { useKeyboardWedge } from './use-keyboard-wedge.ts';
import { useRoomPassShapes } from './use-room-pass-shapes.ts';

/** Keys typed into a PIN field are never taken for a scan, however fast they come. */
function isPinField(event: KeyboardEvent): boolean {
  return event.target instanceof HTMLInputElement && event.target.type === 'password';
}

/**
 * A screen that reads the scanner itself for a moment (the scanner self-test in Instellingen)
 * marks an element with `data-takes-scans`; its bursts are not passes for the desk. A field made
 * for a pass number (Leden's "Naam of pasnummer", a new pass) carries the same mark: a scan into
 * it looks the person up or gives the pass, and never checks anyone in.
 */
function isTakenByScreen(event: KeyboardEvent): boolean {
  if (event.target instanceof Element && event.target.closest('[data-takes-scans]')) return true;
  return document.querySelector('[data-takes-scans]:not(input)') !== null;
}

const WEDGE_OPTIONS = {
  ignoreEvent: (event: KeyboardEvent) => isPinField(event) || isTakenByScreen(event),
};

const TYPED_INPUT_TYPES = new Set(['text', 'search', 'email', 'tel', 'url', 'number', '']);

function hasTypedText(field: Element): boolean {
  if (field instanceof HTMLTextAreaElement) return field.value.trim() !== '';
  return (
    field instanceof HTMLInputElement &&
    TYPED_INPUT_TYPES.has(field.type) &&
    field.value.trim() !== ''
  );
}

/**
 * Whether leaving this screen now would lose what someone typed: the focus is in a form (or a
 * field) that holds typed text. The wedge has already taken the burst's own keys back out.
 */
export function isTypingInProgress(doc: Document = document): boolean {
  const active = doc.activeElement;
  if (!active || active === doc.body) return false;
  const form = active.closest('form');
  if (form) return Array.from(form.querySelectorAll('input, textarea')).some(hasTypedText);
  return hasTypedText(active);
}

/**
 * Mounted on every screen but the desk: a scanner burst there opens the desk with that pass
 * (`onOpenDesk`, the pass handed over through the store), unless someone is filling something in
 * here; then the pass is held (`onHold`) and the screen says so, with the desk one tap away.
 * Letters-only bursts (a name typed quickly) are not scans unless the room's passes have letters.
 */
export function ScanHandoff({
  onOpenDesk,
  onHold,
}: {
  onOpenDesk: () => void;
  onHold: (code: string) => void;
}) {
  const shapes = useRoomPassShapes();
  const handleScan = useCallback(
    (scan: { text: string }) => {
      if (isTypingInProgress()) {
        onHold(scan.text);
        return;
      }
      useScanHandoffStore.getState().hand(scan.text);
      onOpenDesk();
    },
    [onOpenDesk, onHold],
  );
  useKeyboardWedge(handleScan, { ...WEDGE_OPTIONS, shapes });
  return null;
}
