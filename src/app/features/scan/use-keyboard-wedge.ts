import { useEffect, useRef } from 'react';
import {
  allowsLettersOnly,
  DEFAULT_PASS_SHAPES,
  shortestPassLength,
  type PassShape,
} from '../../../domain/pass-code.ts';
import {
  createKeyboardWedge,
  type KeyboardWedgeOptions,
  type WedgeScan,
} from './keyboard-wedge.ts';

export type UseKeyboardWedgeOptions = Omit<
  KeyboardWedgeOptions,
  'onScan' | 'lettersOnlyIsScan' | 'minLength'
> & {
  /** The room's pass shapes: whether a burst of letters only can be a pass, how short one can be. */
  shapes?: readonly PassShape[];
};

/**
 * Listens for scanner bursts while a screen is shown (the desk, or any other screen through
 * ScanHandoff). The listener is registered once (capture phase, on window) and calls the latest
 * `onScan` and reads the latest shapes through refs, so re-renders never add or drop listeners
 * and no key is seen twice.
 */
export function useKeyboardWedge(
  onScan: (scan: WedgeScan) => void,
  options: UseKeyboardWedgeOptions = {},
): void {
  const onScanRef = useRef(onScan);
  const optionsRef = useRef(options);
  const shapes = options.shapes ?? DEFAULT_PASS_SHAPES;
  const shapesRef = useRef(shapes);
  useEffect(() => {
    onScanRef.current = onScan;
    shapesRef.current = shapes;
  }, [onScan, shapes]);
  const minLength = Math.min(6, shortestPassLength(shapes));
  useEffect(() => {
    const { shapes: _shapes, ...rest } = optionsRef.current;
    const wedge = createKeyboardWedge({
      ...rest,
      minLength,
      lettersOnlyIsScan: () => allowsLettersOnly(shapesRef.current),
      onScan: (scan) => onScanRef.current(scan),
    });
    window.addEventListener('keydown', wedge.handleKeyDown, { capture: true });
    return () => {
      window.removeEventListener('keydown', wedge.handleKeyDown, { capture: true });
      wedge.dispose();
    };
  }, [minLength]);
}
