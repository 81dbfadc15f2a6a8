/**
 * What the front desk does, each in one transaction: look up, decide with src/domain, write.
 * Results are codes and data; the screens word them.
 */
import { associationOf } from '../../domain/catalog.ts';
import { localDateOf, localYearOf } from '../../domain/amsterdam-time.ts';
import {
  contributionStatus,
  dueCentsFor,
  sumPaidAndWaived,
  type ContributionStatus,
} from '../../domain/contribution.ts';
import { isMemberOn, periodKey } from '../../domain/ledger.ts';
import { makeUuidV7 } from '../../domain/make-event-id.ts';
import type { BuurtpasEvent, PaymentMethod } from '../../domain/events.ts';
import type { ValidRegistration } from '../../domain/registration.ts';
import { decideCheckIn, visitDayKey } from '../../domain/visit-day.ts';
import type { HlcState } from '../../domain/hlc.ts';
import type {
  AmountStored,
  BuurtpasDb,
  ContributionRow,
  MemberRow,
  PeriodRow,
  VisitDayRow,
} from './database.ts';
import {
  contributionKey,
  projectFacts,
  type LoadedRows,
  tablesOfDb,
  toStoredEvent,
  writeProjectedRows,
} from './apply-events.ts';
import {
  HLC_META_KEY,
  readHlc,
  stampDrafts,
  writeEvents,
  writeEventsInTransaction,
  type EventDraft,
  type Writer,
} from './record-events.ts';

export type MemberContribution = {
  year: number;
  associationId: string;
  status: ContributionStatus;
};

export type ScanOutcome =
  | { kind: 'pass-unknown'; code: string }
  | { kind: 'pass-revoked'; code: string; memberId: string }
  | {
      kind: 'checked-in';
      code: string;
      member: MemberRow;
      contribution: MemberContribution;
      visitEventId: string;
      at: string;
    }
  | {
      kind: 'already-here';
      code: string;
      member: MemberRow;
      contribution: MemberContribution;
      sinceAt: string;
    };

/** Follows merges to the record the person now lives on. */
export async function resolveMember(
  db: BuurtpasDb,
  memberId: string,
): Promise<MemberRow | undefined> {
  let current = await db.members.get(memberId);
  for (let i = 0; i < 16 && current?.mergedInto; i++)
    current = await db.members.get(current.mergedInto);
  return current;
}

/** What a member (with the records merged into it) paid for a year, and whether it was waived. */
export async function readPaidAndWaived(
  db: BuurtpasDb,
  memberId: string,
  associationId: string,
  year: number,
) {
  // The member's own row and the list of records merged into it are asked for together: on the
  // scan path nobody was merged, and the second round trip is skipped.
  const [own, mergedFrom] = await Promise.all([
    db.contributions.get(contributionKey(memberId, associationId, year)),
    db.members.where('mergedInto').equals(memberId).primaryKeys(),
  ]);
  const ids = [memberId, ...mergedFrom];
  const rows =
    mergedFrom.length === 0
      ? [own]
      : [
          own,
          ...(await db.contributions.bulkGet(
            mergedFrom.map((id) => contributionKey(id, associationId, year)),
          )),
        ];
  return { ...sumPaidAndWaived(rows), ids };
}

/** This year's contribution of a member at the association of `locationId`. */
export async function readContribution(
  db: BuurtpasDb,
  memberId: string,
  locationId: string,
  nowMs: number,
): Promise<MemberContribution> {
  const year = localYearOf(nowMs);
  const associationId = associationOf(locationId) ?? '';
  const [membership, paid, amount] = await Promise.all([
    db.memberships.get(periodKey(memberId, associationId)),
    readPaidAndWaived(db, memberId, associationId, year),
    db.amounts.get(`${associationId}|${year}`),
  ]);
  return contributionFrom(year, associationId, membership, paid, amount, nowMs);
}

/** The contribution state from the rows read (pure: the scan reads them in its own round). */
function contributionFrom(
  year: number,
  associationId: string,
  membership: PeriodRow | undefined,
  paid: { paidCents: number; waived: boolean },
  amount: AmountStored | undefined,
  nowMs: number,
): MemberContribution {
  const isMember = isMemberOn(membership, localDateOf(nowMs));
  const dueCents = dueCentsFor(associationId, amount);
  return {
    year,
    associationId,
    status: contributionStatus({
      isMember,
      paidCents: paid.paidCents,
      dueCents,
      waived: paid.waived,
    }),
  };
}

