import { create } from 'zustand';

const STORAGE_KEY = 'buurtpas.sound';

function initialOn(): boolean {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) !== 'off';
  } catch {
    return true;
  }
}

type SoundState = { on: boolean; toggle: () => void };

/** Whether the desk beeps: remembered on this laptop, switched in one tap. */
export const useSoundStore = create<SoundState>((set, get) => ({
  on: initialOn(),
  toggle: () => {
    const on = !get().on;
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, on ? 'on' : 'off');
    } catch {
      // Not remembered, still switched.
    }
    set({ on });
  },
}));
