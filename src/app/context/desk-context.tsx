import { createContext, useContext, type ReactNode } from 'react';
import type { Writer } from '../db/record-events.ts';

/**
 * Who is writing and what time it is. `now` is passed in so tests can fix "today" without
 * touching the global clock.
 */
export type Desk = { writer: Writer; now: () => number };

const DeskContext = createContext<Desk | null>(null);

export function DeskProvider({ desk, children }: { desk: Desk; children: ReactNode }) {
  return <DeskContext.Provider value={desk}>{children}</DeskContext.Provider>;
}

export function useDesk(): Desk {
  const desk = useContext(DeskContext);
  if (!desk) throw new Error('useDesk outside DeskProvider');
  return desk;
}
