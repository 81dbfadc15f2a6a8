/**
 * Reads for the treasurer's screens. Each goes through an index of a projection table
 * (memberships by association, contributions by association and year, members and last visits
 * by key); none reads the events table except by type or member, which are small.
 */
import { dueCentsFor } from '../../domain/contribution.ts';
import { localDateOf, localYearOf } from '../../domain/amsterdam-time.ts';
import type { BuurtpasEvent, EventOf, RoleName } from '../../domain/events.ts';
import { amountKey, periodKey } from '../../domain/ledger.ts';
import {
  findPossibleDuplicates,
  type DuplicateGroup,
} from '../../domain/treasurer/duplicate-payments.ts';
import {
  summarizeMemberYears,
  firstMembershipYear,
  type MemberYear,
} from '../../domain/treasurer/member-years.ts';
import { buildOwesRows, type OwesMember, type OwesRow } from '../../domain/treasurer/owes-list.ts';
import type { BuurtpasDb, MemberRow, StoredPayment } from './database.ts';
import { contributionKey } from './apply-events.ts';

export async function readDueCents(
  db: BuurtpasDb,
  associationId: string,
  year: number,
): Promise<number> {
  return dueCentsFor(associationId, await db.amounts.get(amountKey(associationId, year)));
}

function toOwesMember(m: MemberRow): OwesMember {
  return {
    memberId: m.memberId,
    name: m.name,
    locations: m.locations,
    registeredOn: m.createdAt ? localDateOf(m.createdAt) : '',
    erased: m.erased,
    ...(m.mergedInto ? { mergedInto: m.mergedInto } : {}),
  };
}

type KeyedTable<T> = {
  count(): Promise<number>;
  toArray(): Promise<T[]>;
  bulkGet(keys: string[]): Promise<(T | undefined)[]>;
};

/**
 * Rows whose primary key is in `ids`. When they are a large part of the table one cursor over
 * it is several times faster than that many point reads (measured: bench/treasurer-owes.ts).
 */
async function readSome<T extends { memberId: string }>(
  table: KeyedTable<T>,
  ids: ReadonlySet<string>,
): Promise<T[]> {
  if (ids.size === 0) return [];
  if (ids.size * 4 >= (await table.count()))
    return (await table.toArray()).filter((r) => ids.has(r.memberId));
  return (await table.bulkGet([...ids])).filter((r) => r !== undefined);
}

/** Carries its association and year, so a screen never shows one year's rows under another's title. */
export type OwesList = { associationId: string; year: number; rows: OwesRow[]; dueCents: number };

/** Every member of the association in the year, with paid and open amounts. Works offline. */
export async function readOwesList(
  db: BuurtpasDb,
  associationId: string,
  year: number,
): Promise<OwesList> {
  return db.transaction(
    'r',
    [db.memberships, db.contributions, db.members, db.lastVisits, db.amounts],
    async () => {
      const [memberships, contributions, dueCents] = await Promise.all([
        db.memberships.where('scopeId').equals(associationId).toArray(),
        db.contributions.where('[associationId+year]').equals([associationId, year]).toArray(),
        readDueCents(db, associationId, year),
      ]);
      const members = new Map<string, OwesMember>();
      const lastVisits = new Map<string, string>();
      let wanted = new Set<string>([
        ...memberships.map((m) => m.memberId),
        ...contributions.map((c) => c.memberId),
      ]);
      // Members and their last visits are read side by side; then merges are followed: the record
      // a merged-away one points to may not be among them yet.
      for (let round = 0; round < 4 && wanted.size > 0; round++) {
        const [rows, visits] = await Promise.all([
          readSome(db.members, wanted),
          readSome(db.lastVisits, wanted),
        ]);
        for (const v of visits) lastVisits.set(v.memberId, v.day);
        wanted = new Set();
        for (const m of rows) {
          members.set(m.memberId, toOwesMember(m));
          if (m.mergedInto && !members.has(m.mergedInto)) wanted.add(m.mergedInto);
        }
      }
      const rows = buildOwesRows({
        year,
        dueCents,
        memberships,
        members,
        contributions,
        lastVisits,
      });
      return { associationId, year, rows, dueCents };
    },
  );
}

