import { create } from 'zustand';
import { DEFAULT_OWES_FILTER, type OwesFilter } from '../../../domain/treasurer/owes-list.ts';

export type TreasurerTab = 'owes' | 'duplicates' | 'cash' | 'amount';

/** The treasurer's view choices: short-lived UI state, never table data. */
type TreasurerState = {
  tab: TreasurerTab;
  associationId: string | null;
  year: number | null;
  filter: OwesFilter;
  memberId: string | null;
  setTab: (tab: TreasurerTab) => void;
  setAssociation: (associationId: string) => void;
  setYear: (year: number) => void;
  setFilter: (change: Partial<OwesFilter>) => void;
  resetFilter: () => void;
  openMember: (memberId: string | null) => void;
};

export const useTreasurerStore = create<TreasurerState>((set) => ({
  tab: 'owes',
  associationId: null,
  year: null,
  filter: DEFAULT_OWES_FILTER,
  memberId: null,
  setTab: (tab) => set({ tab, memberId: null }),
  setAssociation: (associationId) => set({ associationId, memberId: null }),
  setYear: (year) => set({ year }),
  setFilter: (change) => set((s) => ({ filter: { ...s.filter, ...change } })),
  resetFilter: () =>
    set((s) => ({
      filter: { ...DEFAULT_OWES_FILTER, sort: s.filter.sort, descending: s.filter.descending },
    })),
  openMember: (memberId) => set({ memberId }),
}));
