/**
 * Renders the real app over a fresh real Dexie database on fake-indexeddb, with a fixed clock
 * and seeded ids. Each call gets its own database name, so tests never share state.
 */
import { render } from '@testing-library/react';
import { App } from '../app/app.tsx';
import { openBuurtpasDb, type BuurtpasDb } from '../db/database.ts';
import { saveLocation, writeMeta } from '../db/desk-setup.ts';

let counter = 0;

export function seededRandom(seed = 1): (n: number) => Uint8Array {
  let s = seed >>> 0;
  return (n: number) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      s = (s * 1664525 + 1013904223) >>> 0;
      out[i] = s >>> 24;
    }
    return out;
  };
}

export type TestClock = {
  now: () => number;
  set: (iso: string) => void;
  advance: (ms: number) => void;
};

export function makeClock(iso = '2026-11-27T09:42:00.000Z'): TestClock {
  let t = Date.parse(iso);
  return { now: () => t, set: (v) => (t = Date.parse(v)), advance: (ms) => (t += ms) };
}

export async function freshDb(locationId: string | null = 'cjm'): Promise<BuurtpasDb> {
  const db = openBuurtpasDb(`test-${Date.now()}-${++counter}`);
  await db.open();
  await writeMeta(db, 'deviceId', 'dtest0001');
  if (locationId) await saveLocation(db, locationId);
  return db;
}

export async function renderApp(
  options: { locationId?: string | null; clock?: TestClock; db?: BuurtpasDb } = {},
) {
  const db =
    options.db ?? (await freshDb(options.locationId === undefined ? 'cjm' : options.locationId));
  const clock = options.clock ?? makeClock();
  const utils = render(<App db={db} now={clock.now} random={seededRandom(7)} />);
  return { ...utils, db, clock };
}
