/**
 * Every derived table of a laptop as sorted [key, row] pairs, the shape `tablesOf` gives for an
 * in-memory projection: so a laptop, the server and the domain fold can be compared row by row.
 */
import {
  PROJECTION_TABLES,
  primaryKeyOf,
  type ProjectionTable,
} from '../../domain/projection/rows.ts';
import type { BuurtpasDb } from './database.ts';

export async function dumpProjection(
  db: BuurtpasDb,
): Promise<Record<ProjectionTable, [string, unknown][]>> {
  const out = {} as Record<ProjectionTable, [string, unknown][]>;
  await db.transaction('r', PROJECTION_TABLES as unknown as string[], async () => {
    for (const t of PROJECTION_TABLES) {
      const rows = (await db.table(t).toArray()) as never[];
      out[t] = rows
        .map((r): [string, unknown] => [primaryKeyOf(t, r), r])
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    }
  });
  return out;
}
