/**
 * Backup without a server, over real Dexie (fake-indexeddb) and Node's WebCrypto: a file made on
 * one laptop restores on a fresh one with the same facts and counts; twice doubles nothing; a
 * wrong passphrase or a changed file is refused and changes nothing.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { BuurtpasEvent } from '../../src/domain/events.ts';
import { summarize } from '../../src/domain/summary.ts';
import { anEvent, testId } from '../../src/domain/testing/event-builders.ts';
import { storeAndApply } from '../../src/app/db/apply-events.ts';
import { openBuurtpasDb, type BuurtpasDb } from '../../src/app/db/database.ts';
import { makeLaptopBackup, restoreLaptopBackup } from '../../src/app/db/laptop-backup.ts';
import { readBackupReminder } from '../../src/app/db/laptop-backup-reminder.ts';
import { readLocalChecksum, readLocalLedger } from '../../src/app/db/sync-state.ts';
import type { Writer } from '../../src/app/db/record-events.ts';

const NOW = Date.parse('2026-12-06T12:00:00.000Z');
const dbs: BuurtpasDb[] = [];
afterEach(() => dbs.splice(0).forEach((db) => db.close()));

let n = 0;
async function aLaptop(): Promise<BuurtpasDb> {
  const db = openBuurtpasDb(`backup-${++n}-${Math.random()}`);
  await db.open();
  dbs.push(db);
  return db;
}

let seed = 1;
const writer: Writer = {
  deviceId: 'dbackup',
  locationId: 'cjm',
  role: 'desk',
  random: (k) => Uint8Array.from({ length: k }, () => (seed = (seed * 48271) % 2147483647) & 255),
};

function someFacts(): BuurtpasEvent[] {
  const m = testId(7001);
  const at = { at: '2026-03-02T10:00:00.000Z' };
  return [
    anEvent('client-registered', { memberId: m, locationId: 'cjm' }, at),
    anEvent('member-profile-set', { memberId: m, fields: { name: 'Ama Boateng' } }, at),
    anEvent('membership-started', { memberId: m, associationId: 'bv-cjm', date: '2026-03-02' }, at),
    anEvent(
      'payment-recorded',
      { memberId: m, associationId: 'bv-cjm', year: 2026, amountCents: 250, method: 'cash' },
      at,
    ),
    anEvent('visit-recorded', { memberId: m, locationId: 'cjm' }, at),
  ];
}

async function countsOf(db: BuurtpasDb) {
  return {
    checksum: await readLocalChecksum(db),
    summary: summarize(await readLocalLedger(db), 2026),
    outbox: await db.outbox.count(),
  };
}

describe('laptop backup', () => {
  it('restores on a fresh laptop with the same facts and counts; restoring twice doubles nothing', async () => {
    const source = await aLaptop();
    const facts = someFacts();
    await storeAndApply(
      source,
      facts.map((event, i) => (i === 0 ? { event, seq: 1 } : { event })),
    );
    await source.outbox.bulkAdd(facts.slice(1).map((e) => ({ eventId: e.eventId })));
    await source.meta.put({
      key: 'referral-record:x',
      value: { name: 'Kofi', phone: '', note: '' },
    });
    expect((await readBackupReminder(source, NOW)).due).toBe(true);

    const file = await makeLaptopBackup(source, writer, 'lange zin met spaties', NOW);
    expect(file.eventCount).toBe(facts.length);
    // Encrypted: no name in the file.
    expect(file.text).not.toContain('Ama');
    expect(file.text).not.toContain('Kofi');
    expect((await readBackupReminder(source, NOW)).due).toBe(false);

    const fresh = await aLaptop();
    expect(await restoreLaptopBackup(fresh, file.text, 'lange zin met spaties', NOW)).toEqual({
      ok: true,
      added: facts.length,
      inFile: facts.length,
    });
    const want = await countsOf(source);
    expect(want.summary.total.payingMembers).toBe(1);
    expect(await countsOf(fresh)).toEqual(want);
    expect((await fresh.meta.get('referral-record:x'))?.value).toEqual({
      name: 'Kofi',
      phone: '',
      note: '',
    });

    expect(await restoreLaptopBackup(fresh, file.text, 'lange zin met spaties', NOW)).toEqual({
      ok: true,
      added: 0,
      inFile: facts.length,
    });
    expect(await countsOf(fresh)).toEqual(want);
  });

  it('refuses a wrong passphrase, a changed file and something else, recording nothing', async () => {
    const source = await aLaptop();
    await storeAndApply(
      source,
      someFacts().map((event) => ({ event })),
    );
    const file = await makeLaptopBackup(source, writer, 'juiste wachtzin', NOW);
    const fresh = await aLaptop();
    expect(await restoreLaptopBackup(fresh, file.text, 'verkeerde wachtzin', NOW)).toEqual({
      ok: false,
      problem: 'backup-wrong-passphrase',
    });
    const envelope = JSON.parse(file.text) as { data: string };
    const flipped = envelope.data.startsWith('A')
      ? `B${envelope.data.slice(1)}`
      : `A${envelope.data.slice(1)}`;
    expect(
      await restoreLaptopBackup(
        fresh,
        JSON.stringify({ ...envelope, data: flipped }),
        'juiste wachtzin',
        NOW,
      ),
    ).toEqual({ ok: false, problem: 'backup-wrong-passphrase' });
    expect(await restoreLaptopBackup(fresh, 'hallo', 'juiste wachtzin', NOW)).toEqual({
      ok: false,
      problem: 'backup-not-a-backup',
    });
    expect(
      await restoreLaptopBackup(fresh, JSON.stringify({ ...envelope, version: 99 }), 'x', NOW),
    ).toEqual({ ok: false, problem: 'backup-newer-version' });
    expect(await fresh.events.count()).toBe(0);
  });
});
