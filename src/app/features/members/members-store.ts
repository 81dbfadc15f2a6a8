import { create } from 'zustand';
import { DEFAULT_RETENTION_YEARS } from '../../../domain/member-admin/retention.ts';

export type MembersTab = 'find' | 'print' | 'conflicts' | 'duplicates' | 'retention' | 'import';

type MembersState = {
  tab: MembersTab;
  query: string;
  memberId: string | null;
  /** Pass codes on the print sheet; null while not printing. */
  printCodes: string[] | null;
  retentionYears: number;
  setTab: (tab: MembersTab) => void;
  setQuery: (query: string) => void;
  openMember: (memberId: string | null) => void;
  printPasses: (codes: string[]) => void;
  endPrint: () => void;
  setRetentionYears: (years: number) => void;
};

/** Short-lived UI state of the Members screen; the records themselves are read from IndexedDB. */
export const useMembersStore = create<MembersState>((set) => ({
  tab: 'find',
  query: '',
  memberId: null,
  printCodes: null,
  retentionYears: DEFAULT_RETENTION_YEARS,
  setTab: (tab) => set({ tab }),
  setQuery: (query) => set({ query }),
  openMember: (memberId) => set({ memberId, tab: 'find' }),
  printPasses: (codes) => set({ printCodes: codes }),
  endPrint: () => set({ printCodes: null }),
  setRetentionYears: (retentionYears) => set({ retentionYears }),
}));

export function resetMembersStore(): void {
  useMembersStore.setState({
    tab: 'find',
    query: '',
    memberId: null,
    printCodes: null,
    retentionYears: DEFAULT_RETENTION_YEARS,
  });
}
