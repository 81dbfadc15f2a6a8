/**
 * Settings that a later fact replaces (role periods, targets): the one in force per key is the
 * latest by HLC, and on equal stamps the larger event id, so the choice is a function of the set
 * of facts whatever order they arrived in. The year report and the laptop's role list both call
 * these; voided facts are left out by the caller (`live` facts).
 */
import type { BuurtpasEvent } from '../events.ts';

type RolePeriodFact = Extract<BuurtpasEvent, { type: 'role-period-set' }>;
type TargetFact = Extract<BuurtpasEvent, { type: 'target-set' }>;

/** Whether `a` replaces `b`: later HLC; equal HLC, larger event id (total). */
export function isLaterSetting(
  a: { hlc: string; eventId: string },
  b: { hlc: string; eventId: string },
): boolean {
  return a.hlc > b.hlc || (a.hlc === b.hlc && a.eventId > b.eventId);
}

function pickLatest<F extends { hlc: string; eventId: string }>(
  facts: Iterable<F>,
  keyOf: (f: F) => string | null,
): Map<string, F> {
  const current = new Map<string, F>();
  for (const f of facts) {
    const key = keyOf(f);
    if (key === null) continue;
    const have = current.get(key);
    if (!have || isLaterSetting(f, have)) current.set(key, f);
  }
  return current;
}

/** Role periods in force: per (member, location, role, from) the latest setting. */
export function pickCurrentRolePeriods(
  facts: Iterable<BuurtpasEvent>,
): Map<string, RolePeriodFact> {
  return pickLatest(
    [...facts].filter((f): f is RolePeriodFact => f.type === 'role-period-set'),
    (f) => `${f.data.memberId}|${f.data.locationId}|${f.data.role}|${f.data.from}`,
  );
}

/** Targets in force for a year: per (indicator, location) the latest setting. */
export function pickCurrentTargets(
  facts: Iterable<BuurtpasEvent>,
  year: number,
): Map<string, TargetFact> {
  return pickLatest(
    [...facts].filter((f): f is TargetFact => f.type === 'target-set'),
    (f) => (f.data.year === year ? `${f.data.indicator}|${f.data.locationId}` : null),
  );
}
