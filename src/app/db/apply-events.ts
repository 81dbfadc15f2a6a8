/**
 * Keeps the projection tables in step with the events table. Called inside the same Dexie
 * transaction as the write of the events themselves, for local writes and for pulled pages alike.
 * Every step is order-independent, using the reducers of src/domain, so a payment and its void
 * can arrive in either order and the counters still agree.
 */
import { associationOf, DEFAULT_SERVICES } from '../../domain/catalog.ts';
import { localDateOf } from '../../domain/amsterdam-time.ts';
import type { BuurtpasEvent } from '../../domain/events.ts';
import { memberIdOf } from '../../domain/event-facts.ts';
import {
  addPeriodDate,
  amountKey,
  isEarlierVoid,
  periodKey,
  voidRowOf,
} from '../../domain/ledger.ts';
import {
  applyProfileFields,
  emptyMemberRecord,
  eraseMemberRecord,
} from '../../domain/member-record.ts';
import { nameWords } from '../../domain/name-search.ts';
import {
  addRegistrationChange,
  erasureChange,
  rederiveRegistration,
} from '../../domain/registration-changes.ts';
import { earlierArrival, visitDayKey } from '../../domain/visit-day.ts';
import type { BuurtpasDb, DayCounterRow, MemberRow, StoredEvent } from './database.ts';
import { applyTreasurerProjection } from './treasurer-schema.ts';
import { applyReportProjection } from './report-apply.ts';

export function toStoredEvent(event: BuurtpasEvent, seq?: number): StoredEvent {
  const row: StoredEvent = {
    eventId: event.eventId,
    day: localDateOf(event.at),
    deviceId: event.deviceId,
    locationId: event.locationId,
    type: event.type,
    event,
  };
  const memberId = memberIdOf(event);
  if (memberId !== undefined) row.memberId = memberId;
  if (seq !== undefined) row.seq = seq;
  return row;
}

export const contributionKey = (memberId: string, associationId: string, year: number) =>
  `${memberId}|${associationId}|${year}`;
const dayCounterKey = (day: string, locationId: string, deviceId: string) =>
  `${day}|${locationId}|${deviceId}`;

async function ensureMember(db: BuurtpasDb, memberId: string, at: string): Promise<MemberRow> {
  const existing = await db.members.get(memberId);
  if (existing) return existing;
  return { ...emptyMemberRecord(memberId), name: '', nameWords: [], locations: [], createdAt: at };
}

function withName(row: MemberRow): MemberRow {
  const name = row.erased ? '' : (row.fields.name ?? '');
  return { ...row, name, nameWords: nameWords(name) };
}

async function bumpDayCounter(
  db: BuurtpasDb,
  event: BuurtpasEvent,
  change: Partial<Omit<DayCounterRow, 'key' | 'day' | 'locationId' | 'deviceId'>>,
  sign: 1 | -1,
): Promise<void> {
  const day = localDateOf(event.at);
  const key = dayCounterKey(day, event.locationId, event.deviceId);
  const row = (await db.dayCounters.get(key)) ?? {
    key,
    day,
    locationId: event.locationId,
    deviceId: event.deviceId,
    visits: 0,
    serviceUses: 0,
    walkIns: 0,
    payments: 0,
    cashCents: 0,
  };
  for (const [k, v] of Object.entries(change) as [keyof typeof change, number][])
    row[k] += sign * v;
  await db.dayCounters.put(row);
}

async function addToContribution(
  db: BuurtpasDb,
  memberId: string,
  associationId: string,
  year: number,
  cents: number,
  waived?: boolean,
): Promise<void> {
  const key = contributionKey(memberId, associationId, year);
  const row = (await db.contributions.get(key)) ?? {
    key,
    memberId,
    associationId,
    year,
    paidCents: 0,
    waived: false,
  };
  row.paidCents += cents;
  if (waived !== undefined) row.waived = waived;
  await db.contributions.put(row);
}

