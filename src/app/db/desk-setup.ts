/**
 * This laptop's identity: a device id made once, the location chosen on first start, the
 * volunteer's language. Kept in the meta table, so it survives reloads and works offline.
 */
import type { BuurtpasDb } from './database.ts';

export type DeskSetup = { deviceId: string; locationId: string | null };

const DEVICE_KEY = 'deviceId';
const LOCATION_KEY = 'locationId';

export async function loadDeskSetup(
  db: BuurtpasDb,
  makeDeviceId: () => string,
): Promise<DeskSetup> {
  return db.transaction('rw', db.meta, async () => {
    let deviceId = (await db.meta.get(DEVICE_KEY))?.value as string | undefined;
    if (!deviceId) {
      deviceId = makeDeviceId();
      await db.meta.put({ key: DEVICE_KEY, value: deviceId });
    }
    const locationId = ((await db.meta.get(LOCATION_KEY))?.value as string | undefined) ?? null;
    return { deviceId, locationId };
  });
}

export async function saveLocation(db: BuurtpasDb, locationId: string): Promise<void> {
  await db.meta.put({ key: LOCATION_KEY, value: locationId });
}

export async function readMeta<T>(db: BuurtpasDb, key: string): Promise<T | undefined> {
  return (await db.meta.get(key))?.value as T | undefined;
}

export async function writeMeta(db: BuurtpasDb, key: string, value: unknown): Promise<void> {
  await db.meta.put({ key, value });
}
