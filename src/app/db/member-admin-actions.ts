/**
 * Writes of the Members screen. Each decides inside its own read-write transaction (so a check
 * and its write cannot be split by a scan at the desk) and writes facts through `writeEvents`,
 * which stores, projects and queues them for sync in that same transaction. Results are codes.
 */
import { localDateOf } from '../../domain/amsterdam-time.ts';
import type { EventDraft } from './record-events.ts';
import type { ProfileFields } from '../../domain/events.ts';
import { isOpenAt } from '../../domain/ledger.ts';
import { makePassCode } from '../../domain/pass-code.ts';
import { checkMerge, type MergeProblem } from '../../domain/member-admin/duplicate-candidates.ts';
import {
  checkNewPassCode,
  digitsFromBytes,
  type NewPassCheck,
} from '../../domain/member-admin/member-passes.ts';
import { changedProfileFields } from '../../domain/member-admin/profile-edit.ts';
import type { BuurtpasDb } from './database.ts';
import { writeEvents, type Writer } from './record-events.ts';
import { readPersonIds } from './member-admin-queries.ts';

export type SaveProfileResult =
  { ok: true; changed: (keyof ProfileFields)[] } | { ok: false; reason: 'member-gone' };

/** Writes only the fields that differ from the record as it is now (per-field last writer wins). */
export async function saveProfileFields(
  db: BuurtpasDb,
  writer: Writer,
  memberId: string,
  next: ProfileFields,
  nowMs: number,
): Promise<SaveProfileResult> {
  return db.transaction('rw', db.tables, async () => {
    const member = await db.members.get(memberId);
    if (!member || member.erased) return { ok: false, reason: 'member-gone' } as const;
    const fields = changedProfileFields(member.fields, next);
    const changed = Object.keys(fields) as (keyof ProfileFields)[];
    if (changed.length > 0)
      await writeEvents(
        db,
        writer,
        [{ type: 'member-profile-set', data: { memberId, fields } }],
        nowMs,
      );
    return { ok: true, changed } as const;
  });
}

/** The person agreed today to the processing of their data. */
export async function recordConsent(
  db: BuurtpasDb,
  writer: Writer,
  memberId: string,
  nowMs: number,
): Promise<void> {
  await writeEvents(
    db,
    writer,
    [
      {
        type: 'member-profile-set',
        data: { memberId, fields: { consentDate: localDateOf(nowMs) } },
      },
    ],
    nowMs,
  );
}

export type NewPassResult = { ok: true; code: string } | Exclude<NewPassCheck, { ok: true }>;

/** A fresh pass number never seen on this laptop, from the writer's random bytes. */
async function makeFreshCode(db: BuurtpasDb, writer: Writer): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const digits = digitsFromBytes(writer.random(24));
    if (digits.length < 10) continue;
    const code = makePassCode(digits, 10);
    if (!(await db.passes.get(code))) return code;
  }
  throw new Error('no free pass number after 20 tries');
}

/**
 * A lost or broken pass: the old code is revoked with the reason and a new one issued, in one
 * transaction, so the person is never left with no pass or two. `typedCode` is a scanned or typed
 * number for a pre-printed card; without it a number is made.
 */
export async function replacePass(
  db: BuurtpasDb,
  writer: Writer,
  input: { memberId: string; oldCode: string | null; reason: string; typedCode: string | null },
  nowMs: number,
): Promise<NewPassResult> {
  return db.transaction('rw', db.tables, async () => {
    let code: string;
    if (input.typedCode !== null) {
      const check = checkNewPassCode(input.typedCode, await db.passes.get(input.typedCode.trim()));
      if (!check.ok) return check;
      code = check.code;
    } else {
      code = await makeFreshCode(db, writer);
    }
    const drafts: EventDraft[] = [];
    if (input.oldCode)
      drafts.push({
        type: 'pass-revoked',
        data: { memberId: input.memberId, code: input.oldCode, reason: input.reason },
      });
    drafts.push({ type: 'pass-issued', data: { memberId: input.memberId, code } });
    await writeEvents(db, writer, drafts, nowMs);
    return { ok: true, code } as const;
  });
}