/** What a fact adds to counters; its void takes the same away. */
async function applyCountable(db: BuurtpasDb, event: BuurtpasEvent, sign: 1 | -1): Promise<void> {
  switch (event.type) {
    // Awaited, never returned as a bare promise: Dexie tracks the transaction through awaits,
    // and a returned promise adds ticks that can let IndexedDB commit before the caller resumes.
    case 'visit-recorded':
      await bumpDayCounter(db, event, { visits: 1 }, sign);
      return;
    case 'service-used':
      await bumpDayCounter(db, event, { serviceUses: 1 }, sign);
      return;
    case 'walk-in-counted':
      await bumpDayCounter(db, event, { walkIns: 1 }, sign);
      return;
    case 'payment-recorded':
      await addToContribution(
        db,
        event.data.memberId,
        event.data.associationId,
        event.data.year,
        sign * event.data.amountCents,
      );
      await bumpDayCounter(
        db,
        event,
        { payments: 1, cashCents: event.data.method === 'cash' ? event.data.amountCents : 0 },
        sign,
      );
      return;
    case 'contribution-waived': {
      const key = contributionKey(event.data.memberId, event.data.associationId, event.data.year);
      const row = (await db.contributions.get(key)) ?? {
        key,
        memberId: event.data.memberId,
        associationId: event.data.associationId,
        year: event.data.year,
        paidCents: 0,
        waived: false,
      };
      // Another, unvoided waiver for the same year keeps the member waived.
      const others = await db.waivers
        .where('memberId')
        .equals(event.data.memberId)
        .filter(
          (w) =>
            w.associationId === event.data.associationId &&
            w.year === event.data.year &&
            w.eventId !== event.eventId,
        )
        .toArray();
      let stillWaived = false;
      for (const w of others) if (!(await db.voids.get(w.eventId))) stillWaived = true;
      row.waived = sign === 1 ? true : stillWaived;
      await db.contributions.put(row);
      return;
    }
    default:
      return;
  }
}

/** Which of these events are voided, as a lookup (one bulk read). */
async function readVoidedAmong(
  db: BuurtpasDb,
  eventIds: readonly string[],
): Promise<(eventId: string) => boolean> {
  const rows = await db.voids.bulkGet([...eventIds]);
  const voided = new Set<string>();
  rows.forEach((r, i) => r && voided.add(eventIds[i]!));
  return (id) => voided.has(id);
}

/** The day of the member's own erasure (the earliest), or null when not erased by a fact of theirs. */
async function readErasureDay(db: BuurtpasDb, memberId: string): Promise<string | null> {
  if (!(await db.members.get(memberId))?.erased) return null;
  const rows = await db.events
    .where('memberId')
    .equals(memberId)
    .filter((r) => r.type === 'member-erased')
    .toArray();
  let day: string | null = null;
  for (const r of rows) if (day === null || r.day < day) day = r.day;
  return day;
}

/** A (de)registration was undone: its period's dates are derived again without it. */
async function rederiveRegistrationRow(db: BuurtpasDb, target: BuurtpasEvent): Promise<void> {
  if (target.type !== 'client-registered' && target.type !== 'client-deregistered') return;
  const key = periodKey(target.data.memberId, target.data.locationId);
  const row = await db.registrations.get(key);
  if (!row) return;
  const isVoided = await readVoidedAmong(
    db,
    (row.changes ?? []).map((c) => c.eventId),
  );
  await db.registrations.put({ ...rederiveRegistration(row, isVoided), key });
}

async function applyOne(db: BuurtpasDb, event: BuurtpasEvent): Promise<void> {
  // The three projections touch separate tables (a void's and its target's rows aside, which only
  // the main one writes), so their requests go to IndexedDB together instead of one after another:
  // on the scan path that is the difference between five round trips and ten.
  await Promise.all([
    applyTreasurerProjection(db, event),
    applyReportProjection(db, event),
    applyMain(db, event),
  ]);
}

