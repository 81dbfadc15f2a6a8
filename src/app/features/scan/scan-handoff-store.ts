import { create } from 'zustand';

type ScanHandoffState = {
  pending: string | null;
  hand: (code: string) => void;
  take: () => string | null;
};

/**
 * A pass scanned while another screen is open is handed to the desk: the volunteer never has to
 * go back to the desk first. The desk takes it when it opens.
 */
export const useScanHandoffStore = create<ScanHandoffState>((set, get) => ({
  pending: null,
  hand: (code) => set({ pending: code }),
  take: () => {
    const code = get().pending;
    if (code !== null) set({ pending: null });
    return code;
  },
}));
