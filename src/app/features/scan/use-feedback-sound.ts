import { useEffect, useState } from 'react';
import { createFeedbackSound, type SoundKind } from './feedback-sound.ts';
import { useSoundStore } from './sound-store.ts';

/** `play(kind)` for the desk; silent when muted or when the browser has no Web Audio. */
export function useFeedbackSound(): (kind: SoundKind) => void {
  const [sound] = useState(createFeedbackSound);
  const on = useSoundStore((s) => s.on);
  useEffect(() => {
    // The AudioContext may only start after a gesture; the first click or key unlocks it.
    const unlock = () => sound.unlock();
    window.addEventListener('pointerdown', unlock, { capture: true, once: true });
    window.addEventListener('keydown', unlock, { capture: true, once: true });
    return () => {
      window.removeEventListener('pointerdown', unlock, { capture: true });
      window.removeEventListener('keydown', unlock, { capture: true });
    };
  }, [sound]);
  return (kind) => {
    if (on) sound.play(kind);
  };
}