async function applyMain(db: BuurtpasDb, event: BuurtpasEvent): Promise<void> {
  const day = localDateOf(event.at);
  switch (event.type) {
    case 'client-registered':
    case 'client-deregistered': {
      const d = event.data;
      if (event.type === 'client-registered') {
        const member = await ensureMember(db, d.memberId, event.at);
        if (!member.locations.includes(d.locationId))
          member.locations = [...member.locations, d.locationId].sort();
        await db.members.put(member);
      }
      const key = periodKey(d.memberId, d.locationId);
      const current = await db.registrations.get(key);
      const isVoided = await readVoidedAmong(db, [
        event.eventId,
        ...(current?.changes ?? []).map((c) => c.eventId),
      ]);
      const kind = event.type === 'client-registered' ? 'opened' : 'closed';
      let period = addRegistrationChange(
        current,
        d.memberId,
        d.locationId,
        { eventId: event.eventId, hlc: event.hlc, day, kind },
        isVoided,
      );
      // Arriving after the person's erasure: closed on the erasure's day, as if it had been here.
      const erasedDay = await readErasureDay(db, d.memberId);
      if (erasedDay !== null)
        period = addRegistrationChange(
          period,
          d.memberId,
          d.locationId,
          erasureChange(d.memberId, erasedDay),
          isVoided,
        );
      await db.registrations.put({ ...period, key });
      return;
    }
    case 'membership-started':
    case 'membership-ended': {
      const d = event.data;
      const key = periodKey(d.memberId, d.associationId);
      const kind = event.type === 'membership-started' ? 'opened' : 'closed';
      await db.memberships.put({
        ...addPeriodDate(await db.memberships.get(key), d.memberId, d.associationId, d.date, kind),
        key,
      });
      return;
    }
    case 'member-profile-set': {
      const member = await ensureMember(db, event.data.memberId, event.at);
      const next = applyProfileFields(member, event.data.fields, event.hlc);
      if (next !== member || !(await db.members.get(member.memberId)))
        await db.members.put(withName({ ...member, ...next }));
      return;
    }
    case 'member-erased':
      await eraseLocally(db, event.data.memberId, event.at, day);
      return;
    case 'members-merged': {
      const member = await ensureMember(db, event.data.fromMemberId, event.at);
      const into = event.data.intoMemberId;
      const mergedInto = member.mergedInto && member.mergedInto < into ? member.mergedInto : into;
      await db.members.put({ ...member, mergedInto });
      // Merged into someone already erased: the same person, so erased too (either arrival order).
      if ((await db.members.get(into))?.erased)
        await eraseLocally(db, event.data.fromMemberId, event.at, day);
      return;
    }
    case 'pass-issued': {
      const { code, memberId } = event.data;
      const existing = await db.passes.get(code);
      if (!existing) {
        await db.passes.put({
          code,
          memberId,
          status: 'active',
          issuedEventId: event.eventId,
          issuedAt: event.at,
          conflictMemberIds: [],
        });
      } else if (existing.memberId !== memberId) {
        // The same code issued to two people offline: the earlier issue keeps it, the other is flagged.
        const earlier = event.eventId < existing.issuedEventId;
        const winner = earlier
          ? { ...existing, memberId, issuedEventId: event.eventId, issuedAt: event.at }
          : existing;
        const loser = earlier ? existing.memberId : memberId;
        const conflicts = Array.from(new Set([...existing.conflictMemberIds, loser])).filter(
          (m) => m !== winner.memberId,
        );
        await db.passes.put({ ...winner, conflictMemberIds: conflicts });
      }
      return;
    }
    case 'pass-revoked': {
      const existing = await db.passes.get(event.data.code);
      if (existing && existing.memberId === event.data.memberId)
        await db.passes.put({ ...existing, status: 'revoked' });
      else if (!existing)
        await db.passes.put({
          code: event.data.code,
          memberId: event.data.memberId,
          status: 'revoked',
          issuedEventId: event.eventId,
          issuedAt: event.at,
          conflictMemberIds: [],
        });
      return;
    }
    case 'visit-recorded': {
      const key = visitDayKey(event.data.memberId, event.data.locationId, event.at);
      const [existing, voided] = await Promise.all([
        db.visitDays.get(key),
        db.voids.get(event.eventId),
      ]);
      const write = !existing
        ? db.visitDays.put({
            key,
            memberId: event.data.memberId,
            locationId: event.data.locationId,
            day,
            firstAt: event.at,
            eventId: event.eventId,
          })
        : earlierArrival(event.at, existing.firstAt) !== existing.firstAt
          ? db.visitDays.put({ ...existing, firstAt: event.at, eventId: event.eventId })
          : null;
      await Promise.all([write, voided ? null : applyCountable(db, event, 1)]);
      return;
    }
    case 'service-used':
    case 'walk-in-counted':
      if (!(await db.voids.get(event.eventId))) await applyCountable(db, event, 1);
      return;
    case 'payment-recorded': {
      await db.payments.put({
        eventId: event.eventId,
        ...event.data,
        at: event.at,
        deviceId: event.deviceId,
        locationId: event.locationId,
        role: event.role ?? 'desk',
        day,
      });
      if (!(await db.voids.get(event.eventId))) await applyCountable(db, event, 1);
      return;
    }
    case 'contribution-waived': {
      const d = event.data;
      await db.waivers.put({
        eventId: event.eventId,
        memberId: d.memberId,
        associationId: d.associationId,
        year: d.year,
        reason: d.reason,
        at: event.at,
      });
      if (!(await db.voids.get(event.eventId))) await applyCountable(db, event, 1);
      return;
    }
    case 'contribution-amount-set': {
      const key = amountKey(event.data.associationId, event.data.year);
      const current = await db.amounts.get(key);
      if (!current || current.hlc < event.hlc)
        await db.amounts.put({ ...event.data, hlc: event.hlc, key });
      return;
    }
    case 'service-defined': {
      const current = await db.services.get(event.data.serviceId);
      if (!current || current.hlc < event.hlc) {
        const { serviceId, ...rest } = event.data;
        await db.services.put({
          id: serviceId,
          ...rest,
          retired: current?.retired ?? false,
          hlc: event.hlc,
        });
      }
      return;
    }
    case 'service-retired': {
      const current = await db.services.get(event.data.serviceId);
      const seeded = DEFAULT_SERVICES.find((s) => s.id === event.data.serviceId);
      if (current) await db.services.put({ ...current, retired: true });
      else if (seeded) await db.services.put({ ...seeded, retired: true, hlc: event.hlc });
      return;
    }
    case 'event-voided': {
      const row = voidRowOf(event);
      const current = await db.voids.get(row.targetEventId);
      if (!isEarlierVoid(row, current)) return;
      await db.voids.put(row);
      if (current) return; // already voided: counters were taken back then
      const target = await db.events.get(row.targetEventId);
      if (target) await applyCountable(db, target.event, -1);
      if (target?.type === 'client-registered' || target?.type === 'client-deregistered')
        await rederiveRegistrationRow(db, target.event);
      return;
    }
    default:
      return;
  }
}

