/**
 * Reads for the Members screen (records, passes, privacy). Single-person reads go through the
 * member id indexes; the coordinator's lists (duplicates, retention, pass conflicts) read whole
 * projection tables once, which is fine for 10.000 members on a screen that is opened rarely.
 */
import { localDateOf } from '../../domain/amsterdam-time.ts';
import type { BuurtpasEvent, EventOf } from '../../domain/events.ts';
import { isOpenAt, type Period } from '../../domain/ledger.ts';
import { validatePassCode } from '../../domain/pass-code.ts';
import { buildAccessExport, type AccessExport } from '../../domain/member-admin/access-export.ts';
import {
  findDuplicateCandidates,
  type DuplicateCandidate,
} from '../../domain/member-admin/duplicate-candidates.ts';
import {
  findOpenPassConflicts,
  listMemberPasses,
  passPairKey,
  type MemberPass,
  type PassConflict,
  type PassFact,
} from '../../domain/member-admin/member-passes.ts';
import {
  selectRetention,
  type RetentionInput,
  type RetentionRow,
} from '../../domain/member-admin/retention.ts';
import type { BuurtpasDb, MemberRow, PassRow, ServiceRow, StoredEvent } from './database.ts';
import { resolveMember } from './desk-actions.ts';
import { searchMembersByName } from './desk-queries.ts';

/** A name, or a pass number (scanned or typed): the live records it finds. */
export async function findMembers(db: BuurtpasDb, query: string, limit = 20): Promise<MemberRow[]> {
  const asCode = validatePassCode(query);
  if (asCode.ok) {
    const pass = await db.passes.get(asCode.code);
    if (pass) {
      const member = await resolveMember(db, pass.memberId);
      return member && !member.erased ? [member] : [];
    }
    // A code issued to someone who lost the conflict is still theirs to look up.
    const issued = await db.events
      .where('type')
      .equals('pass-issued')
      .filter((e) => (e.event as EventOf<'pass-issued'>).data.code === asCode.code)
      .first();
    if (issued?.memberId) {
      const member = await resolveMember(db, issued.memberId);
      return member && !member.erased ? [member] : [];
    }
    // Old passes may hold letters, so a word can look like a pass number: try it as a name too.
  }
  return searchMembersByName(db, query, limit);
}

