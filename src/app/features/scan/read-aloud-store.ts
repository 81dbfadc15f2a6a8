import { create } from 'zustand';

const STORAGE_KEY = 'buurtpas.readAloud';

function initialOn(): boolean {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'on';
  } catch {
    return false;
  }
}

type ReadAloudState = { on: boolean; toggle: () => void };

/** Whether the desk reads the answer aloud: off unless switched on, remembered on this laptop. */
export const useReadAloudStore = create<ReadAloudState>((set, get) => ({
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