/** Revokes a pass without a new one (found to be stolen, or the person left). */
export async function revokePass(
  db: BuurtpasDb,
  writer: Writer,
  memberId: string,
  code: string,
  reason: string,
  nowMs: number,
): Promise<void> {
  await writeEvents(
    db,
    writer,
    [{ type: 'pass-revoked', data: { memberId, code, reason } }],
    nowMs,
  );
}

/**
 * A code issued to several people offline: the holder (whom a scan finds) keeps it; every other
 * person has it revoked and gets a new number. Returns the new numbers, to print.
 */
export async function resolvePassConflict(
  db: BuurtpasDb,
  writer: Writer,
  input: { code: string; otherIds: readonly string[]; reason: string },
  nowMs: number,
): Promise<{ memberId: string; code: string }[]> {
  return db.transaction('rw', db.tables, async () => {
    const issued: { memberId: string; code: string }[] = [];
    const drafts: EventDraft[] = [];
    const taken = new Set<string>();
    for (const memberId of input.otherIds) {
      let code = await makeFreshCode(db, writer);
      while (taken.has(code)) code = await makeFreshCode(db, writer);
      taken.add(code);
      drafts.push({
        type: 'pass-revoked',
        data: { memberId, code: input.code, reason: input.reason },
      });
      drafts.push({ type: 'pass-issued', data: { memberId, code } });
      issued.push({ memberId, code });
    }
    await writeEvents(db, writer, drafts, nowMs);
    return issued;
  });
}

export type EraseResult = { ok: true } | { ok: false; reason: 'member-gone' | 'already-erased' };

/**
 * Erasure (AVG/GDPR): a terminal tombstone. The projection purges the personal fields here and in
 * every stored payload; the server redacts its copies; the anonymous facts stay for the counts.
 */
export async function eraseMember(
  db: BuurtpasDb,
  writer: Writer,
  memberId: string,
  nowMs: number,
): Promise<EraseResult> {
  return db.transaction('rw', db.tables, async () => {
    const member = await db.members.get(memberId);
    if (!member) return { ok: false, reason: 'member-gone' } as const;
    if (member.erased) return { ok: false, reason: 'already-erased' } as const;
    await writeEvents(db, writer, [{ type: 'member-erased', data: { memberId } }], nowMs);
    return { ok: true } as const;
  });
}

export type MergeResult = { ok: true } | { ok: false; reason: MergeProblem };

/** Two records of one person become one: `fromId` resolves to `intoId`, whose fields are kept. */
export async function mergeMembers(
  db: BuurtpasDb,
  writer: Writer,
  fromId: string,
  intoId: string,
  nowMs: number,
): Promise<MergeResult> {
  return db.transaction('rw', db.tables, async () => {
    const [from, into] = await db.members.bulkGet([fromId, intoId]);
    const problem = checkMerge(from, into);
    if (problem) return { ok: false, reason: problem } as const;
    await writeEvents(
      db,
      writer,
      [{ type: 'members-merged', data: { fromMemberId: fromId, intoMemberId: intoId } }],
      nowMs,
    );
    return { ok: true } as const;
  });
}

/**
 * Someone who no longer comes: every open registration and membership of the person (merged
 * records included) ends today with the reason. Returns how many facts were written.
 */
export async function deregisterPerson(
  db: BuurtpasDb,
  writer: Writer,
  memberId: string,
  reason: string,
  nowMs: number,
): Promise<number> {
  return db.transaction('rw', db.tables, async () => {
    const today = localDateOf(nowMs);
    const ids = await readPersonIds(db, memberId);
    const [registrations, memberships] = await Promise.all([
      db.registrations.where('memberId').anyOf(ids).toArray(),
      db.memberships.where('memberId').anyOf(ids).toArray(),
    ]);
    const drafts: EventDraft[] = [];
    for (const r of registrations)
      if (isOpenAt(r, today))
        drafts.push({
          type: 'client-deregistered',
          data: { memberId: r.memberId, locationId: r.scopeId, reason },
        });
    for (const m of memberships)
      if (isOpenAt(m, today))
        drafts.push({
          type: 'membership-ended',
          data: { memberId: m.memberId, associationId: m.scopeId, date: today, reason },
        });
    if (drafts.length > 0) await writeEvents(db, writer, drafts, nowMs);
    return drafts.length;
  });
}
