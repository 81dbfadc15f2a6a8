/**
 * Possible duplicate people: two records that may be the same resident, registered twice (at two
 * desks, or with a forgotten pass). Duplicates ruin unduplicated counts, but a wrong merge joins
 * two people's histories, so this only proposes; the coordinator decides.
 *
 * Rule: the same name, compared on its normalized words in any order ("Ama Boateng" and
 * "BOATENG, Áma" match). Each pair says which other fields agree (birth year, postcode, phone).
 * A pair whose birth years are both known and differ is left out: that is two people.
 */
import { normalizeName } from '../name-search.ts';

export type DuplicateInput = {
  memberId: string;
  name: string;
  birthYear?: number | null | undefined;
  postcode?: string | undefined;
  phone?: string | undefined;
};

export type DuplicateMatch = 'name' | 'birth-year' | 'postcode' | 'phone';

export type DuplicateCandidate = {
  /** The two member ids, smaller first, so every laptop lists the same pair the same way. */
  memberIds: [string, string];
  matches: DuplicateMatch[];
  /** 'strong' when something besides the name agrees. */
  strength: 'strong' | 'name-only';
};

/** The key two names share when they are the same name: normalized words, sorted. */
export function nameKeyOf(name: string): string {
  const key = normalizeName(name);
  return key === '' ? '' : key.split(' ').sort().join(' ');
}

function phoneKey(phone: string | undefined): string {
  const digits = (phone ?? '').replace(/\D/g, '');
  // +31 6… and 06… are the same Dutch number.
  if (digits.startsWith('316') && digits.length === 11) return `0${digits.slice(2)}`;
  if (digits.startsWith('00316') && digits.length === 13) return `0${digits.slice(4)}`;
  return digits;
}

function postcodeKey(postcode: string | undefined): string {
  return (postcode ?? '').replace(/\s+/g, '').toUpperCase();
}

export function findDuplicateCandidates(members: readonly DuplicateInput[]): DuplicateCandidate[] {
  const groups = new Map<string, DuplicateInput[]>();
  for (const m of members) {
    const key = nameKeyOf(m.name);
    if (key === '') continue;
    const group = groups.get(key);
    if (group) group.push(m);
    else groups.set(key, [m]);
  }
  const out: DuplicateCandidate[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const sorted = [...group].sort((a, b) =>
      a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0,
    );
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) {
        const a = sorted[i]!;
        const b = sorted[j]!;
        if (a.memberId === b.memberId) continue;
        const aYear = a.birthYear ?? null;
        const bYear = b.birthYear ?? null;
        if (aYear !== null && bYear !== null && aYear !== bYear) continue;
        const matches: DuplicateMatch[] = ['name'];
        if (aYear !== null && aYear === bYear) matches.push('birth-year');
        const pa = postcodeKey(a.postcode);
        if (pa !== '' && pa === postcodeKey(b.postcode)) matches.push('postcode');
        const ph = phoneKey(a.phone);
        if (ph !== '' && ph === phoneKey(b.phone)) matches.push('phone');
        out.push({
          memberIds: [a.memberId, b.memberId],
          matches,
          strength: matches.length > 1 ? 'strong' : 'name-only',
        });
      }
    }
  }
  // Strong pairs first; then a stable order by id.
  return out.sort((x, y) =>
    x.strength === y.strength
      ? x.memberIds.join() < y.memberIds.join()
        ? -1
        : 1
      : x.strength === 'strong'
        ? -1
        : 1,
  );
}

export type MergeTarget = { memberId: string; erased: boolean; mergedInto: string | null };

export type MergeProblem =
  'merge-same-member' | 'merge-erased' | 'merge-already-merged' | 'merge-unknown';

/**
 * Whether `from` may be merged into `into`. Both must be live records: merging into a record
 * that is itself merged away would make a chain, and an erased record holds nothing to keep.
 */
export function checkMerge(
  from: MergeTarget | undefined,
  into: MergeTarget | undefined,
): MergeProblem | null {
  if (!from || !into) return 'merge-unknown';
  if (from.memberId === into.memberId) return 'merge-same-member';
  if (from.erased || into.erased) return 'merge-erased';
  if (from.mergedInto || into.mergedInto) return 'merge-already-merged';
  return null;
}
