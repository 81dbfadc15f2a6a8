import { describe, expect, it } from 'vitest';
import { anEvent, testId } from '../../domain/testing/event-builders.ts';
import type { BuurtpasEvent } from '../../domain/events.ts';
import { freshDb } from '../test/render-app.tsx';
import { storeAndApply } from './apply-events.ts';
import type { BuurtpasDb } from './database.ts';
import { checkInByMemberId, checkInByPass } from './desk-actions.ts';
import { dumpProjection } from './dump-projection.ts';
import { writeEvents, type Writer } from './record-events.ts';

const ama = testId(1);
const old = testId(2);
const NOW = Date.parse('2026-03-02T10:00:00.000Z');

/** Ama, member at bv-cjm, paid 250 on her own record and 500 on a record merged into hers. */
function history(): BuurtpasEvent[] {
  const at = '2026-01-10T10:00:00.000Z';
  return [
    anEvent('client-registered', { memberId: ama, locationId: 'cjm' }, { at }),
    anEvent('member-profile-set', { memberId: ama, fields: { name: 'Ama Boateng' } }, { at }),
    anEvent('pass-issued', { memberId: ama, code: '12345678' }, { at }),
    anEvent('membership-started', { memberId: ama, associationId: 'bv-cjm', date: '2026-01-10' }),
    anEvent('client-registered', { memberId: old, locationId: 'cjm' }, { at }),
    anEvent('member-profile-set', { memberId: old, fields: { name: 'A. Boateng' } }, { at }),
    anEvent('pass-issued', { memberId: old, code: '87654321' }, { at }),
    anEvent(
      'payment-recorded',
      { memberId: ama, associationId: 'bv-cjm', year: 2026, amountCents: 250, method: 'cash' },
      { at },
    ),
    anEvent(
      'payment-recorded',
      { memberId: old, associationId: 'bv-cjm', year: 2026, amountCents: 500, method: 'cash' },
      { at },
    ),
    anEvent('members-merged', { fromMemberId: old, intoMemberId: ama }, { at }),
  ];
}

/** A writer whose ids repeat from the same seed, so two laptops stamp the very same facts. */
function seededWriter(): Writer {
  let n = 0;
  return {
    deviceId: 'dtest0001',
    locationId: 'cjm',
    role: 'desk',
    random: (bytes) => Uint8Array.from({ length: bytes }, () => (n = (n * 31 + 7) % 251)),
  };
}

const HISTORY = history();

async function seeded(): Promise<BuurtpasDb> {
  const db = await freshDb();
  await storeAndApply(
    db,
    HISTORY.map((event) => ({ event })),
  );
  return db;
}

describe('checkInByPass', () => {
  it('writes the visit, its outbox row, the clock and the same derived rows as the general write', async () => {
    const scanned = await seeded();
    const written = await seeded();
    const outcome = await checkInByPass(scanned, seededWriter(), '12345678', NOW);
    expect(outcome.kind).toBe('checked-in');
    const [event] = await writeEvents(
      written,
      seededWriter(),
      [{ type: 'visit-recorded', data: { memberId: ama, locationId: 'cjm' } }],
      NOW,
    );
    if (outcome.kind !== 'checked-in') return;
    expect(outcome.visitEventId).toBe(event!.eventId);
    expect(await dumpProjection(scanned)).toEqual(await dumpProjection(written));
    expect(await scanned.events.get(event!.eventId)).toEqual(
      await written.events.get(event!.eventId),
    );
    expect(await scanned.outbox.toArray()).toEqual(await written.outbox.toArray());
    expect(await scanned.meta.get('hlc')).toEqual(await written.meta.get('hlc'));
  });

  it('a write of the visit that fails keeps nothing of it: no visit-day, outbox row or clock', async () => {
    // One transaction: a failing write takes the others with it. (An early IDBTransaction.commit()
    // after placing the writes broke this: Dexie handles a request's error itself and aborts
    // only later.) The same seeded ids: the visit's id is already taken here.
    const probe = await seeded();
    const first = await checkInByPass(probe, seededWriter(), '12345678', NOW);
    if (first.kind !== 'checked-in') throw new Error(first.kind);
    const db = await seeded();
    const before = await dumpProjection(db);
    const clock = await db.meta.get('hlc');
    await db.events.add({ ...(await probe.events.get(first.visitEventId))!, memberId: old });
    await expect(checkInByPass(db, seededWriter(), '12345678', NOW)).rejects.toThrow();
    expect(await dumpProjection(db)).toEqual(before);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.meta.get('hlc')).toEqual(clock);
    expect(await db.visitDays.where('memberId').equals(ama).count()).toBe(0);
  });

  it('a pass of a merged record checks in the person it was merged into, with both payments', async () => {
    const db = await seeded();
    const outcome = await checkInByPass(db, seededWriter(), '87654321', NOW);
    expect(outcome.kind).toBe('checked-in');
    if (outcome.kind !== 'checked-in') return;
    expect(outcome.member.memberId).toBe(ama);
    expect(outcome.member.name).toBe('Ama Boateng');
    // 250 + 500 of the 500 due: paid.
    expect(outcome.contribution.status.kind).toBe('paid');
    const visits = await db.visitDays.where('memberId').equals(ama).toArray();
    expect(visits).toHaveLength(1);
    expect(await db.visitDays.where('memberId').equals(old).count()).toBe(0);
  });

  it('a second scan the same day records nothing and says since when; the clock is left alone', async () => {
    const db = await seeded();
    const first = await checkInByPass(db, seededWriter(), '12345678', NOW);
    const clock = await db.meta.get('hlc');
    const events = await db.events.count();
    const second = await checkInByPass(db, seededWriter(), '12345678', NOW + 60_000);
    expect(second.kind).toBe('already-here');
    if (second.kind !== 'already-here' || first.kind !== 'checked-in') return;
    expect(second.sinceAt).toBe(first.at);
    expect(await db.events.count()).toBe(events);
    expect(await db.meta.get('hlc')).toEqual(clock);
    expect(await db.outbox.count()).toBe(1);
  });

  it('two scans of the same pass at once record one visit', async () => {
    const db = await seeded();
    const outcomes = await Promise.all([
      checkInByPass(db, seededWriter(), '12345678', NOW),
      checkInByPass(db, seededWriter(), '12345678', NOW),
    ]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['already-here', 'checked-in']);
    expect(await db.events.where('type').equals('visit-recorded').count()).toBe(1);
  });

  it('an unknown pass and an erased person record nothing', async () => {
    const db = await seeded();
    await storeAndApply(db, [
      { event: anEvent('member-erased', { memberId: ama }, { at: '2026-02-01T10:00:00.000Z' }) },
    ]);
    const events = await db.events.count();
    expect((await checkInByPass(db, seededWriter(), '11112222', NOW)).kind).toBe('pass-unknown');
    expect((await checkInByPass(db, seededWriter(), '12345678', NOW)).kind).toBe('pass-unknown');
    expect((await checkInByMemberId(db, seededWriter(), old, NOW)).kind).toBe('pass-unknown');
    expect(await db.events.count()).toBe(events);
  });
});
