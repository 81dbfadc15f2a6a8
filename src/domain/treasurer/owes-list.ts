/**
 * Who still owes: per association and calendar year, every member with what they paid and what
 * is still open. Pure: the app reads the projection rows (memberships, contributions, members,
 * last visits) through indexes and passes them in; the rules are the ones `summarize` uses
 * (`overlaps` over the year for "member in the year", `isPayingMember` for "paying"), so the
 * treasurer's count of paying members is the report's and the server's count.
 */
import {
  contributionStatus,
  dueCentsFor,
  isPayingMember,
  openCentsOf,
  type ContributionStatus,
} from '../contribution.ts';
import { amountKey, canonicalMemberId, overlaps, type Ledger, type Period } from '../ledger.ts';

export type OwesMember = {
  memberId: string;
  name: string;
  /** Locations where the person is registered. */
  locations: readonly string[];
  /** Local date of registration (first fact about the person on this laptop's data). */
  registeredOn: string;
  mergedInto?: string;
  erased: boolean;
};

export type OwesInput = {
  year: number;
  dueCents: number;
  /** Membership periods of the association (scopeId = the association). */
  memberships: readonly Period[];
  members: ReadonlyMap<string, OwesMember>;
  /** Contribution rows of the association and year: voided payments already left out. */
  contributions: readonly { memberId: string; paidCents: number; waived: boolean }[];
  lastVisits: ReadonlyMap<string, string>;
};

export type OwesStatus = ContributionStatus['kind'];

export type OwesRow = {
  memberId: string;
  name: string;
  locations: readonly string[];
  registeredOn: string;
  memberSince: string;
  lastVisit: string | null;
  paidCents: number;
  openCents: number;
  status: Exclude<OwesStatus, 'not-member'>;
  paying: boolean;
  erased: boolean;
};

export function isMemberInYear(period: Period, year: number): boolean {
  return overlaps(period, `${year}-01-01`, `${year}-12-31`);
}

export function buildOwesRows(input: OwesInput): OwesRow[] {
  const { year, dueCents, members } = input;
  const since = new Map<string, string>();
  for (const m of input.memberships) {
    if (!isMemberInYear(m, year)) continue;
    const id = canonicalMemberId(members, m.memberId);
    const first = m.opened[0] ?? '';
    const have = since.get(id);
    if (have === undefined || first < have) since.set(id, first);
  }
  const paid = new Map<string, number>();
  const waived = new Set<string>();
  for (const c of input.contributions) {
    const id = canonicalMemberId(members, c.memberId);
    paid.set(id, (paid.get(id) ?? 0) + c.paidCents);
    if (c.waived) waived.add(id);
  }
  const lastVisit = new Map<string, string>();
  for (const [memberId, day] of input.lastVisits) {
    const id = canonicalMemberId(members, memberId);
    const have = lastVisit.get(id);
    if (have === undefined || day > have) lastVisit.set(id, day);
  }
  const rows: OwesRow[] = [];
  for (const [memberId, memberSince] of since) {
    const m = members.get(memberId);
    const paidCents = paid.get(memberId) ?? 0;
    const status = contributionStatus({
      isMember: true,
      paidCents,
      dueCents,
      waived: waived.has(memberId),
    }) as Exclude<ContributionStatus, { kind: 'not-member' }>;
    rows.push({
      memberId,
      name: m && !m.erased ? m.name : '',
      locations: m?.locations ?? [],
      registeredOn: m?.registeredOn ?? memberSince,
      memberSince,
      lastVisit: lastVisit.get(memberId) ?? null,
      paidCents,
      openCents: openCentsOf(status),
      status: status.kind,
      paying: isPayingMember(paidCents, dueCents),
      erased: m?.erased ?? false,
    });
  }
  return rows;
}

export type OwesTotals = {
  members: number;
  paying: number;
  partial: number;
  unpaid: number;
  waived: number;
  openCents: number;
};

export function totalOwes(rows: readonly OwesRow[]): OwesTotals {
  const t: OwesTotals = {
    members: rows.length,
    paying: 0,
    partial: 0,
    unpaid: 0,
    waived: 0,
    openCents: 0,
  };
  for (const r of rows) {
    if (r.paying) t.paying++;
    if (r.status === 'partial') t.partial++;
    if (r.status === 'unpaid') t.unpaid++;
    if (r.status === 'waived') t.waived++;
    if (!r.erased) t.openCents += r.openCents;
  }
  return t;
}

export type OwesStatusFilter = 'open' | 'unpaid' | 'partial' | 'waived' | 'paid' | 'all';
export type OwesVisitFilter = 'any' | 'seen-since' | 'not-seen-since';
export type OwesSort = 'name' | 'open' | 'last-visit' | 'registered';

