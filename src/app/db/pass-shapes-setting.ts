/**
 * The room's accepted pass shapes (src/domain/pass-code.ts), kept per location in this laptop's
 * meta table. Without a setting the default applies (Code 128 printable text, EAN-13), which every
 * laptop of the room shares, so imported passes scan at every desk from the start.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { DEFAULT_PASS_SHAPES, type PassShape } from '../../domain/pass-code.ts';
import type { BuurtpasDb } from './database.ts';

const keyOf = (locationId: string) => `pass-shapes:${locationId}`;

export async function readPassShapes(
  db: BuurtpasDb,
  locationId: string,
): Promise<readonly PassShape[]> {
  const row = await db.meta.get(keyOf(locationId));
  return (row?.value as PassShape[] | undefined) ?? DEFAULT_PASS_SHAPES;
}

export async function savePassShapes(
  db: BuurtpasDb,
  locationId: string,
  shapes: readonly PassShape[],
): Promise<void> {
  await db.meta.put({ key: keyOf(locationId), value: shapes });
}

/** The shapes, live; the default until the setting has been read. */
export function usePassShapes(db: BuurtpasDb, locationId: string): readonly PassShape[] {
  return useStoredPassShapes(db, locationId) ?? DEFAULT_PASS_SHAPES;
}

/** The shapes, live; `undefined` until the setting has been read (the scan then reads it itself). */
export function useStoredPassShapes(
  db: BuurtpasDb,
  locationId: string,
): readonly PassShape[] | undefined {
  return useLiveQuery(() => readPassShapes(db, locationId), [db, locationId]);
}
