/**
 * The member import's reads and writes. What the laptop already holds is read once for the preview
 * (src/domain/import/plan-import.ts decides); the chosen writes then go through `writeEvents` like
 * any desk work (stored, projected, queued for sync), a batch of people per transaction so a
 * progress bar can move and a list of 5.000 never holds one giant transaction. A person's facts are
 * always in one batch: nobody is ever half imported.
 */
import { associationOf } from '../../domain/catalog.ts';
import { localDateOf, localYearOf } from '../../domain/amsterdam-time.ts';
import { dueCentsFor } from '../../domain/contribution.ts';
import { isMemberOn } from '../../domain/ledger.ts';
import { makeUuidV7 } from '../../domain/make-event-id.ts';
import type { ColumnMapping } from '../../domain/import/column-mapping.ts';
import type {
  ExistingPerson,
  ImportContext,
  PersonWrite,
} from '../../domain/import/plan-import.ts';
import { makePassCode, type PassShape } from '../../domain/pass-code.ts';
import { digitsFromBytes } from '../../domain/member-admin/member-passes.ts';
import type { BuurtpasDb, MemberRow } from './database.ts';
import { readPassShapes } from './pass-shapes-setting.ts';
import { writeEvents, type EventDraft, type Writer } from './record-events.ts';

/** Everything the preview compares a file against, read in one transaction. */
export async function readImportContext(
  db: BuurtpasDb,
  locationId: string,
  nowMs: number,
): Promise<ImportContext> {
  const today = localDateOf(nowMs);
  const year = localYearOf(nowMs);
  const associationId = associationOf(locationId) ?? '';
  return db.transaction('r', db.tables, async () => {
    const [members, passes, memberships, contributions, amount, shapes] = await Promise.all([
      db.members.toArray(),
      db.passes.toArray(),
      db.memberships.where('scopeId').equals(associationId).toArray(),
      db.contributions.where('[associationId+year]').equals([associationId, year]).toArray(),
      db.amounts.get(`${associationId}|${year}`),
      readPassShapes(db, locationId),
    ]);
    const byId = new Map(members.map((m) => [m.memberId, m]));
    const rootOf = (id: string): string => {
      let current: MemberRow | undefined = byId.get(id);
      for (let i = 0; i < 16 && current?.mergedInto; i++) current = byId.get(current.mergedInto);
      return current?.memberId ?? id;
    };
    const people = new Map<string, ExistingPerson>();
    for (const m of members) {
      if (m.erased || m.mergedInto) continue;
      people.set(m.memberId, {
        memberId: m.memberId,
        name: m.name,
        birthYear: m.fields.birthYear ?? null,
        phone: m.fields.phone ?? '',
        postcode: m.fields.postcode ?? '',
        passes: [],
        isMember: false,
        paidCents: 0,
      });
    }
    const passOwners = new Map<string, string>();
    for (const p of passes) {
      const owner = rootOf(p.memberId);
      passOwners.set(p.code, owner);
      const person = people.get(owner);
      if (person && p.status === 'active') person.passes = [...person.passes, p.code];
    }
    for (const ms of memberships) {
      const person = people.get(rootOf(ms.memberId));
      if (person && isMemberOn(ms, today)) person.isMember = true;
    }
    for (const c of contributions) {
      const person = people.get(rootOf(c.memberId));
      if (person) person.paidCents += c.paidCents;
    }
    const contributionCents = dueCentsFor(associationId, amount);
    return {
      people: [...people.values()],
      passOwners,
      shapes: shapes as readonly PassShape[],
      today,
      contributionCents,
    };
  });
}

export type ImportOutcome = {
  created: number;
  updated: number;
  /** Rows whose pass was taken by someone else between preview and writing: imported without it. */
  passTaken: number[];
  /** The people of this import and their pass, for printing. */
  people: { rowNumber: number; memberId: string; pass: string | null }[];
};

function draftsOf(
  write: PersonWrite,
  memberId: string,
  pass: string | null,
  locationId: string,
  associationId: string | undefined,
  today: string,
  year: number,
): EventDraft[] {
  const drafts: EventDraft[] = [];
  if (write.kind === 'new') {
    const p = write.person;
    drafts.push({ type: 'client-registered', data: { memberId, locationId } });
    drafts.push({
      type: 'member-profile-set',
      data: {
        memberId,
        fields: {
          name: p.name,
          ...(p.phone !== null ? { phone: p.phone } : {}),
          ...(p.postcode !== null ? { postcode: p.postcode } : {}),
          ...(p.birthYear !== null ? { birthYear: p.birthYear } : {}),
        },
      },
    });
    if (pass) drafts.push({ type: 'pass-issued', data: { memberId, code: pass } });
    if (associationId)
      drafts.push({
        type: 'membership-started',
        data: { memberId, associationId, date: p.memberSince ?? today },
      });
    if (associationId && p.paidCents !== null && p.paidCents > 0)
      drafts.push({
        type: 'payment-recorded',
        data: { memberId, associationId, year, amountCents: p.paidCents, method: 'import' },
      });
    return drafts;
  }
  if (Object.keys(write.profile).length > 0)
    drafts.push({ type: 'member-profile-set', data: { memberId, fields: write.profile } });
  if (pass) drafts.push({ type: 'pass-issued', data: { memberId, code: pass } });
  if (associationId && write.membershipFrom)
    drafts.push({
      type: 'membership-started',
      data: { memberId, associationId, date: write.membershipFrom },
    });
  if (associationId && write.paymentCents > 0)
    drafts.push({
      type: 'payment-recorded',
      data: { memberId, associationId, year, amountCents: write.paymentCents, method: 'import' },
    });
  return drafts;
}

