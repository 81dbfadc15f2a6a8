/**
 * The retention rule (AVG/GDPR: keep personal data no longer than needed): people not seen for
 * N years are listed for the coordinator, who erases or deregisters them. "Seen" is any contact
 * that shows the person is still around: a visit, a registration, a payment, the record's
 * creation. Merged records are one person: contact under any of their ids counts. Dates are
 * Amsterdam local dates ('YYYY-MM-DD'), so the comparison is plain string order.
 */
export const DEFAULT_RETENTION_YEARS = 2;

export type RetentionInput = {
  memberId: string;
  erased: boolean;
  mergedInto: string | null;
  /** Local dates of every known contact under this id (visits, registrations, payments, creation). */
  contactDays: readonly string[];
  /** Locations where the person is registered today. */
  openLocations: readonly string[];
};

export type RetentionRow = {
  memberId: string;
  /** Latest contact over the person's ids, or null when nothing is known. */
  lastSeen: string | null;
  openLocations: string[];
};

/** The local date N whole years before `today`; 29 February falls back to 28 February. */
export function retentionCutoff(today: string, years: number): string {
  const y = Number(today.slice(0, 4)) - years;
  let md = today.slice(5);
  if (md === '02-29') md = '02-28';
  return `${String(y).padStart(4, '0')}-${md}`;
}

/**
 * Live people whose last contact is before the cutoff (not seen for `years` years on `today`),
 * longest unseen first.
 */
export function selectRetention(
  members: readonly RetentionInput[],
  today: string,
  years: number,
): RetentionRow[] {
  const byId = new Map(members.map((m) => [m.memberId, m]));
  const canonical = (id: string): string => {
    let current = id;
    for (let i = 0; i < 16; i++) {
      const next = byId.get(current)?.mergedInto;
      if (!next || next === current) return current;
      current = next;
    }
    return current;
  };
  const last = new Map<string, string>();
  const open = new Map<string, Set<string>>();
  for (const m of members) {
    const c = canonical(m.memberId);
    for (const d of m.contactDays) if (d > (last.get(c) ?? '')) last.set(c, d);
    const set = open.get(c) ?? new Set<string>();
    for (const l of m.openLocations) set.add(l);
    open.set(c, set);
  }
  const cutoff = retentionCutoff(today, years);
  const out: RetentionRow[] = [];
  for (const m of members) {
    if (m.erased || m.mergedInto) continue;
    const lastSeen = last.get(m.memberId) ?? null;
    if (lastSeen !== null && lastSeen >= cutoff) continue;
    out.push({
      memberId: m.memberId,
      lastSeen,
      openLocations: [...(open.get(m.memberId) ?? [])].sort(),
    });
  }
  return out.sort((a, b) =>
    (a.lastSeen ?? '') === (b.lastSeen ?? '')
      ? a.memberId < b.memberId
        ? -1
        : 1
      : (a.lastSeen ?? '') < (b.lastSeen ?? '')
        ? -1
        : 1,
  );
}
