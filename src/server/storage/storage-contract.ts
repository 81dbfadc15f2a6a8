/**
 * The one contract every storage engine passes. Each engine's test file calls
 * `describeStorageContract` with a harness that makes a fresh, empty database per test.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { BuurtpasEvent } from '../../domain/events.ts';
import { checksumOf } from '../../domain/event-set-checksum.ts';
import { foldEvents } from '../../domain/ledger.ts';
import { foldProjection, tablesOf } from '../../domain/projection/memory-projection.ts';
import { summarize } from '../../domain/summary.ts';
import { hashSecret } from '../auth/secrets.ts';
import { prepareIncomingEvents } from '../sync/prepare-incoming-events.ts';
import { createSummaryCache } from '../sync/summary-cache.ts';
import { aMemberStory, anEvent, makeTestId } from '../testing/build-test-events.ts';
import { MigrationRefusedError } from './migrations.ts';
import type { IncomingEvent, Storage } from './storage.ts';
import type { StoredRowText } from './stored-projection.ts';

export type StorageHarness = {
  storage: Storage;
  /** Closes `storage` and opens the same database again. */
  reopen(): Promise<Storage>;
  /** Records a migration number no build knows, as a newer server would. */
  recordUnknownMigration(version: number): Promise<void>;
  /** Empties the projection tables, as in a database from before migration 004. */
  forgetProjection(): Promise<void>;
  /** Every text column of every row, for "the name is nowhere" checks. */
  dumpAllText(): Promise<string>;
  dispose(): Promise<void>;
};

const DEVICE = 'desk-test-1';
const NOW = '2026-03-10T12:00:00.000Z';

function valid(events: BuurtpasEvent[]): IncomingEvent[] {
  return events.map((event) => ({ kind: 'valid', event }));
}

async function readAll(storage: Storage): Promise<{ seq: number; event: BuurtpasEvent }[]> {
  const out: { seq: number; event: BuurtpasEvent }[] = [];
  let after = 0;
  for (;;) {
    const rows = await storage.readEventsAfter(after, 7);
    if (rows.length === 0) return out;
    for (const r of rows) out.push({ seq: r.seq, event: JSON.parse(r.json) as BuurtpasEvent });
    after = rows[rows.length - 1]?.seq ?? after;
  }
}

