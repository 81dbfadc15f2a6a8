import { DEFAULT_SERVICES } from '../../domain/catalog.ts';
import type { BuurtpasDb } from './database.ts';

/** The services a desk at `locationId` offers: the seed list, changed by coordinator facts. */
export async function listServices(db: BuurtpasDb, locationId: string) {
  const changed = await db.services.where('locationId').equals(locationId).toArray();
  const byId = new Map(
    DEFAULT_SERVICES.filter((s) => s.locationId === locationId).map((s) => [
      s.id,
      { ...s, retired: false },
    ]),
  );
  for (const s of changed)
    byId.set(s.id, {
      id: s.id,
      locationId: s.locationId,
      kind: s.kind,
      name: s.name,
      retired: s.retired,
    });
  return Array.from(byId.values()).filter((s) => !s.retired);
}
