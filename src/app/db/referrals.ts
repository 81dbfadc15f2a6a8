/**
 * Referrals at the desk: entered before the person comes, shown as "verwacht", linked when the
 * person registers or is found. The fact (`referral-made`) carries only ids, source, location and
 * date; the name, phone and note are this laptop's referral record (a `meta` row), never synced,
 * deleted once the referral is linked (the member record then holds the person) or erased.
 */
import { localDateOf } from '../../domain/amsterdam-time.ts';
import type { BuurtpasEvent } from '../../domain/events.ts';
import { makeUuidV7 } from '../../domain/make-event-id.ts';
import type { ValidReferral } from '../../domain/referrals/referral-input.ts';
import {
  listExpectedReferrals,
  projectReferrals,
  referralPeriodWeeks,
  type Referral,
  type ReferralStatus,
} from '../../domain/referrals/referral-state.ts';
import type { BuurtpasDb } from './database.ts';
import { writeEvents, type Writer } from './record-events.ts';

export type ReferralRecord = { name: string; phone: string; note: string };

const RECORD_PREFIX = 'referral-record:';
const REFERRAL_TYPES = ['referral-made', 'referral-linked', 'referral-period-set'] as const;

/** A referral entered ahead: the fact and the local record in one transaction. */
export async function recordReferral(
  db: BuurtpasDb,
  writer: Writer,
  input: ValidReferral,
  nowMs: number,
): Promise<string> {
  return db.transaction('rw', db.tables, async () => {
    const referralId = makeUuidV7(nowMs, writer.random(10));
    await writeEvents(
      db,
      writer,
      [
        {
          type: 'referral-made',
          data: {
            referralId,
            locationId: writer.locationId,
            source: input.source,
            date: input.date,
          },
        },
      ],
      nowMs,
    );
    const record: ReferralRecord = { name: input.name, phone: input.phone, note: input.note };
    await db.meta.put({ key: RECORD_PREFIX + referralId, value: record });
    return referralId;
  });
}

async function readReferralFacts(db: BuurtpasDb) {
  const rows = await Promise.all(
    REFERRAL_TYPES.map((type) => db.events.where('type').equals(type).toArray()),
  );
  const facts = rows.flat().map((r) => r.event as BuurtpasEvent);
  const voided = new Set(
    (await db.voids.bulkGet(facts.map((f) => f.eventId)))
      .filter((v) => v !== undefined)
      .map((v) => v.targetEventId),
  );
  const isVoided = (id: string) => voided.has(id);
  return {
    referrals: projectReferrals(facts, isVoided),
    weeks: referralPeriodWeeks(facts, isVoided),
  };
}

export type ExpectedReferral = Referral & {
  status: Exclude<ReferralStatus, 'arrived'>;
  /** This laptop's record of who it is; null when entered on another laptop (or erased). */
  record: ReferralRecord | null;
};

/** The desk's "verwacht" list for its location. */
export async function readExpectedReferrals(
  db: BuurtpasDb,
  locationId: string,
  nowMs: number,
): Promise<{ weeks: number; expected: ExpectedReferral[] }> {
  const { referrals, weeks } = await readReferralFacts(db);
  const list = listExpectedReferrals(referrals.values(), locationId, localDateOf(nowMs), weeks);
  const records = await db.meta.bulkGet(list.map((r) => RECORD_PREFIX + r.referralId));
  return {
    weeks,
    expected: list.map((r, i) => ({
      ...r,
      record: (records[i]?.value as ReferralRecord | undefined) ?? null,
    })),
  };
}

/** The referred person is here: the referral is theirs, and the local record is no longer needed. */
export async function linkReferral(
  db: BuurtpasDb,
  writer: Writer,
  referralId: string,
  memberId: string,
  nowMs: number,
): Promise<string> {
  return db.transaction('rw', db.tables, async () => {
    const [event] = await writeEvents(
      db,
      writer,
      [{ type: 'referral-linked', data: { referralId, memberId } }],
      nowMs,
    );
    await db.meta.delete(RECORD_PREFIX + referralId);
    return event!.eventId;
  });
}

/** Forgets who a referral was about (AVG/GDPR); the anonymous fact keeps counting. */
export async function eraseReferralRecord(db: BuurtpasDb, referralId: string): Promise<void> {
  await db.meta.delete(RECORD_PREFIX + referralId);
}

/** The coordinator's no-show period in weeks (a fact, so every laptop and the server agree). */
export async function setReferralPeriod(
  db: BuurtpasDb,
  writer: Writer,
  weeks: number,
  nowMs: number,
): Promise<void> {
  await writeEvents(db, writer, [{ type: 'referral-period-set', data: { weeks } }], nowMs);
}

export async function readReferralPeriod(db: BuurtpasDb): Promise<number> {
  return (await readReferralFacts(db)).weeks;
}
