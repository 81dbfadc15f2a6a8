/**
 * A person's passes and the passes issued twice. A pass row holds one member per code (the
 * earliest issue wins, see apply-events); the facts say who else was given the same code offline.
 * These rules read both so the record shows every card a person was handed, and the coordinator
 * sees each double issue until every other holder has had that code revoked.
 */
import { validatePassCode, type PassCodeResult } from '../pass-code.ts';

export type PassFact = {
  kind: 'issued' | 'revoked';
  code: string;
  memberId: string;
  at: string;
  reason?: string;
};
export type PassRowLike = {
  code: string;
  memberId: string;
  status: 'active' | 'revoked';
  conflictMemberIds: readonly string[];
};

export type MemberPassStatus = 'active' | 'revoked' | 'held-by-other';
export type MemberPass = {
  code: string;
  memberId: string;
  issuedAt: string;
  status: MemberPassStatus;
  revokedAt?: string;
  revokedReason?: string;
};

const pairKey = (code: string, memberId: string) => `${code}|${memberId}`;

/** Every code issued to any of the person's ids (merged records included), newest first. */
export function listMemberPasses(
  personIds: readonly string[],
  facts: readonly PassFact[],
  rows: ReadonlyMap<string, PassRowLike>,
): MemberPass[] {
  const ids = new Set(personIds);
  const revoked = new Map<string, PassFact>();
  for (const f of facts)
    if (f.kind === 'revoked' && ids.has(f.memberId)) revoked.set(pairKey(f.code, f.memberId), f);
  const byCode = new Map<string, MemberPass>();
  for (const f of facts) {
    if (f.kind !== 'issued' || !ids.has(f.memberId)) continue;
    const have = byCode.get(f.code);
    if (have && have.issuedAt <= f.at) continue;
    const r = revoked.get(pairKey(f.code, f.memberId));
    const row = rows.get(f.code);
    let status: MemberPassStatus;
    if (r || row?.status === 'revoked') status = 'revoked';
    else if (row && !ids.has(row.memberId)) status = 'held-by-other';
    else status = 'active';
    const pass: MemberPass = { code: f.code, memberId: f.memberId, issuedAt: f.at, status };
    if (r) {
      pass.revokedAt = r.at;
      if (r.reason !== undefined) pass.revokedReason = r.reason;
    }
    byCode.set(f.code, pass);
  }
  return [...byCode.values()].sort((a, b) =>
    a.issuedAt < b.issuedAt ? 1 : a.issuedAt > b.issuedAt ? -1 : 0,
  );
}

export type PassConflict = {
  code: string;
  /** Whom a scan of this code finds. */
  holderId: string;
  holderRevoked: boolean;
  /** The others who were handed the same code and still have it. */
  otherIds: string[];
};

/** Codes issued to more than one person where someone besides the holder still has it. */
export function findOpenPassConflicts(
  rows: readonly PassRowLike[],
  revokedPairs: ReadonlySet<string>,
): PassConflict[] {
  const out: PassConflict[] = [];
  for (const row of rows) {
    const others = row.conflictMemberIds.filter(
      (m) => m !== row.memberId && !revokedPairs.has(pairKey(row.code, m)),
    );
    if (others.length === 0) continue;
    out.push({
      code: row.code,
      holderId: row.memberId,
      holderRevoked: row.status === 'revoked',
      otherIds: [...others].sort(),
    });
  }
  return out.sort((a, b) => (a.code < b.code ? -1 : 1));
}

export { pairKey as passPairKey };

export type NewPassCheck =
  PassCodeResult | { ok: false; reason: 'pass-in-use' | 'pass-used-before' };

/**
 * A scanned or typed code for a new pass: the right shape, and never seen on this laptop. A
 * revoked code is not handed out again, since a found old card would then check in someone else.
 */
export function checkNewPassCode(
  raw: string,
  existing: { status: 'active' | 'revoked' } | undefined,
): NewPassCheck {
  const shape = validatePassCode(raw);
  if (!shape.ok) return shape;
  if (existing)
    return { ok: false, reason: existing.status === 'active' ? 'pass-in-use' : 'pass-used-before' };
  return shape;
}

/** Random decimal digits from random bytes, without modulo bias (bytes ≥ 250 are skipped). */
export function digitsFromBytes(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) if (b < 250) out += String(b % 10);
  return out;
}
