import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldEvents } from '../../domain/ledger.ts';
import { summarize } from '../../domain/summary.ts';
import { anEvent, testId } from '../../domain/testing/event-builders.ts';
import type { BuurtpasEvent } from '../../domain/events.ts';
import { freshDb } from '../test/render-app.tsx';
import type { BuurtpasDb } from './database.ts';
import { contributionKey, storeAndApply } from './apply-events.ts';

async function apply(db: BuurtpasDb, events: BuurtpasEvent[]): Promise<void> {
  await storeAndApply(
    db,
    events.map((event) => ({ event })),
  );
}

const m1 = testId(1);
const m2 = testId(2);

function sample(): BuurtpasEvent[] {
  return [
    anEvent(
      'client-registered',
      { memberId: m1, locationId: 'cjm' },
      { at: '2026-01-10T10:00:00.000Z' },
    ),
    anEvent(
      'member-profile-set',
      { memberId: m1, fields: { name: 'Ama Boateng', phone: '0612345678' } },
      { at: '2026-01-10T10:00:00.000Z' },
    ),
    anEvent(
      'membership-started',
      { memberId: m1, associationId: 'bv-cjm', date: '2026-01-10' },
      { at: '2026-01-10T10:00:00.000Z' },
    ),
    anEvent(
      'payment-recorded',
      { memberId: m1, associationId: 'bv-cjm', year: 2026, amountCents: 100, method: 'cash' },
      { at: '2026-01-10T10:00:00.000Z', eventId: testId(900) },
    ),
    anEvent(
      'payment-recorded',
      { memberId: m1, associationId: 'bv-cjm', year: 2026, amountCents: 250, method: 'cash' },
      { at: '2026-01-11T10:00:00.000Z', eventId: testId(901) },
    ),
    anEvent(
      'event-voided',
      { targetEventId: testId(901), reason: 'dubbel' },
      { at: '2026-01-12T10:00:00.000Z' },
    ),
    anEvent(
      'client-registered',
      { memberId: m2, locationId: 'multibron' },
      { at: '2026-02-10T10:00:00.000Z', locationId: 'multibron' },
    ),
    anEvent(
      'visit-recorded',
      { memberId: m2, locationId: 'multibron' },
      { at: '2026-02-10T12:00:00.000Z', locationId: 'multibron' },
    ),
    anEvent(
      'visit-recorded',
      { memberId: m2, locationId: 'multibron' },
      { at: '2026-02-10T09:00:00.000Z', locationId: 'multibron', deviceId: 'dother' },
    ),
    anEvent(
      'client-deregistered',
      { memberId: m2, locationId: 'multibron', reason: 'verhuisd' },
      { at: '2026-09-10T10:00:00.000Z' },
    ),
  ];
}

/** The laptop's projection rows, read back into the domain's ledger shape. */
async function summaryFromDb(db: BuurtpasDb, year: number) {
  const ledger = foldEvents([]);
  for (const m of await db.members.toArray()) ledger.members.set(m.memberId, m);
  for (const r of await db.registrations.toArray()) ledger.registrations.set(r.key, r);
  for (const r of await db.memberships.toArray()) ledger.memberships.set(r.key, r);
  for (const p of await db.payments.toArray()) ledger.payments.set(p.eventId, p);
  for (const v of await db.voids.toArray()) ledger.voids.set(v.targetEventId, v);
  return summarize(ledger, year);
}