/**
 * The tables a check-in reads (pass, member, membership, contribution, amount, visit-day) and the
 * ones a recorded visit writes (the fact, its outbox row, the clock, and the visit's projection
 * rows). The visit's rows are those `planRows` (src/domain/projection) names for
 * it. The scan holds one read-write transaction over these and no others, so it neither waits
 * for nor blocks readers of the rest (the treasurer's payments, the report's walk-ins, ...).
 * A table missing here makes Dexie refuse the scan (the desk tests would fail), never a silent loss.
 */
export function checkInTables(db: BuurtpasDb) {
  return [
    db.passes,
    db.members,
    db.memberships,
    db.contributions,
    db.amounts,
    db.visitDays,
    db.events,
    db.outbox,
    db.meta,
    db.voids,
    db.dayCounters,
    db.lastVisits,
    db.reportActivity,
  ];
}

/**
 * A scan: the pass decides who it is; a first scan today records a visit, a second one only shows
 * since when the person is here. One read-write transaction over the tables it touches and no
 * nested one, so two scans of the same pass in the same instant still record one visit.
 *
 * Three rounds of requests: the pass and the clock; then everything the answer and the visit's
 * rows need (member, visit-day, contribution, the projection's rows, `readForCheckIn`); then the
 * writes.
 */
export async function checkInByPass(
  db: BuurtpasDb,
  writer: Writer,
  code: string,
  nowMs: number,
): Promise<ScanOutcome> {
  return db.transaction('rw', checkInTables(db), async () => {
    const [pass, hlc] = await Promise.all([db.passes.get(code), readHlc(db)]);
    if (!pass) return { kind: 'pass-unknown', code };
    if (pass.status === 'revoked') return { kind: 'pass-revoked', code, memberId: pass.memberId };
    const reads = await readForCheckIn(db, writer, pass.memberId, nowMs);
    return await checkInMember(db, writer, pass.memberId, code, nowMs, hlc, reads);
  });
}

export async function checkInByMemberId(
  db: BuurtpasDb,
  writer: Writer,
  memberId: string,
  nowMs: number,
): Promise<ScanOutcome> {
  return db.transaction('rw', checkInTables(db), async () => {
    const [member, hlc] = await Promise.all([resolveMember(db, memberId), readHlc(db)]);
    if (!member || member.erased) return { kind: 'pass-unknown', code: '' };
    const [pass, reads] = await Promise.all([
      db.passes
        .where('memberId')
        .equals(member.memberId)
        .filter((p) => p.status === 'active')
        .first(),
      readForCheckIn(db, writer, member.memberId, nowMs),
    ]);
    return await checkInMember(db, writer, member.memberId, pass?.code ?? '', nowMs, hlc, reads);
  });
}

/** What a check-in of one member reads, all in one round. */
type CheckInReads = {
  member: MemberRow | undefined;
  mergedFrom: string[];
  membership: PeriodRow | undefined;
  own: ContributionRow | undefined;
  amount: AmountStored | undefined;
  /** The projection's rows for a visit of this member now (today's visit-day among them). */
  loaded: LoadedRows;
};

/** The id of the visit while its rows are read: nothing can have voided a fact not made yet. */
const DRAFT_VISIT_ID = 'visit-being-recorded';

function visitDraftOf(writer: Writer, memberId: string, nowMs: number, eventId: string) {
  return {
    eventId,
    v: 1,
    type: 'visit-recorded' as const,
    at: new Date(nowMs).toISOString(),
    hlc: '',
    deviceId: writer.deviceId,
    locationId: writer.locationId,
    role: writer.role,
    data: { memberId, locationId: writer.locationId },
  } satisfies BuurtpasEvent;
}

