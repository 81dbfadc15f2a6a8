import { create } from 'zustand';

const STORAGE_KEY = 'buurtpas.kiosk';

function initialActive(): boolean {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'on';
  } catch {
    return false;
  }
}

type KioskState = { active: boolean; start: () => void; stop: () => void };

function remember(on: boolean) {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, on ? 'on' : 'off');
  } catch {
    // Not remembered: a reload then shows the desk, which is the safe side for data but not
    // for privacy; storage is always available in the installed app.
  }
}

/**
 * Whether this tablet is a self check-in kiosk. Remembered on the device, so a reload (or a
 * member pulling the plug) comes back to the kiosk, never to the desk with everyone's data.
 */
export const useKioskStore = create<KioskState>((set) => ({
  active: initialActive(),
  start: () => {
    remember(true);
    set({ active: true });
  },
  stop: () => {
    remember(false);
    set({ active: false });
  },
}));
