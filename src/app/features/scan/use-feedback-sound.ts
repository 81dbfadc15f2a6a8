import { useCallback, useEffect, useState } from 'react';
import { createFeedbackSound, type SoundKind } from './feedback-sound.ts';
import { useSoundStore } from './sound-store.ts';

/** `play(kind)` for the desk; silent when muted or when the browser has no Web Audio. */
export function useFeedbackSound(): (kind: SoundKind) => void {
  const [sound] = useState(createFeedbackSound);
  const on = useSoundStore((s) => s.on);
  useEffect(() => {
    // The AudioContext may only start after a gesture; the first click or key unlocks it. Creating
    // it takes a moment, so it happens just after the gesture (sticky activation still allows it)
    // and never in the middle of the scanner's burst of keys.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unlock = () => {
      timer ??= setTimeout(() => sound.unlock(), 300);
    };
    window.addEventListener('pointerdown', unlock, { capture: true, once: true });
    window.addEventListener('keydown', unlock, { capture: true, once: true });
    return () => {
      window.removeEventListener('pointerdown', unlock, { capture: true });
      window.removeEventListener('keydown', unlock, { capture: true });
      clearTimeout(timer);
    };
  }, [sound]);
  // The same function from render to render: the desk's handlers built on it stay the same, so
  // the panels that take them (memo) are not drawn again by a scan.
  return useCallback(
    (kind: SoundKind) => {
      if (on) sound.play(kind);
    },
    [on, sound],
  );
}