export type OwesFilter = {
  status: OwesStatusFilter;
  /** A location id, or 'all'. */
  locationId: string;
  visit: OwesVisitFilter;
  /** Local date for the visit filter. */
  visitDate: string;
  /** Registered on or after this local date; '' for any. */
  registeredFrom: string;
  /** Name words, prefix match, case- and accent-insensitive; '' for any. */
  query: string;
  sort: OwesSort;
  descending: boolean;
};

export const DEFAULT_OWES_FILTER: OwesFilter = {
  status: 'open',
  locationId: 'all',
  visit: 'any',
  visitDate: '',
  registeredFrom: '',
  query: '',
  sort: 'name',
  descending: false,
};

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

function matchesStatus(row: OwesRow, status: OwesStatusFilter): boolean {
  switch (status) {
    case 'open':
      return row.openCents > 0;
    case 'unpaid':
    case 'partial':
    case 'waived':
    case 'paid':
      return row.status === status;
    case 'all':
      return true;
  }
}

export function filterOwes(rows: readonly OwesRow[], filter: OwesFilter): OwesRow[] {
  const words = fold(filter.query).split(/\s+/).filter(Boolean);
  return rows.filter((r) => {
    // An erased person cannot be asked for money and has no name to show.
    if (r.erased) return false;
    if (!matchesStatus(r, filter.status)) return false;
    if (filter.locationId !== 'all' && !r.locations.includes(filter.locationId)) return false;
    if (
      filter.visit === 'seen-since' &&
      filter.visitDate &&
      !(r.lastVisit !== null && r.lastVisit >= filter.visitDate)
    )
      return false;
    if (
      filter.visit === 'not-seen-since' &&
      filter.visitDate &&
      r.lastVisit !== null &&
      r.lastVisit >= filter.visitDate
    )
      return false;
    if (filter.registeredFrom && r.registeredOn < filter.registeredFrom) return false;
    if (words.length > 0) {
      const nameWords = fold(r.name).split(/[\s-]+/);
      if (!words.every((w) => nameWords.some((n) => n.startsWith(w)))) return false;
    }
    return true;
  });
}

const collator = new Intl.Collator('nl', { sensitivity: 'base' });

/** Sorts a copy; ties fall back to the name, then the id, so the order is stable for a printout. */
export function sortOwes(rows: readonly OwesRow[], sort: OwesSort, descending: boolean): OwesRow[] {
  const key = (r: OwesRow): string | number => {
    switch (sort) {
      case 'name':
        return 0;
      case 'open':
        return r.openCents;
      case 'last-visit':
        return r.lastVisit ?? '';
      case 'registered':
        return r.registeredOn;
    }
  };
  const dir = descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka < kb) return -dir;
    if (ka > kb) return dir;
    const byName = collator.compare(a.name, b.name) * (sort === 'name' ? dir : 1);
    return byName !== 0 ? byName : a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0;
  });
}

/**
 * The same input from a folded ledger (the server's and the tests' view); the app builds it from
 * its projection tables instead. Both must give the rows `summarize` counts.
 */
export function owesInputFromLedger(
  ledger: Pick<Ledger, 'members' | 'memberships' | 'payments' | 'waivers' | 'voids' | 'amounts'>,
  associationId: string,
  year: number,
  lastVisits: ReadonlyMap<string, string> = new Map(),
): OwesInput {
  const members = new Map<string, OwesMember>();
  for (const [id, m] of ledger.members) {
    members.set(id, {
      memberId: id,
      name: m.fields.name ?? '',
      locations: [],
      registeredOn: '',
      erased: m.erased,
      ...(m.mergedInto ? { mergedInto: m.mergedInto } : {}),
    });
  }
  const contributions = new Map<string, { memberId: string; paidCents: number; waived: boolean }>();
  const rowOf = (memberId: string) => {
    const row = contributions.get(memberId) ?? { memberId, paidCents: 0, waived: false };
    contributions.set(memberId, row);
    return row;
  };
  for (const p of ledger.payments.values()) {
    if (p.associationId === associationId && p.year === year && !ledger.voids.has(p.eventId))
      rowOf(p.memberId).paidCents += p.amountCents;
  }
  for (const w of ledger.waivers.values()) {
    if (w.associationId === associationId && w.year === year && !ledger.voids.has(w.eventId))
      rowOf(w.memberId).waived = true;
  }
  return {
    year,
    dueCents: dueCentsFor(associationId, ledger.amounts.get(amountKey(associationId, year))),
    memberships: [...ledger.memberships.values()].filter((m) => m.scopeId === associationId),
    members,
    contributions: [...contributions.values()],
    lastVisits,
  };
}