/**
 * Erasure is of a person: the record, every record merged into it, and the personal fields in
 * every stored payload (pending outbox ones included). Registrations and memberships end that day;
 * the anonymous facts stay, so earlier years keep their counts.
 */
async function eraseLocally(
  db: BuurtpasDb,
  memberId: string,
  at: string,
  day: string,
  depth = 0,
): Promise<void> {
  const member = await ensureMember(db, memberId, at);
  if (!member.erased) {
    await db.members.put(withName({ ...member, ...eraseMemberRecord(member) }));
    await redactProfileEvents(db, memberId);
    for (const p of await db.registrations.where('memberId').equals(memberId).toArray()) {
      const isVoided = await readVoidedAmong(
        db,
        (p.changes ?? []).map((c) => c.eventId),
      );
      await db.registrations.put({
        ...addRegistrationChange(p, p.memberId, p.scopeId, erasureChange(memberId, day), isVoided),
        key: p.key,
      });
    }
    for (const p of await db.memberships.where('memberId').equals(memberId).toArray())
      await db.memberships.put({
        ...addPeriodDate(p, p.memberId, p.scopeId, day, 'closed'),
        key: p.key,
      });
  }
  if (depth > 16) return;
  const mergedFrom = await db.members.where('mergedInto').equals(memberId).primaryKeys();
  for (const id of mergedFrom) await eraseLocally(db, id, at, day, depth + 1);
}