async function readForCheckIn(
  db: BuurtpasDb,
  writer: Writer,
  memberId: string,
  nowMs: number,
): Promise<CheckInReads> {
  const year = localYearOf(nowMs);
  const associationId = associationOf(writer.locationId) ?? '';
  // The visit's rows (visit-day, last seen, today's counters, the report's activity) are read
  // now with the rest; they are written only if the visit is recorded. Their keys do not depend
  // on the visit's id or clock, which are made once the clock is read.
  const loaded: LoadedRows = new Map([['voids', new Map([[DRAFT_VISIT_ID, undefined]])]]);
  const [member, mergedFrom, membership, own, amount] = await Promise.all([
    db.members.get(memberId),
    db.members.where('mergedInto').equals(memberId).primaryKeys(),
    db.memberships.get(periodKey(memberId, associationId)),
    db.contributions.get(contributionKey(memberId, associationId, year)),
    db.amounts.get(`${associationId}|${year}`),
    projectFacts(
      tablesOfDb(db),
      [visitDraftOf(writer, memberId, nowMs, DRAFT_VISIT_ID)],
      undefined,
      loaded,
    ),
  ]);
  return { member, mergedFrom, membership, own, amount, loaded };
}

/**
 * From the member's rows read (`readForCheckIn`): follows a merge, decides, and writes the visit,
 * its outbox row, the clock and the visit's rows in one round. Runs inside the caller's
 * transaction (`checkInTables`).
 */
async function checkInMember(
  db: BuurtpasDb,
  writer: Writer,
  memberId: string,
  code: string,
  nowMs: number,
  hlc: HlcState,
  reads: CheckInReads,
): Promise<ScanOutcome> {
  const year = localYearOf(nowMs);
  const associationId = associationOf(writer.locationId) ?? '';
  const { member, mergedFrom, membership, own, amount, loaded } = reads;
  if (!member || member.erased) return { kind: 'pass-unknown', code };
  if (member.mergedInto) {
    // The pass still names a record merged into another: the person lives on that one.
    const current = await resolveMember(db, member.mergedInto);
    if (!current || current.erased) return { kind: 'pass-unknown', code };
    const currentReads = await readForCheckIn(db, writer, current.memberId, nowMs);
    return await checkInMember(db, writer, current.memberId, code, nowMs, hlc, currentReads);
  }
  const merged =
    mergedFrom.length === 0
      ? []
      : await db.contributions.bulkGet(
          mergedFrom.map((id) => contributionKey(id, associationId, year)),
        );
  const contribution = contributionFrom(
    year,
    associationId,
    membership,
    sumPaidAndWaived([own, ...merged]),
    amount,
    nowMs,
  );
  const existing = loaded.get('visitDays')?.get(visitDayKey(memberId, writer.locationId, nowMs)) as
    VisitDayRow | undefined;
  const decision = decideCheckIn(existing?.firstAt);
  if (decision.kind === 'already-here')
    return { kind: 'already-here', code, member, contribution, sinceAt: decision.sinceAt };
  const draft: EventDraft = {
    type: 'visit-recorded',
    data: { memberId, locationId: writer.locationId },
  };
  let event: BuurtpasEvent;
  if (writer.prove) {
    // A signed fact waits for WebCrypto: the general write keeps the transaction alive for it.
    event = (await writeEventsInTransaction(db, writer, [draft], nowMs))[0]!;
  } else {
    const stamped = stampDrafts(hlc, writer, [draft], nowMs);
    event = stamped.events[0]!;
    loaded.get('voids')!.set(event.eventId, undefined);
    // Every row it needs was read above: no request is made here.
    const projected = await projectFacts(tablesOfDb(db), [event], undefined, loaded);
    await Promise.all([
      db.meta.put({ key: HLC_META_KEY, value: stamped.hlc }),
      db.events.bulkAdd([toStoredEvent(event)]),
      db.outbox.bulkAdd([{ eventId: event.eventId }]),
      writeProjectedRows(tablesOfDb(db), projected),
    ]);
  }
  return {
    kind: 'checked-in',
    code,
    member,
    contribution,
    visitEventId: event.eventId,
    at: event.at,
  };
}

export type RegisterResult = { ok: true; memberId: string } | { ok: false; reason: 'pass-taken' };