export type PaymentView = StoredPayment & {
  voided: { reason: string; at: string; role: RoleName } | null;
};
export type WaiverView = {
  eventId: string;
  year: number;
  reason: string;
  at: string;
  deviceId: string;
  locationId: string;
  role: RoleName;
  voided: { reason: string; at: string; role: RoleName } | null;
};

export type MemberLedger = {
  member: MemberRow;
  memberSince: string | null;
  memberSinceYear: number | null;
  endedOn: string | null;
  years: MemberYear[];
  payments: PaymentView[];
  waivers: WaiverView[];
};

/** One person's payments over the years (merged-away records included), what is open, who recorded what. */
export async function readMemberLedger(
  db: BuurtpasDb,
  memberId: string,
  associationId: string,
  nowMs: number,
): Promise<MemberLedger | null> {
  return db.transaction(
    'r',
    [db.members, db.memberships, db.payments, db.waivers, db.voids, db.amounts, db.events],
    async () => {
      const member = await db.members.get(memberId);
      if (!member) return null;
      const mergedFrom = await db.members.where('mergedInto').equals(memberId).primaryKeys();
      const ids = [memberId, ...mergedFrom];
      const periods = (
        await db.memberships.bulkGet(ids.map((id) => periodKey(id, associationId)))
      ).filter((p) => p !== undefined);
      const period =
        periods.length === 0
          ? undefined
          : {
              memberId,
              scopeId: associationId,
              opened: [...new Set(periods.flatMap((p) => p.opened))].sort(),
              closed: [...new Set(periods.flatMap((p) => p.closed))].sort(),
            };
      const payments = (await db.payments.where('memberId').anyOf(ids).toArray()).filter(
        (p) => p.associationId === associationId,
      );
      const waiverRows = (await db.waivers.where('memberId').anyOf(ids).toArray()).filter(
        (w) => w.associationId === associationId,
      );
      const voids = await db.voids.bulkGet([
        ...payments.map((p) => p.eventId),
        ...waiverRows.map((w) => w.eventId),
      ]);
      const voidOf = new Map(
        voids
          .filter((v) => v !== undefined)
          .map((v) => [v.targetEventId, { reason: v.reason, at: v.at, role: v.role }]),
      );
      // Who recorded a waiver lives on its envelope.
      const waiverEvents = await db.events.bulkGet(waiverRows.map((w) => w.eventId));
      const waivers: WaiverView[] = waiverRows.map((w, i) => {
        const e = waiverEvents[i]?.event;
        return {
          eventId: w.eventId,
          year: w.year,
          reason: w.reason,
          at: w.at,
          deviceId: e?.deviceId ?? '',
          locationId: e?.locationId ?? '',
          role: e?.role ?? 'desk',
          voided: voidOf.get(w.eventId) ?? null,
        };
      });
      const amounts = new Map(
        (await db.amounts.toArray())
          .filter((a) => a.associationId === associationId)
          .map((a) => [a.year, a]),
      );
      const years = summarizeMemberYears({
        period,
        payments: payments.map((p) => ({
          eventId: p.eventId,
          year: p.year,
          amountCents: p.amountCents,
          voided: voidOf.has(p.eventId),
        })),
        waivers: waivers.map((w) => ({
          eventId: w.eventId,
          year: w.year,
          voided: w.voided !== null,
        })),
        currentYear: localYearOf(nowMs),
        dueCentsOf: (y) => dueCentsFor(associationId, amounts.get(y)),
      });
      const closed = period?.closed.at(-1) ?? null;
      const lastOpened = period?.opened.at(-1) ?? null;
      return {
        member,
        memberSince: period?.opened[0] ?? null,
        memberSinceYear: firstMembershipYear(period),
        endedOn: closed !== null && lastOpened !== null && closed >= lastOpened ? closed : null,
        years,
        payments: payments
          .map((p) => ({ ...p, voided: voidOf.get(p.eventId) ?? null }))
          .sort((a, b) => (a.at < b.at ? 1 : -1)),
        waivers: waivers.sort((a, b) => (a.at < b.at ? 1 : -1)),
      };
    },
  );
}