/** The ids a person's facts are stored under: their own and every record merged into it. */
export async function readPersonIds(db: BuurtpasDb, memberId: string): Promise<string[]> {
  const ids = [memberId];
  for (let i = 0; i < ids.length && i < 64; i++) {
    const from = await db.members.where('mergedInto').equals(ids[i]!).primaryKeys();
    for (const id of from) if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

function passFactsOf(rows: readonly StoredEvent[]): PassFact[] {
  const out: PassFact[] = [];
  for (const r of rows) {
    if (r.event.type === 'pass-issued')
      out.push({
        kind: 'issued',
        code: r.event.data.code,
        memberId: r.event.data.memberId,
        at: r.event.at,
      });
    else if (r.event.type === 'pass-revoked')
      out.push({
        kind: 'revoked',
        code: r.event.data.code,
        memberId: r.event.data.memberId,
        at: r.event.at,
        reason: r.event.data.reason,
      });
  }
  return out;
}

export type MemberRecordView = {
  member: MemberRow;
  personIds: string[];
  registrations: Period[];
  memberships: Period[];
  passes: MemberPass[];
  lastVisit: { day: string; locationId: string } | null;
};

/** One person's record: profile, registrations, memberships and passes, merged records included. */
export async function readMemberRecord(
  db: BuurtpasDb,
  memberId: string,
): Promise<MemberRecordView | null> {
  const member = await resolveMember(db, memberId);
  if (!member) return null;
  const personIds = await readPersonIds(db, member.memberId);
  const [registrations, memberships, events, lastVisits] = await Promise.all([
    db.registrations.where('memberId').anyOf(personIds).toArray(),
    db.memberships.where('memberId').anyOf(personIds).toArray(),
    db.events
      .where('memberId')
      .anyOf(personIds)
      .filter((e) => e.type === 'pass-issued' || e.type === 'pass-revoked')
      .toArray(),
    db.lastVisits.bulkGet(personIds),
  ]);
  const facts = passFactsOf(events);
  const rows = await db.passes.bulkGet([...new Set(facts.map((f) => f.code))]);
  const rowMap = new Map(rows.filter((r): r is PassRow => r !== undefined).map((r) => [r.code, r]));
  let lastVisit: { day: string; locationId: string } | null = null;
  for (const v of lastVisits)
    if (v && (!lastVisit || v.day > lastVisit.day))
      lastVisit = { day: v.day, locationId: v.locationId };
  return {
    member,
    personIds,
    registrations,
    memberships,
    passes: listMemberPasses(personIds, facts, rowMap),
    lastVisit,
  };
}

export type PassConflictView = PassConflict & { names: Record<string, string> };

/** Codes handed to more than one person, until the coordinator has revoked them for all but one. */
export async function readPassConflicts(db: BuurtpasDb): Promise<PassConflictView[]> {
  const rows = await db.passes.filter((p) => p.conflictMemberIds.length > 0).toArray();
  if (rows.length === 0) return [];
  const revokes = await db.events.where('type').equals('pass-revoked').toArray();
  const revokedPairs = new Set(
    revokes.map((r) =>
      passPairKey(
        (r.event as EventOf<'pass-revoked'>).data.code,
        (r.event as EventOf<'pass-revoked'>).data.memberId,
      ),
    ),
  );
  const conflicts = findOpenPassConflicts(rows, revokedPairs);
  const ids = [...new Set(conflicts.flatMap((c) => [c.holderId, ...c.otherIds]))];
  const members = await db.members.bulkGet(ids);
  const names: Record<string, string> = {};
  members.forEach((m, i) => (names[ids[i]!] = m?.name ?? ''));
  return conflicts.map((c) => ({ ...c, names }));
}

export type DuplicateView = DuplicateCandidate & { members: [MemberRow, MemberRow] };

/** Possible duplicate people among the live records. */
export async function readDuplicateCandidates(db: BuurtpasDb): Promise<DuplicateView[]> {
  const live = await db.members
    .filter((m) => !m.erased && !m.mergedInto && m.name !== '')
    .toArray();
  const byId = new Map(live.map((m) => [m.memberId, m]));
  const candidates = findDuplicateCandidates(
    live.map((m) => ({
      memberId: m.memberId,
      name: m.name,
      birthYear: m.fields.birthYear ?? null,
      postcode: m.fields.postcode,
      phone: m.fields.phone,
    })),
  );
  return candidates.map((c) => ({
    ...c,
    members: [byId.get(c.memberIds[0])!, byId.get(c.memberIds[1])!],
  }));
}

export type RetentionView = RetentionRow & { name: string };

/** People not seen for `years` years on today's Amsterdam date, longest unseen first. */
export async function readRetentionList(
  db: BuurtpasDb,
  nowMs: number,
  years: number,
): Promise<RetentionView[]> {
  const today = localDateOf(nowMs);
  const [members, lastVisits, registrations, payments] = await Promise.all([
    db.members.toArray(),
    db.lastVisits.toArray(),
    db.registrations.toArray(),
    db.payments.toArray(),
  ]);
  const inputs = new Map<
    string,
    RetentionInput & { contactDays: string[]; openLocations: string[] }
  >();
  for (const m of members) {
    inputs.set(m.memberId, {
      memberId: m.memberId,
      erased: m.erased,
      mergedInto: m.mergedInto,
      contactDays: m.createdAt ? [localDateOf(m.createdAt)] : [],
      openLocations: [],
    });
  }
  for (const v of lastVisits) inputs.get(v.memberId)?.contactDays.push(v.day);
  for (const p of payments) inputs.get(p.memberId)?.contactDays.push(p.day);
  for (const r of registrations) {
    const input = inputs.get(r.memberId);
    if (!input) continue;
    input.contactDays.push(...r.opened);
    if (isOpenAt(r, today)) input.openLocations.push(r.scopeId);
  }
  const names = new Map(members.map((m) => [m.memberId, m.name]));
  return selectRetention([...inputs.values()], today, years).map((r) => ({
    ...r,
    name: names.get(r.memberId) ?? '',
  }));
}

/** Services defined or renamed by a coordinator (the built-in ones are not rows), every location. */
export async function readDefinedServices(db: BuurtpasDb): Promise<ServiceRow[]> {
  return db.services.toArray();
}

/** Facts of the person from the server (member-facts-store.ts), beside the ones stored here. */
export type ServerPersonFacts = {
  memberIds: readonly string[];
  events: readonly BuurtpasEvent[];
  voided: readonly string[];
};

/**
 * Everything this laptop stores about one person, for an access request; with `fromServer`, the
 * person's facts the server sent too (a fact held here is taken from here: same id, same fact).
 */
export async function readAccessExport(
  db: BuurtpasDb,
  memberId: string,
  nowMs: number,
  fromServer?: ServerPersonFacts,
): Promise<AccessExport | null> {
  const member = await resolveMember(db, memberId);
  if (!member) return null;
  const localIds = await readPersonIds(db, member.memberId);
  const personIds = [...new Set([...localIds, ...(fromServer?.memberIds ?? [])])];
  const rows = await db.events.where('memberId').anyOf(personIds).toArray();
  const held = new Set(rows.map((r) => r.eventId));
  const events = [
    ...rows.map((r) => r.event),
    ...(fromServer?.events ?? []).filter((e) => !held.has(e.eventId)),
  ];
  const voids = await db.voids.bulkGet(events.map((e) => e.eventId));
  const voided = new Set(voids.filter((v) => v !== undefined).map((v) => v.targetEventId));
  for (const id of fromServer?.voided ?? []) voided.add(id);
  return buildAccessExport({
    memberIds: personIds,
    fields: member.fields,
    erased: member.erased,
    events,
    voidedEventIds: voided,
    generatedAt: new Date(nowMs).toISOString(),
  });
}

export type PrintablePass = { code: string; name: string; issuedAt: string; memberId: string };

/** Active passes issued on or after a local date, newest first: the batch to print. */
export async function readPassesIssuedSince(
  db: BuurtpasDb,
  sinceDay: string,
): Promise<PrintablePass[]> {
  const rows = await db.passes
    .filter((p) => p.status === 'active' && localDateOf(p.issuedAt) >= sinceDay)
    .toArray();
  return readPrintable(db, rows);
}

/** The passes to print for these codes (active ones only). */
export async function readPrintablePasses(
  db: BuurtpasDb,
  codes: readonly string[],
): Promise<PrintablePass[]> {
  const rows = (await db.passes.bulkGet([...codes])).filter(
    (p): p is PassRow => p !== undefined && p.status === 'active',
  );
  return readPrintable(db, rows);
}

async function readPrintable(db: BuurtpasDb, rows: readonly PassRow[]): Promise<PrintablePass[]> {
  const out: PrintablePass[] = [];
  for (const p of rows) {
    const member = await resolveMember(db, p.memberId);
    if (!member || member.erased) continue;
    out.push({ code: p.code, name: member.name, issuedAt: p.issuedAt, memberId: member.memberId });
  }
  return out.sort((a, b) =>
    a.issuedAt < b.issuedAt ? 1 : a.issuedAt > b.issuedAt ? -1 : a.code < b.code ? -1 : 1,
  );
}
