/** Live list of this laptop's facts the server refused or answered with a conflict. */
import { useLiveQuery } from 'dexie-react-hooks';
import type { BuurtpasDb } from './database.ts';
import { readRefusedFacts, type RefusedFact } from './sync-state.ts';

export function useRefusedFacts(db: BuurtpasDb): RefusedFact[] | undefined {
  return useLiveQuery(() => readRefusedFacts(db), [db]);
}
