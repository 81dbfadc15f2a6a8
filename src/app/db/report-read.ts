/**
 * Reads the year report's input from IndexedDB: the ledger rows the summary needs, the year's
 * aggregates, and the few report facts. Nothing here reads the million facts themselves.
 */
import { ASSOCIATIONS, DEFAULT_SERVICES, LOCATIONS } from '../../domain/catalog.ts';
import { localDateOf } from '../../domain/amsterdam-time.ts';
import { emptyLedger, canonicalMemberId, type Ledger } from '../../domain/ledger.ts';
import { emptyMemberRecord } from '../../domain/member-record.ts';
import {
  buildYearReport,
  type YearReport,
  type YearReportInput,
} from '../../domain/report/build-year-report.ts';
import {
  activityKey,
  REPORT_FACT_TYPES,
  type ActivityRow,
  type ReportFact,
} from '../../domain/report/report-aggregates.ts';
import type { BuurtpasDb } from './database.ts';

async function readLedger(db: BuurtpasDb, year: number): Promise<Ledger> {
  const ledger = emptyLedger();
  const [registrations, memberships, merged, voids, amounts, payments] = await Promise.all([
    db.registrations.toArray(),
    db.memberships.toArray(),
    // Only merged records matter for counting people once; the index holds just those.
    db.members.where('mergedInto').above('').toArray(),
    db.voids.toArray(),
    db.amounts.toArray(),
    // Paying members of the year need only that year's payments.
    Promise.all(
      ASSOCIATIONS.map((a) =>
        db.payments.where('[associationId+year]').equals([a.id, year]).toArray(),
      ),
    ),
  ]);
  for (const r of registrations) ledger.registrations.set(r.key, r);
  for (const m of memberships) ledger.memberships.set(m.key, m);
  for (const m of merged)
    ledger.members.set(m.memberId, { ...emptyMemberRecord(m.memberId), mergedInto: m.mergedInto });
  for (const v of voids) ledger.voids.set(v.targetEventId, v);
  for (const a of amounts) ledger.amounts.set(a.key, a);
  for (const p of payments.flat()) ledger.payments.set(p.eventId, p);
  return ledger;
}

export async function readYearReportInput(
  db: BuurtpasDb,
  year: number,
  nowMs: number,
): Promise<YearReportInput> {
  // One read-only transaction for every read: each query outside a transaction would open its
  // own (Dexie), about twenty for one report; together they also see one consistent state.
  return db.transaction(
    'r',
    [
      db.registrations,
      db.memberships,
      db.members,
      db.voids,
      db.amounts,
      db.payments,
      db.reportActivity,
      db.reportWalkIns,
      db.events,
    ],
    () => readInputInTransaction(db, year, nowMs),
  );
}

async function readInputInTransaction(
  db: BuurtpasDb,
  year: number,
  nowMs: number,
): Promise<YearReportInput> {
  const [ledger, activity, walkIns, factRows] = await Promise.all([
    readLedger(db, year),
    db.reportActivity.where('year').equals(year).toArray(),
    db.reportWalkIns.where('year').equals(year).toArray(),
    // One equals() per type: each is a single bulk read, where anyOf() walks a cursor row by row.
    Promise.all(REPORT_FACT_TYPES.map((type) => db.events.where('type').equals(type).toArray())),
  ]);
  const facts = factRows.flat().map((r) => r.event as ReportFact);
  // Referrals late in the year may be answered by a visit next year: read just those people's rows.
  const referred = new Set<string>();
  for (const f of facts)
    if (f.type === 'referral-recorded' && f.data.date.startsWith(String(year)))
      referred.add(canonicalMemberId(ledger.members, f.data.memberId));
    else if (f.type === 'referral-linked')
      referred.add(canonicalMemberId(ledger.members, f.data.memberId));
  const ids = new Set<string>(referred);
  for (const m of ledger.members.keys())
    if (referred.has(canonicalMemberId(ledger.members, m))) ids.add(m);
  const keys = [...ids].flatMap((id) => LOCATIONS.map((l) => activityKey(year + 1, l.id, id)));
  const nextYear = (await db.reportActivity.bulkGet(keys)).filter(
    (r): r is ActivityRow => r !== undefined,
  );
  return {
    ledger,
    activity: [...activity, ...nextYear],
    walkIns,
    facts,
    services: DEFAULT_SERVICES,
    asOf: localDateOf(nowMs),
  };
}

export async function readYearReport(
  db: BuurtpasDb,
  year: number,
  nowMs: number,
): Promise<YearReport> {
  return buildYearReport(await readYearReportInput(db, year, nowMs), year);
}

/** Years that have facts, for the year picker: from the first registration to this year. */
export async function readReportYears(db: BuurtpasDb, nowMs: number): Promise<number[]> {
  const thisYear = Number(localDateOf(nowMs).slice(0, 4));
  const first = await db.events.orderBy('day').first();
  const firstYear = first ? Math.min(thisYear, Number(first.day.slice(0, 4))) : thisYear;
  const years: number[] = [];
  for (let y = thisYear; y >= firstYear; y--) years.push(y);
  return years;
}
