import { createContext, useContext, type ReactNode } from 'react';
import type { BuurtpasDb } from './database.ts';

const DbContext = createContext<BuurtpasDb | null>(null);

/** The database is passed in, never a module singleton: each test opens its own. */
export function DbProvider({ db, children }: { db: BuurtpasDb; children: ReactNode }) {
  return <DbContext.Provider value={db}>{children}</DbContext.Provider>;
}

export function useDb(): BuurtpasDb {
  const db = useContext(DbContext);
  if (!db) throw new Error('useDb outside DbProvider');
  return db;
}