export function describeStorageContract(
  engine: string,
  createHarness: () => Promise<StorageHarness>,
): void {
  describe(`storage contract: ${engine}`, () => {
    let harness: StorageHarness | undefined;
    const open = async () => {
      harness = await createHarness();
      return harness;
    };
    afterEach(async () => {
      await harness?.dispose();
      harness = undefined;
    });

    it('inserts a batch with consecutive seqs and answers in input order', async () => {
      const { storage } = await open();
      const events = aMemberStory(makeTestId(), { paidCents: 250 });
      const results = await storage.insertEvents(DEVICE, valid(events), NOW);
      expect(results).toEqual(
        events.map((e, i) => ({ eventId: e.eventId, status: 'inserted', seq: i + 1 })),
      );
      expect(await storage.lastSeq()).toBe(events.length);
      const stored = await readAll(storage);
      expect(stored.map((s) => s.event)).toEqual(events);
    });

    it('answers the same request twice the same way and stores nothing new', async () => {
      const { storage } = await open();
      const events = aMemberStory(makeTestId());
      const bad = prepareIncomingEvents([{ eventId: makeTestId(), type: 'visit-recorded' }], {
        deviceId: DEVICE,
        nowMs: Date.parse(NOW),
        maxClockSkewMs: 0,
      });
      const batch = [...valid(events), ...bad];
      const first = await storage.insertEvents(DEVICE, batch, NOW);
      const second = await storage.insertEvents(DEVICE, batch, NOW);
      expect(second).toEqual(
        first.map((r) => (r.status === 'inserted' ? { ...r, status: 'duplicate' } : r)),
      );
      expect(await storage.lastSeq()).toBe(events.length);
      expect(await readAll(storage)).toHaveLength(events.length);
      expect(await storage.listQuarantine(100)).toHaveLength(1);
    });

    it('answers a second copy inside one batch as a duplicate of the first', async () => {
      const { storage } = await open();
      const [a, b] = aMemberStory(makeTestId());
      if (!a || !b) throw new Error('builder');
      const results = await storage.insertEvents(DEVICE, valid([a, b, a]), NOW);
      expect(results.map((r) => r.status)).toEqual(['inserted', 'inserted', 'duplicate']);
      expect(results[2]).toEqual({ eventId: a.eventId, status: 'duplicate', seq: 1 });
      expect(await storage.lastSeq()).toBe(2);
    });

    it('quarantines an invalid event without blocking the events behind it', async () => {
      const { storage } = await open();
      const memberId = makeTestId();
      const before = anEvent('client-registered', { memberId, locationId: 'cjm' });
      const after = anEvent('visit-recorded', { memberId, locationId: 'cjm' });
      const badId = makeTestId();
      const raws = [
        before,
        { ...after, eventId: badId, type: 'no-such-type' },
        { ...after, deviceId: 'someone-else' },
        after,
      ];
      const batch = prepareIncomingEvents(raws, {
        deviceId: DEVICE,
        nowMs: Date.parse(NOW),
        maxClockSkewMs: 60_000,
      });
      const results = await storage.insertEvents(DEVICE, batch, NOW);
      expect(results).toEqual([
        { eventId: before.eventId, status: 'inserted', seq: 1 },
        { eventId: badId, status: 'quarantined', reason: 'type-unknown' },
        { eventId: after.eventId, status: 'quarantined', reason: 'device-mismatch' },
        { eventId: after.eventId, status: 'inserted', seq: 2 },
      ]);
      const quarantine = await storage.listQuarantine(10);
      expect(quarantine.map((q) => q.reason).sort()).toEqual(['device-mismatch', 'type-unknown']);
      expect(quarantine.every((q) => q.deviceId === DEVICE && q.raw.includes(q.eventId))).toBe(
        true,
      );
    });

    it('keeps seq gap-free and in commit order under concurrent pushes', async () => {
      const { storage } = await open();
      const batches = Array.from({ length: 10 }, (_, i) =>
        Array.from({ length: 20 }, () =>
          anEvent('walk-in-counted', { locationId: 'cjm', serviceId: `cjm:svc-${i}` }),
        ),
      );
      const answers = await Promise.all(
        batches.map((b) => storage.insertEvents(DEVICE, valid(b), NOW)),
      );
      const stored = await readAll(storage);
      expect(stored.map((s) => s.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
      expect(new Set(stored.map((s) => s.event.eventId))).toEqual(
        new Set(batches.flat().map((e) => e.eventId)),
      );
      for (const answer of answers) {
        const seqs = answer.map((r) => (r.status === 'quarantined' ? -1 : r.seq));
        // Serialized pushes: each batch got one contiguous run of numbers.
        expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => (seqs[0] ?? 0) + i));
      }
      for (const s of stored) {
        const answer = answers.flat().find((r) => r.eventId === s.event.eventId);
        expect(answer).toEqual({ eventId: s.event.eventId, status: 'inserted', seq: s.seq });
      }
    });

    it('reads pages after a cursor', async () => {
      const { storage } = await open();
      const events = Array.from({ length: 25 }, () =>
        anEvent('walk-in-counted', { locationId: 'cjm', serviceId: 'cjm:kookclub' }),
      );
      await storage.insertEvents(DEVICE, valid(events), NOW);
      const page1 = await storage.readEventsAfter(0, 10);
      const page3 = await storage.readEventsAfter(20, 10);
      expect(page1.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(page3.map((r) => r.seq)).toEqual([21, 22, 23, 24, 25]);
      expect(await storage.readEventsAfter(25, 10)).toEqual([]);
      expect((await readAll(storage)).map((s) => s.event.eventId)).toEqual(
        events.map((e) => e.eventId),
      );
    });

    it('reads only the asked types, still in seq order and paged by seq (bootstrap priority pull)', async () => {
      const { storage } = await open();
      const events = Array.from({ length: 12 }, (_, i) =>
        i % 3 === 0
          ? anEvent('walk-in-counted', { locationId: 'cjm', serviceId: 'cjm:kookclub' })
          : anEvent('client-registered', { memberId: makeTestId(), locationId: 'cjm' }),
      );
      await storage.insertEvents(DEVICE, valid(events), NOW);
      const page1 = await storage.readEventsAfter(0, 5, ['client-registered']);
      expect(page1.map((r) => r.seq)).toEqual([2, 3, 5, 6, 8]);
      const page2 = await storage.readEventsAfter(8, 5, ['client-registered']);
      expect(page2.map((r) => r.seq)).toEqual([9, 11, 12]);
      expect(
        (await storage.readEventsAfter(0, 100, ['walk-in-counted', 'client-registered'])).length,
      ).toBe(12);
      expect(await storage.readEventsAfter(0, 100, [])).toEqual([]);
    });

    it('keeps the summary and checksum equal to folding the same events', async () => {
      const { storage } = await open();
      const events = [
        ...aMemberStory(makeTestId(), { locationId: 'cjm', paidCents: 250 }),
        ...aMemberStory(makeTestId(), { locationId: 'multibron', paidCents: 100 }),
        ...aMemberStory(makeTestId(), { locationId: 'handreiking' }),
      ];
      const cache = createSummaryCache(storage);
      await storage.insertEvents(DEVICE, valid(events.slice(0, 5)), NOW);
      await cache.refresh();
      await storage.insertEvents(DEVICE, valid(events), NOW);
      const answer = await cache.summaryFor(2026);
      expect(answer.summary).toEqual(summarize(foldEvents(events), 2026));
      expect(answer.summary.total.registeredClients).toBe(3);
      expect(answer.summary.total.payingMembers).toBe(1);
      expect(answer.checksum).toEqual(checksumOf(events.map((e) => e.eventId)));
      expect(answer.lastSeq).toBe(events.length);
    });

    it('redacts the profile payloads of an erased member, earlier, same batch and later', async () => {
      const h = await open();
      const { storage } = h;
      const memberId = makeTestId();
      const other = makeTestId();
      const story = aMemberStory(memberId, { name: 'Zyxwa Qorrelaan' });
      await storage.insertEvents(
        DEVICE,
        valid([...story, ...aMemberStory(other, { name: 'Blijft Bestaan' })]),
        NOW,
      );
      const badWithName = {
        ...anEvent('member-profile-set', { memberId, fields: { name: 'Zyxwa Qorrelaan' } }),
        v: 'x',
      };
      await storage.insertEvents(
        DEVICE,
        prepareIncomingEvents([badWithName], {
          deviceId: DEVICE,
          nowMs: Date.parse(NOW),
          maxClockSkewMs: 0,
        }),
        NOW,
      );
      expect(await h.dumpAllText()).toContain('Zyxwa Qorrelaan');

      const sameBatchEdit = anEvent('member-profile-set', {
        memberId,
        fields: { phone: '0612345678' },
      });
      const erased = anEvent('member-erased', { memberId });
      await storage.insertEvents(DEVICE, valid([sameBatchEdit, erased]), NOW);
      const lateEdit = anEvent(
        'member-profile-set',
        { memberId, fields: { name: 'Zyxwa Qorrelaan' } },
        { hlc: '999999999999999-000000-desk-test-1' },
      );
      const lateResult = await storage.insertEvents(DEVICE, valid([lateEdit]), NOW);
      expect(lateResult[0]?.status).toBe('inserted');

      const all = await readAll(storage);
      const profiles = all.filter(
        (s) => s.event.type === 'member-profile-set' && s.event.data.memberId === memberId,
      );
      expect(profiles).toHaveLength(3);
      for (const p of profiles)
        expect(p.event.type === 'member-profile-set' && p.event.data.fields).toEqual({});
      const dump = await h.dumpAllText();
      expect(dump).not.toContain('Zyxwa');
      expect(dump).not.toContain('0612345678');
      expect(dump).toContain('Blijft Bestaan');
      // The facts stay: the registration still counts for the years before the erasure.
      expect(
        all.some((s) => s.event.type === 'client-registered' && s.event.data.memberId === memberId),
      ).toBe(true);
    });

    it('keeps the projection rows equal to folding the events, and builds them again from the events alone', async () => {
      const h = await open();
      const { storage } = h;
      const memberId = makeTestId();
      const erased = makeTestId();
      const visit = anEvent('visit-recorded', { memberId, locationId: 'cjm' });
      const events = [
        ...aMemberStory(memberId, { locationId: 'cjm', paidCents: 250 }),
        ...aMemberStory(erased, { locationId: 'multibron', name: 'Zyxwa Qorrelaan' }),
        visit,
        anEvent('member-erased', { memberId: erased }, { locationId: 'multibron' }),
      ];
      // A void in a later batch than its target, and one before its target arrives.
      const late = anEvent('visit-recorded', { memberId, locationId: 'cjm' });
      const voids = [
        anEvent('event-voided', { targetEventId: visit.eventId, reason: 'dubbel' }),
        anEvent('event-voided', { targetEventId: late.eventId, reason: 'dubbel' }),
      ];
      await storage.insertEvents(DEVICE, valid(events.slice(0, 4)), NOW);
      await storage.insertEvents(DEVICE, valid(events.slice(4)), NOW);
      await storage.insertEvents(DEVICE, valid(voids), NOW);
      await storage.insertEvents(DEVICE, valid([late]), NOW);
      const stored = (await readAll(storage)).map((r) => r.event);
      const all = Object.fromEntries(
        Object.keys(tablesOf(foldProjection([]))).map((t) => [t, 'all' as const]),
      );
      const cache = createSummaryCache(storage);
      const kept = await cache.projection();
      expect(tablesOf(kept.state)).toEqual(tablesOf(foldProjection(stored)));
      expect(kept.lastSeq).toBe(stored.length);
      expect(kept.checksum).toEqual(checksumOf(stored.map((e) => e.eventId)));
      expect(JSON.stringify(tablesOf(kept.state))).not.toContain('Zyxwa');

      await h.forgetProjection();
      expect((await storage.readProjection(all)).lastSeq).toBe(0);
      expect(await storage.catchUpProjection(3)).toBe(stored.length);
      const built = await cache.projection();
      expect(tablesOf(built.state)).toEqual(tablesOf(kept.state));
      expect(built.checksum).toEqual(kept.checksum);

      // A push that finds the rows behind its events applies those first.
      await h.forgetProjection();
      const next = anEvent('visit-recorded', { memberId, locationId: 'cjm' });
      await storage.insertEvents(DEVICE, valid([next]), NOW);
      const after = await cache.projection();
      expect(tablesOf(after.state)).toEqual(tablesOf(foldProjection([...stored, next])));
      expect(after.lastSeq).toBe(stored.length + 1);
    });

    it('reads the projection rows in pages of one snapshot: parts, newest day first, facts up to its seq', async () => {
      const { storage } = await open();
      const memberId = makeTestId();
      const visits = ['2026-03-09', '2026-03-10', '2026-03-11'].map((day) =>
        anEvent('visit-recorded', { memberId, locationId: 'cjm' }, { at: `${day}T10:00:00.000Z` }),
      );
      const target = anEvent(
        'target-set',
        { indicator: 'registered-clients', locationId: 'cjm', year: 2026, value: 10 },
        { deviceId: 'coord-1', locationId: 'cjm' },
      );
      const stored = [...aMemberStory(memberId, { paidCents: 250 }), ...visits];
      await storage.insertEvents(DEVICE, valid(stored), NOW);
      await storage.insertEvents('coord-1', valid([target]), NOW);
      const whole = await storage.readProjection({ visitDays: 'all', members: 'all' });

      const pages: { request: number; rows: StoredRowText[] }[] = [];
      const requests = [
        { table: 'visitDays' as const, parts: { except: ['2026-03-10'] }, newestPartFirst: true },
        { table: 'visitDays' as const, parts: { only: ['2026-03-10'] } },
        { table: 'members' as const },
        { table: 'payments' as const, parts: { only: [] } },
        { eventTypes: ['target-set', 'contribution-amount-set'] },
      ];
      const read = await storage.readProjectionPages(requests, 1, (request, rows, state) => {
        expect(state.lastSeq).toBe(stored.length + 1);
        pages.push({ request: requests.indexOf(request as never), rows });
      });
      expect(read).toEqual({ lastSeq: whole.lastSeq, checksum: whole.checksum });
      expect(pages.every((p) => p.rows.length === 1)).toBe(true);
      const bodies = (i: number) => pages.filter((p) => p.request === i).flatMap((p) => p.rows);
      expect(bodies(0).map((r) => r.part)).toEqual(['2026-03-11', '2026-03-09']);
      expect(bodies(1).map((r) => r.part)).toEqual(['2026-03-10']);
      expect([...bodies(0), ...bodies(1)].map((r) => r.body).sort()).toEqual(
        (whole.rows.visitDays ?? []).map((r) => JSON.stringify(r)).sort(),
      );
      expect(whole.rows.visitDays).toHaveLength(3);
      expect(bodies(2).map((r) => JSON.parse(r.body) as object)).toEqual(whole.rows.members);
      expect(bodies(3)).toEqual([]);
      expect(bodies(4).map((r) => [r.seq, JSON.parse(r.body) as object])).toEqual([
        [stored.length + 1, target],
      ]);

      // Bigger pages: the same rows, fewer calls.
      let calls = 0;
      await storage.readProjectionPages([{ table: 'visitDays' }], 100, (_r, rows) => {
        calls++;
        expect(rows).toHaveLength(3);
      });
      expect(calls).toBe(1);
    });

    it('erasure reaches every record merged into the person: before, after, along chains', async () => {
      const h = await open();
      const { storage } = h;
      const person = makeTestId();
      const mergedBefore = makeTestId();
      const chained = makeTestId();
      const mergedAfter = makeTestId();
      const bystander = makeTestId();
      await storage.insertEvents(
        DEVICE,
        valid([
          ...aMemberStory(person, { name: 'Hoofd Persoon' }),
          ...aMemberStory(mergedBefore, { name: 'Kwabena Voorsamen' }),
          anEvent('member-profile-set', {
            memberId: mergedBefore,
            fields: { phone: '0687654321' },
          }),
          ...aMemberStory(chained, { name: 'Yaa Ketenlid' }),
          anEvent('member-profile-set', { memberId: chained, fields: { phone: '0611112222' } }),
          ...aMemberStory(bystander, { name: 'Blijft Bestaan' }),
          anEvent('members-merged', { fromMemberId: chained, intoMemberId: mergedBefore }),
          anEvent('members-merged', { fromMemberId: mergedBefore, intoMemberId: person }),
        ]),
        NOW,
      );
      // The control: before the erasure the names are stored, so the checks below can fail.
      expect(await h.dumpAllText()).toContain('Kwabena Voorsamen');
      await storage.insertEvents(
        DEVICE,
        valid([anEvent('member-erased', { memberId: person })]),
        NOW,
      );
      // Merged after the erasure (another laptop had not heard of it), with an edit in the same batch.
      await storage.insertEvents(
        DEVICE,
        valid([
          ...aMemberStory(mergedAfter, { name: 'Esi Nasamen' }),
          anEvent('member-profile-set', { memberId: mergedAfter, fields: { phone: '0633334444' } }),
          anEvent('members-merged', { fromMemberId: mergedAfter, intoMemberId: person }),
        ]),
        NOW,
      );
      // A later edit of a merged record is stored without its fields.
      await storage.insertEvents(
        DEVICE,
        valid([
          anEvent('member-profile-set', { memberId: chained, fields: { phone: '0655556666' } }),
        ]),
        NOW,
      );
      const dump = await h.dumpAllText();
      for (const trace of [
        'Kwabena',
        'Voorsamen',
        '0687654321',
        'Ketenlid',
        '0611112222',
        'Nasamen',
        '0633334444',
        '0655556666',
        'Hoofd Persoon',
      ])
        expect(dump).not.toContain(trace);
      expect(dump).toContain('Blijft Bestaan');
    });

    it('answers a mixed batch per event and keeps its rows a fold: copies, a conflict, a refusal, a merge cascade, an erasure and a void together', async () => {
      const h = await open();
      const { storage } = h;
      const prepare = (raws: unknown[]) =>
        prepareIncomingEvents(raws, {
          deviceId: DEVICE,
          nowMs: Date.parse(NOW),
          maxClockSkewMs: 60_000,
        });
      const kept = makeTestId();
      const erased = makeTestId();
      const mergedBefore = makeTestId();
      const mergedNow = makeTestId();
      const keptStory = aMemberStory(kept, { paidCents: 250 });
      const visit = anEvent('visit-recorded', { memberId: kept, locationId: 'cjm' });
      const first = [
        ...keptStory,
        visit,
        ...aMemberStory(erased, { name: 'Pipo Tweemaal' }),
        ...aMemberStory(mergedBefore, { name: 'Dirk Eerdersamen' }),
        anEvent('members-merged', { fromMemberId: mergedBefore, intoMemberId: erased }),
      ];
      const firstResults = await storage.insertEvents(DEVICE, prepare(first), NOW);
      expect(firstResults.every((r) => r.status === 'inserted')).toBe(true);
      const [registered, profile] = keptStory;
      if (!registered || !profile) throw new Error('builder');

      const newStory = aMemberStory(mergedNow, { name: 'Cees Nieuwlid', paidCents: 250 });
      const refused = {
        ...anEvent('member-profile-set', { memberId: erased, fields: { name: 'Pipo Tweemaal' } }),
        v: 'x',
      };
      const voided = anEvent('event-voided', { targetEventId: visit.eventId, reason: 'dubbel' });
      const secondVisit = anEvent('visit-recorded', { memberId: kept, locationId: 'cjm' });
      const second = [
        profile, // stored before: a duplicate
        { ...registered, locationId: 'multibron' }, // the same id with other content
        ...newStory,
        refused,
        anEvent('members-merged', { fromMemberId: mergedNow, intoMemberId: erased }),
        anEvent('member-erased', { memberId: erased }),
        secondVisit,
        secondVisit, // a copy inside the batch
        voided,
      ];
      const results = await storage.insertEvents(DEVICE, prepare(second), NOW);
      const base = first.length;
      const seqOf = (id: string) => {
        const found = firstResults.find((r) => r.eventId === id);
        return found && 'seq' in found ? found.seq : undefined;
      };
      expect(results).toEqual([
        { eventId: profile.eventId, status: 'duplicate', seq: seqOf(profile.eventId) },
        { eventId: registered.eventId, status: 'conflict', seq: seqOf(registered.eventId) },
        ...newStory.map((e, i) => ({ eventId: e.eventId, status: 'inserted', seq: base + 1 + i })),
        { eventId: refused.eventId, status: 'quarantined', reason: 'event-invalid' },
        { eventId: second[7]?.eventId, status: 'inserted', seq: base + newStory.length + 1 },
        { eventId: second[8]?.eventId, status: 'inserted', seq: base + newStory.length + 2 },
        { eventId: secondVisit.eventId, status: 'inserted', seq: base + newStory.length + 3 },
        { eventId: secondVisit.eventId, status: 'duplicate', seq: base + newStory.length + 3 },
        { eventId: voided.eventId, status: 'inserted', seq: base + newStory.length + 4 },
      ]);
      expect(await storage.lastSeq()).toBe(base + newStory.length + 4);

      const stored = (await readAll(storage)).map((r) => r.event);
      const projection = await createSummaryCache(storage).projection();
      expect(tablesOf(projection.state)).toEqual(tablesOf(foldProjection(stored)));
      expect(projection.checksum).toEqual(checksumOf(stored.map((e) => e.eventId)));
      // The erased person, the record merged in before and the one merged in this batch: no name
      // anywhere, not in the facts, the rows or the refused event of this same batch.
      const quarantine = await storage.listQuarantine(10);
      expect(quarantine).toHaveLength(1);
      expect(quarantine[0]?.detail).toBe('redacted');
      const dump = await h.dumpAllText();
      for (const trace of ['Pipo', 'Tweemaal', 'Eerdersamen', 'Nieuwlid']) {
        expect(dump).not.toContain(trace);
      }
      expect(dump).toContain('Ama Test');
    });

    it('stores and reads back any text exactly: quotes, backslashes, accents, emoji, a lone surrogate', async () => {
      const { storage } = await open();
      const memberId = makeTestId();
      const name = 'A\ud800b "q" \\ \u00e9 \u{1f600}';
      const profile = anEvent('member-profile-set', { memberId, fields: { name } });
      await storage.insertEvents(DEVICE, valid([profile]), NOW);
      const [stored] = await readAll(storage);
      expect(stored?.event).toEqual(profile);
      const read = await storage.readProjection({ members: { keys: [memberId] } });
      expect(read.rows.members?.[0]?.name).toBe(name);
    });

    it('redeems an enrollment code once, and refuses expired, unknown and taken ids', async () => {
      const { storage } = await open();
      await storage.createEnrollmentCode({
        codeHash: 'c1',
        locationId: 'cjm',
        role: 'desk',
        createdAt: NOW,
        expiresAt: '2026-03-11T12:00:00.000Z',
      });
      await storage.createEnrollmentCode({
        codeHash: 'c2',
        locationId: 'multibron',
        role: 'coordinator',
        createdAt: NOW,
        expiresAt: '2026-03-11T12:00:00.000Z',
      });
      await storage.createEnrollmentCode({
        codeHash: 'old',
        locationId: 'cjm',
        role: 'desk',
        createdAt: NOW,
        expiresAt: '2026-03-10T12:00:00.000Z',
      });
      const first = await storage.redeemEnrollmentCode({
        codeHash: 'c1',
        deviceId: 'laptop-a',
        name: 'Balie',
        tokenHash: hashSecret('ta'),
        now: NOW,
      });
      expect(first).toEqual({
        ok: true,
        device: expect.objectContaining({
          deviceId: 'laptop-a',
          locationId: 'cjm',
          role: 'desk',
          revokedAt: null,
          name: 'Balie',
        }),
      });
      expect(
        await storage.redeemEnrollmentCode({
          codeHash: 'c1',
          deviceId: 'laptop-b',
          name: '',
          tokenHash: hashSecret('tb'),
          now: NOW,
        }),
      ).toEqual({ ok: false, code: 'code-used' });
      expect(
        await storage.redeemEnrollmentCode({
          codeHash: 'old',
          deviceId: 'laptop-b',
          name: '',
          tokenHash: hashSecret('tb'),
          now: NOW,
        }),
      ).toEqual({ ok: false, code: 'code-expired' });
      expect(
        await storage.redeemEnrollmentCode({
          codeHash: 'nope',
          deviceId: 'laptop-b',
          name: '',
          tokenHash: hashSecret('tb'),
          now: NOW,
        }),
      ).toEqual({ ok: false, code: 'code-invalid' });
      expect(
        await storage.redeemEnrollmentCode({
          codeHash: 'c2',
          deviceId: 'laptop-a',
          name: '',
          tokenHash: hashSecret('tb'),
          now: NOW,
        }),
      ).toEqual({ ok: false, code: 'device-exists' });
      // A refused redemption does not use the code up.
      const second = await storage.redeemEnrollmentCode({
        codeHash: 'c2',
        deviceId: 'laptop-c',
        name: '',
        tokenHash: hashSecret('tc'),
        now: NOW,
      });
      expect(second.ok && second.device.role).toBe('coordinator');
      expect((await storage.listDevices()).map((d) => d.deviceId).sort()).toEqual([
        'laptop-a',
        'laptop-c',
      ]);
    });

    it('finds devices and admins by token hash and keeps revocations', async () => {
      const { storage } = await open();
      await storage.createEnrollmentCode({
        codeHash: 'c1',
        locationId: 'cjm',
        role: 'desk',
        createdAt: NOW,
        expiresAt: '2030-01-01T00:00:00.000Z',
      });
      await storage.redeemEnrollmentCode({
        codeHash: 'c1',
        deviceId: 'laptop-a',
        name: '',
        tokenHash: hashSecret('ta'),
        now: NOW,
      });
      await storage.createAdminToken(hashSecret('admin'), NOW);
      expect(await storage.findTokenOwner(hashSecret('ta'))).toEqual({
        kind: 'device',
        device: expect.objectContaining({ deviceId: 'laptop-a', revokedAt: null }),
      });
      expect(await storage.findTokenOwner(hashSecret('admin'))).toEqual({ kind: 'admin' });
      expect(await storage.findTokenOwner(hashSecret('nobody'))).toBeUndefined();
      expect(await storage.revokeDevice('laptop-a', '2026-03-12T00:00:00.000Z')).toBe(true);
      expect(await storage.revokeDevice('laptop-a', '2026-03-13T00:00:00.000Z')).toBe(true);
      expect(await storage.revokeDevice('ghost', NOW)).toBe(false);
      const owner = await storage.findTokenOwner(hashSecret('ta'));
      expect(owner?.kind === 'device' && owner.device.revokedAt).toBe('2026-03-12T00:00:00.000Z');
    });

    it('keeps data across a reopen and refuses a database with an unknown migration', async () => {
      const h = await open();
      const events = aMemberStory(makeTestId());
      await h.storage.insertEvents(DEVICE, valid(events), NOW);
      const reopened = await h.reopen();
      expect(await reopened.lastSeq()).toBe(events.length);
      const more = await reopened.insertEvents(
        DEVICE,
        valid([anEvent('walk-in-counted', { locationId: 'cjm', serviceId: 'cjm:kookclub' })]),
        NOW,
      );
      expect(more[0]).toMatchObject({ status: 'inserted', seq: events.length + 1 });
      await h.recordUnknownMigration(999);
      await expect(h.reopen()).rejects.toBeInstanceOf(MigrationRefusedError);
    });

    it('keeps one generation id across reopens and remembers the last push and pull per device', async () => {
      const h = await open();
      const generation = await h.storage.readGeneration();
      expect(generation).toMatch(/^[0-9a-f]{32}$/);
      await h.storage.ping();
      expect(await h.storage.listDeviceActivity()).toEqual([]);
      await h.storage.noteDeviceActivity('desk-a', 'push', '2026-03-10T12:00:00.000Z');
      await h.storage.noteDeviceActivity('desk-a', 'pull', '2026-03-10T12:01:00.000Z');
      await h.storage.noteDeviceActivity('desk-a', 'push', '2026-03-11T08:00:00.000Z');
      await h.storage.noteDeviceActivity('desk-b', 'pull', '2026-03-09T08:00:00.000Z');
      const reopened = await h.reopen();
      expect(await reopened.readGeneration()).toBe(generation);
      expect(await reopened.listDeviceActivity()).toEqual([
        {
          deviceId: 'desk-a',
          lastPushAt: '2026-03-11T08:00:00.000Z',
          lastPullAt: '2026-03-10T12:01:00.000Z',
        },
        { deviceId: 'desk-b', lastPushAt: null, lastPullAt: '2026-03-09T08:00:00.000Z' },
      ]);
    });

    it("reads one person's events by member id, in seq order after a seq, at most a limit", async () => {
      const { storage } = await open();
      const [a, b, other] = [makeTestId(), makeTestId(), makeTestId()];
      const events = [
        ...aMemberStory(a),
        ...aMemberStory(other),
        anEvent('visit-recorded', { memberId: b, locationId: 'cjm' }),
        anEvent('members-merged', { fromMemberId: b, intoMemberId: a }),
        anEvent('walk-in-counted', { locationId: 'cjm', serviceId: 'cjm:kookclub' }),
      ];
      await storage.insertEvents(DEVICE, valid(events), NOW);
      const seqOf = new Map(events.map((e, i) => [e.eventId, i + 1]));
      const wanted = events.filter((e) => {
        const d = e.data as { memberId?: string; intoMemberId?: string };
        return [a, b].includes(d.memberId ?? d.intoMemberId ?? '');
      });
      const all = await storage.readMemberEvents([b, a, a], 0, 100);
      expect(all.map((r) => (JSON.parse(r.json) as BuurtpasEvent).eventId)).toEqual(
        wanted.map((e) => e.eventId),
      );
      expect(all.map((r) => r.seq)).toEqual(wanted.map((e) => seqOf.get(e.eventId)));
      const page = await storage.readMemberEvents([a, b], all[1]!.seq, 2);
      expect(page).toEqual(all.slice(2, 4));
      expect(await storage.readMemberEvents([], 0, 100)).toEqual([]);
      expect(await storage.readMemberEvents([makeTestId()], 0, 100)).toEqual([]);
    });
  });
}
