/**
 * Facts. Every change in Buurtpas is an immutable event with a client-made UUIDv7 `eventId`.
 * Facts about people carry the opaque `memberId`, never a name: personal fields live only in
 * `member-profile-set`, the member record itself, which erasure redacts.
 *
 * `v` is the payload version. Readers call `upcastEvent` so an old payload reads as the current
 * one; the wire schema accepts every version still in circulation.
 */
import { z } from './jitless-zod.ts';

import {
  PAYLOAD_VERSION,
  recordedPaymentMethods,
  PROFILE_FIELDS,
  referralSources,
  roleKinds,
} from './event-facts.ts';

export {
  memberIdOf,
  PAYLOAD_VERSION,
  paymentMethods,
  PROFILE_FIELDS,
  recordedPaymentMethods,
  referralSources,
  roleKinds,
} from './event-facts.ts';

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9:_-]+$/);
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
/** A real calendar day (no 2026-13-45, no 0000-00-00), years 1900–2100. */
const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(isCalendarDate, { message: 'not a calendar date' });

export function isCalendarDate(text: string): boolean {
  const y = Number(text.slice(0, 4));
  const m = Number(text.slice(5, 7));
  const d = Number(text.slice(8, 10));
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
  return d <= days;
}
const year = z.number().int().min(2000).max(2100);
const cents = z.number().int().min(-10_000_00).max(10_000_00);
const reason = z.string().trim().min(1).max(500);

export const profileFieldsSchema = z
  .object({
    name: z.string().max(200),
    phone: z.string().max(40),
    postcode: z.string().max(10),
    birthYear: z.number().int().min(1900).max(2100).nullable(),
    /** Local date on which the person agreed to the processing of their data, or '' if not. */
    consentDate: z.string().max(10),
  })
  .partial()
  .strict();

export type ProfileFields = z.infer<typeof profileFieldsSchema>;
export type ProfileField = keyof ProfileFields;

// PROFILE_FIELDS lists exactly the schema's keys: a field added to one and not the other fails here.
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const PROFILE_FIELDS_MATCH: SameKeys<(typeof PROFILE_FIELDS)[number], ProfileField> = true;
export type ReferralSource = (typeof referralSources)[number];
export type PaymentMethod = (typeof recordedPaymentMethods)[number];
export type RoleKind = (typeof roleKinds)[number];

const dataSchemas = {
  /** A person registers at a location as a client; the first one also creates the member. */
  'client-registered': z.object({ memberId: uuid, locationId: id }).strict(),
  'client-deregistered': z.object({ memberId: uuid, locationId: id, reason }).strict(),
  'member-profile-set': z.object({ memberId: uuid, fields: profileFieldsSchema }).strict(),
  'member-erased': z.object({ memberId: uuid }).strict(),
  'members-merged': z.object({ fromMemberId: uuid, intoMemberId: uuid }).strict(),
  'pass-issued': z.object({ memberId: uuid, code: z.string().min(1).max(64) }).strict(),
  'pass-revoked': z.object({ memberId: uuid, code: z.string().min(1).max(64), reason }).strict(),
  'membership-started': z.object({ memberId: uuid, associationId: id, date: localDate }).strict(),
  'membership-ended': z
    .object({ memberId: uuid, associationId: id, date: localDate, reason })
    .strict(),
  'visit-recorded': z.object({ memberId: uuid, locationId: id }).strict(),
  'service-used': z.object({ memberId: uuid, locationId: id, serviceId: id }).strict(),
  'walk-in-counted': z.object({ locationId: id, serviceId: id }).strict(),
  'payment-recorded': z
    .object({
      memberId: uuid,
      associationId: id,
      year,
      amountCents: cents,
      method: z.enum(recordedPaymentMethods),
    })
    .strict(),
  'contribution-waived': z.object({ memberId: uuid, associationId: id, year, reason }).strict(),
  'contribution-amount-set': z.object({ associationId: id, year, amountCents: cents }).strict(),
  'referral-recorded': z
    .object({ memberId: uuid, locationId: id, source: z.enum(referralSources), date: localDate })
    .strict(),
  /**
   * A partner's referral entered before the person comes. Carries no person: the name, phone and
   * note stay in the laptop's referral record (src/app/db/referral-records.ts), never in a fact.
   */
  'referral-made': z
    .object({
      referralId: uuid,
      locationId: id,
      source: z.enum(referralSources),
      date: localDate,
    })
    .strict(),
  /** The referred person came: the referral now belongs to this member. */
  'referral-linked': z.object({ referralId: uuid, memberId: uuid }).strict(),
  /** After how many weeks an unarrived referral counts as no-show (coordinator; default 6). */
  'referral-period-set': z.object({ weeks: z.number().int().min(1).max(52) }).strict(),
  'role-period-set': z
    .object({
      memberId: uuid,
      locationId: id,
      role: z.enum(roleKinds),
      from: localDate,
      to: localDate.nullable(),
    })
    .strict(),
  'cash-counted': z
    .object({
      locationId: id,
      date: localDate,
      countedCents: cents,
      recordedCents: cents,
      reason: z.string().max(500),
    })
    .strict(),
  /** A role PIN as a salted slow hash (PBKDF2-SHA-256); the PIN itself never leaves the laptop. */
  'role-pin-set': z
    .object({
      role: z.enum(['treasurer', 'coordinator']),
      algorithm: z.literal('PBKDF2-SHA-256'),
      iterations: z.number().int().min(100_000).max(10_000_000),
      salt: z.string().regex(/^[A-Za-z0-9+/]{16,88}={0,2}$/),
      hash: z.string().regex(/^[A-Za-z0-9+/]{32,88}={0,2}$/),
      /**
       * The role key (docs/security.md): ECDSA P-256 public point (raw, base64) the server learns
       * from this fact, and its private scalar AES-GCM-wrapped with a key from the same PBKDF2.
       */
      publicKey: z
        .string()
        .regex(/^[A-Za-z0-9+/]{87}=$/)
        .optional(),
      wrappedKey: z
        .string()
        .regex(/^[A-Za-z0-9+/]{64}$/)
        .optional(),
      iv: z
        .string()
        .regex(/^[A-Za-z0-9+/]{16}$/)
        .optional(),
    })
    .strict(),
  /** The treasurer looked at payments that seemed recorded twice and kept them all. */
  'duplicate-payments-kept': z.object({ paymentEventIds: z.array(uuid).min(2).max(20) }).strict(),
  'service-defined': z
    .object({
      serviceId: id,
      locationId: id,
      kind: z.enum(['service', 'activity']),
      name: z.object({ nl: z.string().min(1).max(100), en: z.string().min(1).max(100) }).strict(),
    })
    .strict(),
  'service-retired': z.object({ serviceId: id }).strict(),
  'target-set': z
    .object({ indicator: id, locationId: id, year, value: z.number().int().min(0).max(1_000_000) })
    .strict(),
  /** A correction: the target fact no longer counts. Undo of a service tap is one as well. */
  'event-voided': z.object({ targetEventId: uuid, reason }).strict(),
} as const;

