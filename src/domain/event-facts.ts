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
/** How a payment can be taken at a desk or by the treasurer. */
export const paymentMethods = ['cash', 'bank', 'pin'] as const;
/**
 * Every method a payment fact may carry: also 'import', a payment the room's old member list
 * recorded (never counted in a day's cash box; docs/import.md).
 */
export const recordedPaymentMethods = [...paymentMethods, 'import'] as const;
export const roleKinds = ['volunteer', 'key-holder'] as const;

/** The member a fact is about, if any: used for indexes and for erasure. */
export function memberIdOf(event: BuurtpasEvent): string | undefined {
  const data = event.data as { memberId?: string; intoMemberId?: string };
  return data.memberId ?? data.intoMemberId;
}
