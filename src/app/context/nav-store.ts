import { create } from 'zustand';

export type Screen = 'desk' | 'today' | 'members' | 'treasurer' | 'reports' | 'settings';

type NavState = { screen: Screen; go: (screen: Screen) => void };

/** Which screen is shown: short-lived UI state, never table data. */
export const useNavStore = create<NavState>((set) => ({
  screen: 'desk',
  go: (screen) => set({ screen }),
}));
