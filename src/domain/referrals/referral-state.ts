/**
 * Referrals as their own facts. A partner (WPI klantmanager, RvE Participatie, ...) refers someone
 * before the person has ever been to the location, so the referral cannot carry a member id:
 * `referral-made` carries a referral id, and `referral-linked` ties it to a member when the person
 * registers or is found at the desk. Who was referred (name, phone, note) is personal data and
 * stays out of the facts: the laptop keeps it in an erasable referral record.
 *
 * The rules here are order-independent: every choice between two facts (a referral made twice
 * with one id, linked twice at two desks, a period set twice) picks the same winner by (hlc,
 * eventId) whatever order the facts arrived in; voided facts count as absent.
 */
import type { BuurtpasEvent, EventOf, ReferralSource } from '../events.ts';

export type ReferralFact = EventOf<'referral-made' | 'referral-linked' | 'referral-period-set'>;

export const DEFAULT_REFERRAL_WEEKS = 6;

export type Referral = {
  referralId: string;
  locationId: string;
  source: ReferralSource;
  /** Local date of the referral. */
  date: string;
  madeEventId: string;
  /** The member it was linked to, or null while nobody came. */
  memberId: string | null;
  linkEventId: string | null;
};

/** Whether fact `a` precedes `b` in the one order every replica agrees on. */
function isBefore(a: { hlc: string; eventId: string }, b: { hlc: string; eventId: string }) {
  return a.hlc < b.hlc || (a.hlc === b.hlc && a.eventId < b.eventId);
}

export function isReferralFact(event: BuurtpasEvent): event is ReferralFact {
  return (
    event.type === 'referral-made' ||
    event.type === 'referral-linked' ||
    event.type === 'referral-period-set'
  );
}

/**
 * The referrals as they stand: per referral id the earliest `referral-made` and the earliest
 * link, voided facts left out. A link whose referral is not (yet) here is kept aside and applies
 * once the referral arrives, so the result does not depend on arrival order.
 */
export function projectReferrals(
  facts: Iterable<BuurtpasEvent>,
  isVoided: (eventId: string) => boolean,
): Map<string, Referral> {
  const made = new Map<string, EventOf<'referral-made'>>();
  const links = new Map<string, EventOf<'referral-linked'>>();
  for (const f of facts) {
    if (isVoided(f.eventId)) continue;
    if (f.type === 'referral-made') {
      const have = made.get(f.data.referralId);
      if (!have || isBefore(f, have)) made.set(f.data.referralId, f);
    } else if (f.type === 'referral-linked') {
      const have = links.get(f.data.referralId);
      if (!have || isBefore(f, have)) links.set(f.data.referralId, f);
    }
  }
  const out = new Map<string, Referral>();
  for (const [referralId, m] of made) {
    const link = links.get(referralId);
    out.set(referralId, {
      referralId,
      locationId: m.data.locationId,
      source: m.data.source,
      date: m.data.date,
      madeEventId: m.eventId,
      memberId: link?.data.memberId ?? null,
      linkEventId: link?.eventId ?? null,
    });
  }
  return out;
}

/** The coordinator's no-show period in weeks: the latest setting by hlc, default 6. */
export function referralPeriodWeeks(
  facts: Iterable<BuurtpasEvent>,
  isVoided: (eventId: string) => boolean,
): number {
  let latest: EventOf<'referral-period-set'> | undefined;
  for (const f of facts) {
    if (f.type !== 'referral-period-set' || isVoided(f.eventId)) continue;
    if (!latest || isBefore(latest, f)) latest = f;
  }
  return latest?.data.weeks ?? DEFAULT_REFERRAL_WEEKS;
}

export type ReferralStatus = 'arrived' | 'expected' | 'no-show';

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);

/** Local date on which an unarrived referral of `date` becomes a no-show. */
export function noShowDateOf(date: string, weeks: number): string {
  return new Date((dayNumber(date) + weeks * 7) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Arrived when the referred person came (a visit at the location on or after the referral date);
 * otherwise expected until the period has passed, then a no-show. A late arrival still turns a
 * no-show into arrived.
 */
export function referralStatusOf(
  referralDate: string,
  arrived: boolean,
  asOf: string,
  weeks: number,
): ReferralStatus {
  if (arrived) return 'arrived';
  return asOf >= noShowDateOf(referralDate, weeks) ? 'no-show' : 'expected';
}

/**
 * What the desk shows as "verwacht": unlinked referrals to this location, newest first, dated on
 * or before today and not older than the period plus as much again (a late arrival is still
 * welcome, and is linked the same way).
 */
export function listExpectedReferrals(
  referrals: Iterable<Referral>,
  locationId: string,
  asOf: string,
  weeks: number,
): (Referral & { status: Exclude<ReferralStatus, 'arrived'> })[] {
  const oldest = new Date((dayNumber(asOf) - 2 * weeks * 7) * DAY_MS).toISOString().slice(0, 10);
  const out: (Referral & { status: Exclude<ReferralStatus, 'arrived'> })[] = [];
  for (const r of referrals) {
    if (r.memberId !== null || r.locationId !== locationId) continue;
    if (r.date > asOf || r.date < oldest) continue;
    out.push({
      ...r,
      status: referralStatusOf(r.date, false, asOf, weeks) === 'no-show' ? 'no-show' : 'expected',
    });
  }
  return out.sort((a, b) =>
    a.date !== b.date ? (a.date < b.date ? 1 : -1) : a.referralId < b.referralId ? -1 : 1,
  );
}
