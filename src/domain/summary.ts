/**
 * The headline counts a laptop and the server compare after a sync: registered clients per
 * location and in total (people, once), members and paying members per association.
 */
import { ASSOCIATIONS, LOCATIONS } from './catalog.ts';
import { dueCentsFor, isPayingMember } from './contribution.ts';
import { amountKey, canonicalMemberId, isOpenAt, overlaps, type Ledger } from './ledger.ts';

export type Summary = {
  year: number;
  locations: Record<string, { registeredClients: number; newRegistrations: number }>;
  associations: Record<string, { members: number; payingMembers: number }>;
  total: { registeredClients: number; members: number; payingMembers: number };
};

/** Paid cents per canonical member for one association and year, voided payments left out. */
export function paidByMember(
  ledger: Ledger,
  associationId: string,
  year: number,
): Map<string, number> {
  const paid = new Map<string, number>();
  for (const p of ledger.payments.values()) {
    if (p.associationId !== associationId || p.year !== year || ledger.voids.has(p.eventId))
      continue;
    const id = canonicalMemberId(ledger.members, p.memberId);
    paid.set(id, (paid.get(id) ?? 0) + p.amountCents);
  }
  return paid;
}

export function summarize(ledger: Ledger, year: number): Summary {
  const yearEnd = `${year}-12-31`;
  const yearStart = `${year}-01-01`;
  const locations: Summary['locations'] = {};
  const registeredPeople = new Set<string>();
  for (const l of LOCATIONS) locations[l.id] = { registeredClients: 0, newRegistrations: 0 };
  const perLocation = new Map<string, Set<string>>();
  const newPerLocation = new Map<string, Set<string>>();
  for (const r of ledger.registrations.values()) {
    const id = canonicalMemberId(ledger.members, r.memberId);
    if (isOpenAt(r, yearEnd)) {
      registeredPeople.add(id);
      const set = perLocation.get(r.scopeId) ?? new Set<string>();
      set.add(id);
      perLocation.set(r.scopeId, set);
    }
    if (r.opened.some((d) => d >= yearStart && d <= yearEnd)) {
      const set = newPerLocation.get(r.scopeId) ?? new Set<string>();
      set.add(id);
      newPerLocation.set(r.scopeId, set);
    }
  }
  for (const [loc, set] of perLocation)
    locations[loc] = {
      registeredClients: set.size,
      newRegistrations: newPerLocation.get(loc)?.size ?? 0,
    };
  for (const [loc, set] of newPerLocation)
    if (!perLocation.has(loc))
      locations[loc] = { registeredClients: 0, newRegistrations: set.size };

  const associations: Summary['associations'] = {};
  const allMembers = new Set<string>();
  const allPaying = new Set<string>();
  for (const a of ASSOCIATIONS) {
    const members = new Set<string>();
    const everMember = new Set<string>();
    for (const m of ledger.memberships.values()) {
      if (m.scopeId !== a.id) continue;
      const id = canonicalMemberId(ledger.members, m.memberId);
      if (isOpenAt(m, yearEnd)) members.add(id);
      if (overlaps(m, yearStart, yearEnd)) everMember.add(id);
    }
    const due = dueCentsFor(a.id, ledger.amounts.get(amountKey(a.id, year)));
    let paying = 0;
    for (const [id, cents] of paidByMember(ledger, a.id, year)) {
      if (everMember.has(id) && isPayingMember(cents, due)) {
        paying++;
        allPaying.add(id);
      }
    }
    for (const id of members) allMembers.add(id);
    associations[a.id] = { members: members.size, payingMembers: paying };
  }
  return {
    year,
    locations,
    associations,
    total: {
      registeredClients: registeredPeople.size,
      members: allMembers.size,
      payingMembers: allPaying.size,
    },
  };
}