/** Erasure: the member's personal fields leave every stored payload, pending outbox ones included. */
async function redactProfileEvents(db: BuurtpasDb, memberId: string): Promise<void> {
  const rows = await db.events
    .where('memberId')
    .equals(memberId)
    .filter((r) => r.type === 'member-profile-set')
    .toArray();
  for (const r of rows) {
    const event = r.event as Extract<BuurtpasEvent, { type: 'member-profile-set' }>;
    await db.events.put({ ...r, event: { ...event, data: { ...event.data, fields: {} } } });
  }
}

/**
 * Stores events that are new to this laptop and applies them to the projections, in one
 * read-write transaction over all tables (joining the caller's when one is open). Returns the
 * events that were new.
 *
 * Dexie keeps a transaction alive across `await` only inside an `async` scope function: a plain
 * arrow that returns a promise (`() => storeAndApply(...)`) lets IndexedDB commit early
 * (PrematureCommitError). Hence the async wrapper here, and `async () => { await … }` at callers.
 */
export async function storeAndApply(
  db: BuurtpasDb,
  events: readonly { event: BuurtpasEvent; seq?: number }[],
): Promise<BuurtpasEvent[]> {
  return db.transaction('rw', db.tables, async () => {
    return await storeAndApplyInTransaction(db, events);
  });
}

async function storeAndApplyInTransaction(
  db: BuurtpasDb,
  events: readonly { event: BuurtpasEvent; seq?: number }[],
): Promise<BuurtpasEvent[]> {
  const ids = events.map((e) => e.event.eventId);
  const existing = await db.events.bulkGet(ids);
  const fresh: BuurtpasEvent[] = [];
  const seqUpdates: StoredEvent[] = [];
  const freshRows: StoredEvent[] = [];
  const seen = new Set<string>();
  events.forEach(({ event, seq }, i) => {
    const have = existing[i];
    if (have) {
      if (seq !== undefined && have.seq !== seq) seqUpdates.push({ ...have, seq });
      return;
    }
    if (seen.has(event.eventId)) return;
    seen.add(event.eventId);
    fresh.push(event);
    freshRows.push(toStoredEvent(event, seq));
  });
  if (freshRows.length > 0) await db.events.bulkAdd(freshRows);
  if (seqUpdates.length > 0) await db.events.bulkPut(seqUpdates);
  // Voids go last: a void takes back what its target added, so within one batch the target must
  // have been applied first; a target that arrives in a later batch sees the void and adds nothing.
  const ordered = [
    ...fresh.filter((e) => e.type !== 'event-voided'),
    ...fresh.filter((e) => e.type === 'event-voided'),
  ];
  for (const e of ordered) {
    // A profile edit for an already erased member is stored redacted, never with the fields.
    if (e.type === 'member-profile-set') {
      const m = await db.members.get(e.data.memberId);
      if (m?.erased) {
        const row = toStoredEvent({ ...e, data: { ...e.data, fields: {} } });
        await db.events.put(seqOf(row, events, e.eventId));
        continue;
      }
    }
    await applyOne(db, e);
  }
  return fresh;
}

function seqOf(
  row: StoredEvent,
  events: readonly { event: BuurtpasEvent; seq?: number }[],
  eventId: string,
): StoredEvent {
  const seq = events.find((e) => e.event.eventId === eventId)?.seq;
  return seq === undefined ? row : { ...row, seq };
}

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

export { associationOf };