export type EventType = keyof typeof dataSchemas;
export const EVENT_TYPES = Object.keys(dataSchemas) as EventType[];

export type EventData<T extends EventType> = z.infer<(typeof dataSchemas)[T]>;

type Envelope = {
  eventId: string;
  v: number;
  /** When it happened, ISO 8601 UTC, by the recording device's clock. */
  at: string;
  /** Hybrid logical clock stamp; orders field edits and ties. */
  hlc: string;
  deviceId: string;
  /** The location of the desk that recorded it. */
  locationId: string;
  /** Which role made it: 'desk', 'treasurer', 'coordinator' or 'server'. */
  role?: RoleName;
  /** A role fact's signature by the role key (docs/security.md); the server verifies it. */
  proof?: RoleProof;
};

export type RoleProof = { role: 'treasurer' | 'coordinator'; keyId: string; sig: string };

export type RoleName = 'desk' | 'treasurer' | 'coordinator' | 'server';

export type BuurtpasEvent = {
  [T in EventType]: Envelope & { type: T; data: EventData<T> };
}[EventType];

export type EventOf<T extends EventType> = Extract<BuurtpasEvent, { type: T }>;

const envelopeShape = {
  eventId: uuid,
  v: z.number().int().min(1).max(PAYLOAD_VERSION),
  at: z.iso.datetime({ offset: false }),
  hlc: z.string().regex(/^\d{15}-\d{6}-[A-Za-z0-9_-]{1,64}$/),
  deviceId: id,
  locationId: id,
  role: z.enum(['desk', 'treasurer', 'coordinator', 'server']).optional(),
  proof: z
    .object({
      role: z.enum(['treasurer', 'coordinator']),
      keyId: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
      sig: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
    })
    .strict()
    .optional(),
};

export const eventSchema = z.discriminatedUnion(
  'type',
  EVENT_TYPES.map((type) =>
    z.object({ ...envelopeShape, type: z.literal(type), data: dataSchemas[type] }).strict(),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
) as unknown as z.ZodType<BuurtpasEvent>;

/** Only the envelope: used to answer per event even when the payload is unreadable. */
export const envelopeSchema = z.object({ eventId: uuid }).loose();

export type ParseEventResult =
  { ok: true; event: BuurtpasEvent } | { ok: false; code: 'event-invalid'; detail: string };

export function parseEvent(input: unknown): ParseEventResult {
  const upcast = upcastEvent(input);
  const result = eventSchema.safeParse(upcast);
  if (result.success) return { ok: true, event: result.data };
  const first = result.error.issues[0];
  return {
    ok: false,
    code: 'event-invalid',
    detail: first ? `${first.path.join('.')}: ${first.message}` : 'invalid',
  };
}

/**
 * Old payload versions read as the current one. Version 1 is the first; when version 2 changes
 * a payload, its step goes here and `PAYLOAD_VERSION` goes up.
 */
export function upcastEvent(input: unknown): unknown {
  return input;
}