export type DuplicatePayment = StoredPayment & { name: string };

/** Payments that look recorded twice (same member, year, amount, day, two desks), not yet decided. */
export async function readPossibleDuplicates(
  db: BuurtpasDb,
  associationId: string,
  year: number,
): Promise<DuplicateGroup<DuplicatePayment>[]> {
  return db.transaction('r', [db.payments, db.voids, db.events, db.members], async () => {
    const payments = await db.payments
      .where('[associationId+year]')
      .equals([associationId, year])
      .toArray();
    const voids = await db.voids.bulkGet(payments.map((p) => p.eventId));
    const voided = new Set(voids.filter((v) => v !== undefined).map((v) => v.targetEventId));
    const keptEvents = await db.events.where('type').equals('duplicate-payments-kept').toArray();
    const keptVoided = await db.voids.bulkGet(keptEvents.map((r) => r.eventId));
    const liveKept = keptEvents
      .filter((_, i) => keptVoided[i] === undefined)
      .map((r) => (r.event as EventOf<'duplicate-payments-kept'>).data.paymentEventIds);
    const names = new Map(
      (await db.members.bulkGet([...new Set(payments.map((p) => p.memberId))]))
        .filter((m) => m)
        .map((m) => [m!.memberId, m!.name]),
    );
    const withNames = payments.map((p) => ({ ...p, name: names.get(p.memberId) ?? '' }));
    return findPossibleDuplicates(withNames, voided, liveKept);
  });
}

export type CashCountView = {
  eventId: string;
  at: string;
  deviceId: string;
  role: RoleName;
  countedCents: number;
  recordedCents: number;
  reason: string;
};
export type CashBox = {
  day: string;
  recordedCents: number;
  payments: number;
  counts: CashCountView[];
};

/** This desk's cash for a day: recorded cash payments (voided ones taken out) and earlier counts. */
export async function readCashBox(
  db: BuurtpasDb,
  deviceId: string,
  locationId: string,
  day: string,
): Promise<CashBox> {
  return db.transaction('r', [db.dayCounters, db.events], async () => {
    const counter = await db.dayCounters.get(`${day}|${locationId}|${deviceId}`);
    const rows = await db.events
      .where('[deviceId+day]')
      .equals([deviceId, day])
      .filter((r) => r.type === 'cash-counted')
      .toArray();
    const counts = rows
      .map((r) => r.event as EventOf<'cash-counted'>)
      .filter((e) => e.data.locationId === locationId && e.data.date === day)
      .map((e) => ({
        eventId: e.eventId,
        at: e.at,
        deviceId: e.deviceId,
        role: e.role ?? 'desk',
        countedCents: e.data.countedCents,
        recordedCents: e.data.recordedCents,
        reason: e.data.reason,
      }))
      .sort((a, b) => (a.at < b.at ? 1 : -1));
    return {
      day,
      recordedCents: counter?.cashCents ?? 0,
      payments: counter?.payments ?? 0,
      counts,
    };
  });
}

/** Events about role PINs are few: read them by type. */
export async function readEventsOfType<T extends BuurtpasEvent['type']>(
  db: BuurtpasDb,
  type: T,
): Promise<EventOf<T>[]> {
  const rows = await db.events.where('type').equals(type).toArray();
  return rows.map((r) => r.event as EventOf<T>);
}

export { contributionKey };