/** A newcomer: registration, profile, pass, membership, referral and today's visit as one write. */
export async function registerClient(
  db: BuurtpasDb,
  writer: Writer,
  input: ValidRegistration,
  passCode: string | null,
  nowMs: number,
): Promise<RegisterResult> {
  return db.transaction('rw', db.tables, async () => {
    if (passCode) {
      const taken = await db.passes.get(passCode);
      // A revoked number stays with its old owner (a found lost card must not become someone else's).
      if (taken) return { ok: false, reason: 'pass-taken' } as const;
    }
    const memberId = makeUuidV7(nowMs, writer.random(10));
    const today = localDateOf(nowMs);
    const drafts: EventDraft[] = [
      { type: 'client-registered', data: { memberId, locationId: writer.locationId } },
      {
        type: 'member-profile-set',
        data: {
          memberId,
          fields: {
            name: input.name,
            phone: input.phone,
            postcode: input.postcode,
            birthYear: input.birthYear,
            consentDate: today,
          },
        },
      },
    ];
    if (passCode) drafts.push({ type: 'pass-issued', data: { memberId, code: passCode } });
    const associationId = associationOf(writer.locationId);
    if (input.becomesMember && associationId)
      drafts.push({ type: 'membership-started', data: { memberId, associationId, date: today } });
    if (input.referral)
      drafts.push({
        type: 'referral-recorded',
        data: { memberId, locationId: writer.locationId, source: input.referral, date: today },
      });
    drafts.push({ type: 'visit-recorded', data: { memberId, locationId: writer.locationId } });
    await writeEvents(db, writer, drafts, nowMs);
    return { ok: true, memberId } as const;
  });
}

export async function startMembership(
  db: BuurtpasDb,
  writer: Writer,
  memberId: string,
  nowMs: number,
): Promise<void> {
  const associationId = associationOf(writer.locationId);
  if (!associationId) return;
  await writeEvents(
    db,
    writer,
    [{ type: 'membership-started', data: { memberId, associationId, date: localDateOf(nowMs) } }],
    nowMs,
  );
}

export async function recordPayment(
  db: BuurtpasDb,
  writer: Writer,
  memberId: string,
  amountCents: number,
  nowMs: number,
  options: { year?: number; method?: PaymentMethod; associationId?: string } = {},
): Promise<string> {
  const associationId = options.associationId ?? associationOf(writer.locationId) ?? '';
  const [event] = await writeEvents(
    db,
    writer,
    [
      {
        type: 'payment-recorded',
        data: {
          memberId,
          associationId,
          year: options.year ?? localYearOf(nowMs),
          amountCents,
          method: options.method ?? 'cash',
        },
      },
    ],
    nowMs,
  );
  return event!.eventId;
}

export async function recordServiceUse(
  db: BuurtpasDb,
  writer: Writer,
  memberId: string,
  serviceId: string,
  nowMs: number,
): Promise<string> {
  const [event] = await writeEvents(
    db,
    writer,
    [{ type: 'service-used', data: { memberId, locationId: writer.locationId, serviceId } }],
    nowMs,
  );
  return event!.eventId;
}

export async function countWalkIn(
  db: BuurtpasDb,
  writer: Writer,
  serviceId: string,
  nowMs: number,
): Promise<string> {
  const [event] = await writeEvents(
    db,
    writer,
    [{ type: 'walk-in-counted', data: { locationId: writer.locationId, serviceId } }],
    nowMs,
  );
  return event!.eventId;
}

export type VoidResult = { ok: true } | { ok: false; reason: 'already-voided' | 'not-found' };

/** A correction is a new fact; a second void of the same fact is refused, nothing recorded. */
export async function voidEvent(
  db: BuurtpasDb,
  writer: Writer,
  targetEventId: string,
  reason: string,
  nowMs: number,
): Promise<VoidResult> {
  return db.transaction('rw', db.tables, async () => {
    const [held, payment, waiver, voided] = await Promise.all([
      db.events.get(targetEventId),
      db.payments.get(targetEventId),
      db.waivers.get(targetEventId),
      db.voids.get(targetEventId),
    ]);
    // A laptop that started from a snapshot holds the payments and waivers before it as rows
    // only; their void takes back from those rows (the projection's `takeBack`).
    if (!held && !payment && !waiver) return { ok: false, reason: 'not-found' } as const;
    if (voided) return { ok: false, reason: 'already-voided' } as const;
    await writeEvents(
      db,
      writer,
      [{ type: 'event-voided', data: { targetEventId, reason } }],
      nowMs,
    );
    return { ok: true } as const;
  });
}
