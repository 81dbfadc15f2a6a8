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
    if (current !== undefined && current >= hlc) continue;
    (nextFields as Record<string, unknown>)[key] = fields[key];
    nextClocks[key] = hlc;
    changed = true;
  }
  return changed ? { ...record, fields: nextFields, clocks: nextClocks } : record;
}

export function eraseMemberRecord(record: MemberRecord): MemberRecord {
  return { ...record, fields: {}, clocks: {}, erased: true };
}

/** Merging two records field by field: the law the laptops and the server both follow. */
export function mergeMemberRecords(a: MemberRecord, b: MemberRecord): MemberRecord {
  if (a.erased || b.erased) {
    return { ...eraseMemberRecord(a), mergedInto: a.mergedInto ?? b.mergedInto };
  }
  const fields: ProfileFields = {};
  const clocks: Partial<Record<ProfileField, Hlc>> = {};
  for (const key of PROFILE_FIELDS) {
    const ca = a.clocks[key];
    const cb = b.clocks[key];
    const pick =
      ca === undefined ? (cb === undefined ? null : b) : cb === undefined || ca >= cb ? a : b;
    if (pick === null) continue;
    (fields as Record<string, unknown>)[key] = pick.fields[key];
    clocks[key] = pick.clocks[key];
  }
  const mergedInto =
    a.mergedInto && b.mergedInto
      ? a.mergedInto <= b.mergedInto
        ? a.mergedInto
        : b.mergedInto
      : (a.mergedInto ?? b.mergedInto);
  return { memberId: a.memberId, fields, clocks, erased: false, mergedInto };
}
