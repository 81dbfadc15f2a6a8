import type { Hlc } from './hlc.ts';
import { PROFILE_FIELDS } from './event-facts.ts';
import type { ProfileField, ProfileFields } from './events.ts';

/**
 * The member record: the only place personal fields live. Each field is last-writer-wins by its
 * HLC stamp, so two laptops editing different fields both keep their edit, and every replica
 * picks the same winner for the same field. Erasure is terminal: it wipes every field and no
 * later edit, however late its stamp, brings one back.
 */
export type MemberRecord = {
  memberId: string;
  fields: ProfileFields;
  clocks: Partial<Record<ProfileField, Hlc>>;
  erased: boolean;
  mergedInto: string | null;
};

export function emptyMemberRecord(memberId: string): MemberRecord {
  return { memberId, fields: {}, clocks: {}, erased: false, mergedInto: null };
}

export function applyProfileFields(
  record: MemberRecord,
  fields: ProfileFields,
  hlc: Hlc,
): MemberRecord {
  if (record.erased) return record;
  let changed = false;
  const nextFields: ProfileFields = { ...record.fields };
  const nextClocks = { ...record.clocks };
  for (const key of PROFILE_FIELDS) {
    if (!(key in fields)) continue;
    const current = record.clocks[key];
    if (current !== undefined && !isLaterEdit(hlc, fields[key], current, record.fields[key]))
      continue;
    (nextFields as Record<string, unknown>)[key] = fields[key];
    nextClocks[key] = hlc;
    changed = true;
  }
  return changed ? { ...record, fields: nextFields, clocks: nextClocks } : record;
}

/**
 * The tie-break for one field, total so every replica picks the same winner: the later HLC stamp
 * wins; equal stamps (valid laptops never make them, a pushed fact can) compare the values
 * themselves, the larger JSON text winning. Without the second rule two records carrying `""` and
 * `" "` under one stamp merged differently by order (fast-check seed 122768002).
 */
export function isLaterEdit(hlc: Hlc, value: unknown, currentHlc: Hlc, currentValue: unknown) {
  if (hlc !== currentHlc) return hlc > currentHlc;
  return valueText(value) > valueText(currentValue);
}

const valueText = (v: unknown) => JSON.stringify(v ?? null);

/** Of two merge targets the smaller id wins everywhere (a tie-break that needs no clock). */
export function earlierMergeTarget(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a <= b ? a : b;
}

export function eraseMemberRecord(record: MemberRecord): MemberRecord {
  return { ...record, fields: {}, clocks: {}, erased: true };
}

/** Merging two records field by field: the law the laptops and the server both follow. */
export function mergeMemberRecords(a: MemberRecord, b: MemberRecord): MemberRecord {
  if (a.erased || b.erased) {
    return { ...eraseMemberRecord(a), mergedInto: earlierMergeTarget(a.mergedInto, b.mergedInto) };
  }
  const fields: ProfileFields = {};
  const clocks: Partial<Record<ProfileField, Hlc>> = {};
  for (const key of PROFILE_FIELDS) {
    const ca = a.clocks[key];
    const cb = b.clocks[key];
    const pick =
      ca === undefined
        ? cb === undefined
          ? null
          : b
        : cb === undefined || !isLaterEdit(cb, b.fields[key], ca, a.fields[key])
          ? a
          : b;
    if (pick === null) continue;
    (fields as Record<string, unknown>)[key] = pick.fields[key];
    clocks[key] = pick.clocks[key];
  }
  const mergedInto = earlierMergeTarget(a.mergedInto, b.mergedInto);
  return { memberId: a.memberId, fields, clocks, erased: false, mergedInto };
}
