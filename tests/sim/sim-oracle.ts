/**
 * What the users did, written down by the simulation as they do it, and the counts that follow
 * from it, computed here from first principles, without `summarize` or the ledger. The
 * simulation keeps to one calendar year, so "at year end" is "now".
 */
export type OracleCounts = {
  locations: Record<string, number>;
  total: number;
  members: Record<string, number>;
  paying: Record<string, number>;
  totalMembers: number;
  totalPaying: number;
};

export class SimOracle {
  /** memberId → locations registered at. */
  readonly registrations = new Map<string, Set<string>>();
  /** memberId → associations joined. */
  readonly memberships = new Map<string, Set<string>>();
  readonly payments = new Map<
    string,
    { memberId: string; associationId: string; cents: number; year: number }
  >();
  readonly voided = new Set<string>();
  readonly erased = new Set<string>();
  /** from → into */
  readonly merges = new Map<string, string>();
  readonly names = new Map<string, string>();

  register(memberId: string, locationId: string, associationId: string | null, name: string): void {
    this.registrations.set(memberId, new Set([locationId]));
    if (associationId) this.memberships.set(memberId, new Set([associationId]));
    this.names.set(memberId, name);
  }

  person(memberId: string): string {
    let id = memberId;
    for (let i = 0; i < 32; i++) {
      const next = this.merges.get(id);
      if (!next) return id;
      id = next;
    }
    return id;
  }

  /**
   * Erased: the person, or anyone they were merged into (along the chain), was erased. A record
   * merged into someone later erased is the same person and is erased with them.
   */
  isErased(memberId: string): boolean {
    let id = memberId;
    for (let i = 0; i < 32; i++) {
      if (this.erased.has(id)) return true;
      const next = this.merges.get(id);
      if (!next) return false;
      id = next;
    }
    return false;
  }

  counts(
    locations: readonly string[],
    associations: readonly string[],
    year: number,
    dueCents: number,
  ): OracleCounts {
    const perLocation = new Map<string, Set<string>>(locations.map((l) => [l, new Set()]));
    const everyone = new Set<string>();
    for (const [memberId, locs] of this.registrations) {
      if (this.isErased(memberId)) continue;
      for (const l of locs) {
        perLocation.get(l)?.add(this.person(memberId));
        everyone.add(this.person(memberId));
      }
    }
    const members = new Map<string, Set<string>>(associations.map((a) => [a, new Set()]));
    // Ever a member this year: an erased member's membership still overlaps the year.
    const everMembers = new Map<string, Set<string>>(associations.map((a) => [a, new Set()]));
    for (const [memberId, assocs] of this.memberships) {
      for (const a of assocs) {
        everMembers.get(a)?.add(this.person(memberId));
        if (!this.isErased(memberId)) members.get(a)?.add(this.person(memberId));
      }
    }
    const paid = new Map<string, Map<string, number>>(associations.map((a) => [a, new Map()]));
    for (const [eventId, p] of this.payments) {
      if (this.voided.has(eventId) || p.year !== year) continue;
      const byPerson = paid.get(p.associationId);
      if (!byPerson) continue;
      const who = this.person(p.memberId);
      byPerson.set(who, (byPerson.get(who) ?? 0) + p.cents);
    }
    const paying = new Map<string, Set<string>>();
    for (const a of associations) {
      const set = new Set<string>();
      for (const [who, cents] of paid.get(a)!)
        if (cents >= dueCents && everMembers.get(a)!.has(who)) set.add(who);
      paying.set(a, set);
    }
    const allMembers = new Set<string>();
    const allPaying = new Set<string>();
    for (const a of associations) {
      for (const m of members.get(a)!) allMembers.add(m);
      for (const m of paying.get(a)!) allPaying.add(m);
    }
    return {
      locations: Object.fromEntries(locations.map((l) => [l, perLocation.get(l)!.size])),
      total: everyone.size,
      members: Object.fromEntries(associations.map((a) => [a, members.get(a)!.size])),
      paying: Object.fromEntries(associations.map((a) => [a, paying.get(a)!.size])),
      totalMembers: allMembers.size,
      totalPaying: allPaying.size,
    };
  }
}
