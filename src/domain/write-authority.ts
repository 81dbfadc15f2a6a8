/**
 * Who may write which fact: the server's gatekeeping rule (as CouchDB's `validate_doc_update`),
 * pure, so it can be read and tested on its own. The server calls it for every pushed event after
 * parsing it and after checking any role proof (the signature check needs crypto and lives in
 * src/server/auth/role-proof.ts); the laptop may call it to warn before it writes.
 *
 * The model (docs/security.md):
 * - A **desk device** writes location-bound facts only for its own location (and payments and
 *   memberships only for its own location's association), and stamps its own location on every
 *   fact. Member-level facts without a location (profile edits, passes) are open to every desk.
 * - **Role facts** (erasure, merge, PINs, amounts, waivers, voids of another device's facts, role
 *   periods, services, targets, deregistration) need a verified proof of the role. A coordinator
 *   proof also counts where a treasurer proof is asked. A verified proof lifts the location scope
 *   for that event: the treasurer and the coordinator work for every location.
 * - A **coordinator device** (enrolled with a coordinator code by the server admin) is trusted as
 *   the coordinator: its token is the proof.
 */
import { findLocation } from './catalog.ts';
import type { BuurtpasEvent, EventType } from './events.ts';
import type { GatedRole } from './role-pin.ts';

export type WriterDevice = { role: 'desk' | 'coordinator'; locationId: string; deviceId: string };

/** Facts that need a role, and the least role that may write them. */
export const ROLE_FACTS: Partial<Record<EventType, GatedRole>> = {
  'member-erased': 'coordinator',
  'members-merged': 'coordinator',
  'role-pin-set': 'coordinator',
  'role-period-set': 'coordinator',
  'service-defined': 'coordinator',
  'service-retired': 'coordinator',
  'target-set': 'coordinator',
  'referral-period-set': 'coordinator',
  'client-deregistered': 'coordinator',
  'contribution-amount-set': 'treasurer',
  'contribution-waived': 'treasurer',
  'duplicate-payments-kept': 'treasurer',
};

export type WriteRefusal =
  'location-forbidden' | 'role-proof-required' | 'role-proof-invalid' | 'role-forbidden';

export type WriteVerdict = { ok: true } | { ok: false; reason: WriteRefusal; detail: string };

export type WriteContext = {
  /** The role whose proof on this event the server verified; null when there is none. */
  provenRole: GatedRole | null;
  /** A proof was attached but did not verify (unknown key, bad signature, revoked key). */
  proofFailed: boolean;
  /** For `event-voided`: which device wrote the target fact, when the server holds it. */
  targetDeviceId?: string | undefined;
};

function satisfies(proven: GatedRole | null, needed: GatedRole): boolean {
  if (proven === null) return false;
  return proven === 'coordinator' || proven === needed;
}

/** The least role an event needs, or null for a fact every desk may write (within its location). */
export function requiredRoleOf(
  event: BuurtpasEvent,
  targetDeviceId: string | undefined,
): GatedRole | null {
  if (event.type === 'role-pin-set') {
    // Changing one's own PIN needs one's own proof; setting another role's PIN the coordinator's.
    return event.data.role === 'treasurer' ? 'treasurer' : 'coordinator';
  }
  if (event.type === 'event-voided') {
    // Undoing one's own tap is desk work; voiding another device's fact is the treasurer's.
    return targetDeviceId === event.deviceId ? null : 'treasurer';
  }
  return ROLE_FACTS[event.type] ?? null;
}

/** The one yes (read-only): a push asks for each of its facts. */
const ALLOWED: WriteVerdict = Object.freeze({ ok: true });

export function decideWriteAuthority(
  event: BuurtpasEvent,
  device: WriterDevice,
  context: WriteContext,
): WriteVerdict {
  if (context.proofFailed)
    return { ok: false, reason: 'role-proof-invalid', detail: 'the role proof does not verify' };
  if (device.role === 'coordinator') return ALLOWED;
  const needed = requiredRoleOf(event, context.targetDeviceId);
  if (needed !== null && !satisfies(context.provenRole, needed)) {
    return {
      ok: false,
      reason: context.provenRole === null ? 'role-proof-required' : 'role-forbidden',
      detail: `${event.type} needs the ${needed} role`,
    };
  }
  // A verified role works for every location; a plain desk only for its own.
  if (context.provenRole !== null) return ALLOWED;
  if (event.locationId !== device.locationId)
    return {
      ok: false,
      reason: 'location-forbidden',
      detail: `stamped ${event.locationId}, device is at ${device.locationId}`,
    };
  // The location or association the fact is bound to, read in place: every fact of a push
  // passes here, and an object per fact was garbage the push's scavenges had to walk past.
  const data = event.data as { locationId?: unknown; associationId?: unknown };
  const boundLocation = data.locationId;
  if (typeof boundLocation === 'string' && boundLocation !== device.locationId)
    return {
      ok: false,
      reason: 'location-forbidden',
      detail: `${event.type} for ${boundLocation}, device is at ${device.locationId}`,
    };
  const boundAssociation = data.associationId;
  if (typeof boundAssociation === 'string') {
    const own = findLocation(device.locationId)?.associationId;
    if (boundAssociation !== own)
      return {
        ok: false,
        reason: 'location-forbidden',
        detail: `${event.type} for ${boundAssociation}, device is at ${device.locationId}`,
      };
  }
  return ALLOWED;
}

/**
 * The bytes a role proof signs: the event without its `proof`, as JSON with keys sorted at every
 * level, so the laptop and the server agree whatever order the keys travelled in.
 */
export function canonicalEventText(event: BuurtpasEvent): string {
  const { proof: _proof, ...body } = event as BuurtpasEvent & { proof?: unknown };
  return canonicalJson(body);
}

/**
 * Keys sorted, `undefined` members left out, no spaces. Built by appending (the server hashes
 * every pushed fact with it; the arrays of map/filter/join cost more than the text).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const k of keys) {
    const v = record[k];
    if (v === undefined) continue;
    out += (out.length > 1 ? ',' : '') + JSON.stringify(k) + ':' + canonicalJson(v);
  }
  return `${out}}`;
}