/** Writes the planned people in batches; `onProgress` hears after each committed batch. */
export async function writeImport(
  db: BuurtpasDb,
  writer: Writer,
  writes: readonly PersonWrite[],
  nowMs: number,
  options: { batchSize?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<ImportOutcome> {
  const batchSize = options.batchSize ?? 250;
  const today = localDateOf(nowMs);
  const year = localYearOf(nowMs);
  const associationId = associationOf(writer.locationId);
  const outcome: ImportOutcome = { created: 0, updated: 0, passTaken: [], people: [] };
  for (let start = 0; start < writes.length; start += batchSize) {
    const batch = writes.slice(start, start + batchSize);
    const done = await db.transaction('rw', db.tables, async () => {
      const wanted = batch.map((w) => (w.kind === 'new' ? w.person.pass : w.pass));
      const taken = await db.passes.bulkGet(wanted.map((p) => p ?? ''));
      const drafts: EventDraft[] = [];
      const result: ImportOutcome = { created: 0, updated: 0, passTaken: [], people: [] };
      batch.forEach((write, i) => {
        let pass = wanted[i] ?? null;
        if (pass && taken[i]) {
          result.passTaken.push(write.rowNumber);
          pass = null;
        }
        const memberId =
          write.kind === 'new' ? makeUuidV7(nowMs, writer.random(10)) : write.memberId;
        drafts.push(
          ...draftsOf(write, memberId, pass, writer.locationId, associationId, today, year),
        );
        if (write.kind === 'new') result.created++;
        else result.updated++;
        result.people.push({ rowNumber: write.rowNumber, memberId, pass });
      });
      if (drafts.length > 0) await writeEvents(db, writer, drafts, nowMs);
      return result;
    });
    outcome.created += done.created;
    outcome.updated += done.updated;
    outcome.passTaken.push(...done.passTaken);
    outcome.people.push(...done.people);
    options.onProgress?.(Math.min(start + batch.length, writes.length), writes.length);
  }
  return outcome;
}

/** The people of this location with no active pass: they need one printed. */
export async function readPeopleWithoutPass(
  db: BuurtpasDb,
  memberIds: readonly string[],
): Promise<string[]> {
  const passes = await db.passes
    .where('memberId')
    .anyOf([...memberIds])
    .toArray();
  const withPass = new Set(passes.filter((p) => p.status === 'active').map((p) => p.memberId));
  return memberIds.filter((id) => !withPass.has(id));
}

/** Gives each of these people a new pass in today's numbering; returns the codes to print. */
export async function issueNewPasses(
  db: BuurtpasDb,
  writer: Writer,
  memberIds: readonly string[],
  nowMs: number,
): Promise<string[]> {
  const makeCode = () => {
    let digits = digitsFromBytes(writer.random(24));
    while (digits.length < 10) digits += digitsFromBytes(writer.random(8));
    return makePassCode(digits, 10);
  };
  return db.transaction('rw', db.tables, async () => {
    const codes: string[] = [];
    const drafts: EventDraft[] = [];
    const used = new Set<string>();
    for (const memberId of memberIds) {
      let code = makeCode();
      for (let i = 0; i < 20 && (used.has(code) || (await db.passes.get(code))); i++)
        code = makeCode();
      used.add(code);
      codes.push(code);
      drafts.push({ type: 'pass-issued', data: { memberId, code } });
    }
    if (drafts.length > 0) await writeEvents(db, writer, drafts, nowMs);
    return codes;
  });
}

const mappingKey = (locationId: string) => `import-mapping:${locationId}`;

export type SavedMapping = { headers: string[]; mapping: ColumnMapping };

/** The column mapping the room used last time, remembered on this laptop. */
export async function readSavedMapping(
  db: BuurtpasDb,
  locationId: string,
): Promise<SavedMapping | undefined> {
  return (await db.meta.get(mappingKey(locationId)))?.value as SavedMapping | undefined;
}

export async function saveMapping(
  db: BuurtpasDb,
  locationId: string,
  saved: SavedMapping,
): Promise<void> {
  await db.meta.put({ key: mappingKey(locationId), value: saved });
}
