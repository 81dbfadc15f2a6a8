/**
 * The parts of the event model that code needs at run time without the wire schemas: constants
 * and small readers. Kept apart from events.ts so the desk's start bundle does not carry the
 * schema library (the schemas are needed only where wire data is parsed: sync and server).
 */
import type { BuurtpasEvent, ProfileField } from './events.ts';

export const PAYLOAD_VERSION = 1;

export const PROFILE_FIELDS: readonly ProfileField[] = [
  'name',
  'phone',
  'postcode',
  'birthYear',
  'consentDate',
];
export const referralSources = ['wpi', 'rve', 'other'] as const;
export const paymentMethods = ['cash', 'bank', 'pin'] as const;
export const roleKinds = ['volunteer', 'key-holder'] as const;

/** The member a fact is about, if any: used for indexes and for erasure. */
export function memberIdOf(event: BuurtpasEvent): string | undefined {
  const data = event.data as { memberId?: string; intoMemberId?: string };
  return data.memberId ?? data.intoMemberId;
}