describe('storeAndApply', () => {
  it('keeps contributions right whether a void arrives before or after its payment', async () => {
    const events = sample();
    const forward = await freshDb();
    await apply(forward, events);
    const backward = await freshDb();
    await apply(backward, [...events].reverse());
    for (const db of [forward, backward]) {
      const row = await db.contributions.get(contributionKey(m1, 'bv-cjm', 2026));
      expect(row?.paidCents).toBe(100);
    }
  });

  it('keeps the earliest arrival of a visit-day and counts it once', async () => {
    const db = await freshDb();
    await apply(db, sample());
    const days = await db.visitDays.where('memberId').equals(m2).toArray();
    expect(days).toHaveLength(1);
    expect(days[0]?.firstAt).toBe('2026-02-10T09:00:00.000Z');
  });

  it('gives the same projections and summary as the domain fold, in any order, with duplicates', async () => {
    const events = sample();
    const expected = summarize(foldEvents(events), 2026);
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(events, { minLength: events.length }),
        fc.integer({ min: 1, max: 4 }),
        async (shuffled, chunk) => {
          const db = await freshDb();
          for (let i = 0; i < shuffled.length; i += chunk)
            await apply(db, shuffled.slice(i, i + chunk));
          await apply(db, shuffled.slice(0, 3)); // delivered twice
          expect(await summaryFromDb(db, 2026)).toEqual(expected);
          expect((await db.contributions.get(contributionKey(m1, 'bv-cjm', 2026)))?.paidCents).toBe(
            100,
          );
          expect(await db.events.count()).toBe(events.length);
          db.close();
        },
      ),
      { numRuns: 15 },
    );
  });

  it('erasure purges the name from the member and from stored payloads, and later edits stay out', async () => {
    const db = await freshDb();
    await apply(db, sample());
    await apply(db, [
      anEvent('member-erased', { memberId: m1 }, { at: '2026-05-01T10:00:00.000Z' }),
    ]);
    await apply(db, [
      anEvent(
        'member-profile-set',
        { memberId: m1, fields: { name: 'Ama again' } },
        { at: '2026-05-02T10:00:00.000Z' },
      ),
    ]);
    const member = await db.members.get(m1);
    expect(member?.fields).toEqual({});
    expect(member?.name).toBe('');
    const all = JSON.stringify(await db.events.toArray());
    expect(all).not.toContain('Ama');
    expect(all).not.toContain('0612345678');
  });

  it('flags the same pass number issued to two people offline, the earlier issue keeps it', async () => {
    const db = await freshDb();
    await apply(db, [
      anEvent('pass-issued', { memberId: m2, code: '123456' }, { eventId: testId(51) }),
    ]);
    await apply(db, [
      anEvent('pass-issued', { memberId: m1, code: '123456' }, { eventId: testId(50) }),
    ]);
    const pass = await db.passes.get('123456');
    expect(pass?.memberId).toBe(m1);
    expect(pass?.conflictMemberIds).toEqual([m2]);
  });
});

describe('erasure and merges', () => {
  const a = testId(71);
  const b = testId(72);
  const facts = () => [
    anEvent(
      'member-profile-set',
      { memberId: a, fields: { name: 'Kofi Dubbel' } },
      { at: '2026-03-01T10:00:00.000Z' },
    ),
    anEvent(
      'member-profile-set',
      { memberId: b, fields: { name: 'Kofi Mensah' } },
      { at: '2026-03-01T10:00:00.000Z' },
    ),
    anEvent(
      'members-merged',
      { fromMemberId: a, intoMemberId: b },
      { at: '2026-03-02T10:00:00.000Z' },
    ),
    anEvent('member-erased', { memberId: b }, { at: '2026-03-03T10:00:00.000Z' }),
  ];

  it.each([
    ['merge first', (e: BuurtpasEvent[]) => e],
    ['erasure first', (e: BuurtpasEvent[]) => [...e].reverse()],
  ])('erasing the survivor erases the record merged into it (%s)', async (_, order) => {
    const db = await freshDb();
    for (const e of order(facts())) await apply(db, [e]);
    expect((await db.members.get(a))?.erased).toBe(true);
    expect((await db.members.get(b))?.erased).toBe(true);
    expect(JSON.stringify(await db.members.toArray())).not.toContain('Kofi');
    expect(JSON.stringify(await db.events.toArray())).not.toContain('Kofi');
  });
});
