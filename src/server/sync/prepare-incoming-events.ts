/**
 * The edge of a push: every raw event is parsed once (zod, with upcasting), checked against the
 * pushing device (its id, its clock suffix, its location and its role proofs:
 * src/domain/write-authority.ts) and has its HLC and `at` clamped. What cannot be stored as a
 * fact becomes a quarantine entry, answered per event, so one bad event never blocks the ones
 * behind it. Nothing here may throw on any input: a throw would be a 500 and lose the batch.
 */
import { hash } from 'node:crypto';
import {
  envelopeSchema,
  EVENT_TYPES,
  parseEvent,
  type BuurtpasEvent,
} from '../../domain/events.ts';
import { clampEventClock } from '../../domain/clock-clamp.ts';
import { formatHlc } from '../../domain/hlc.ts';
import { parseHotEvent } from '../../domain/protocol-hot-event.ts';
import {
  canonicalEventText,
  decideWriteAuthority,
  type WriterDevice,
} from '../../domain/write-authority.ts';
import { importRolePublicKey, keyIdOf, type RoleKeyRing } from '../auth/role-proof.ts';
import type { IncomingEvent, RoleKeyRecord } from '../storage/storage.ts';

export type PrepareOptions = {
  deviceId: string;
  nowMs: number;
  maxClockSkewMs: number;
  /**
   * The pushing device and what the server knows for judging its writes. The push route always
   * passes it; storage-level tests that only need parsing leave it out.
   */
  authority?: {
    device: WriterDevice;
    keyRing: RoleKeyRing;
    /** Devices of the events this batch voids, as stored (from storage.findEventDevices). */
    eventDevices: ReadonlyMap<string, string>;
  };
};

const KNOWN_TYPES = new Set<string>(EVENT_TYPES);
const MAX_RAW_CHARS = 16_384;

/** PostgreSQL text cannot hold NUL; a detail or id quoted from input must not carry one. */
function storableText(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  return text.slice(0, max).replace(/\u0000/g, '\uFFFD');
}

function eventIdOf(raw: unknown): string {
  const envelope = envelopeSchema.safeParse(raw);
  if (envelope.success) return envelope.data.eventId;
  const maybe =
    typeof raw === 'object' && raw !== null ? (raw as { eventId?: unknown }).eventId : undefined;
  return typeof maybe === 'string' ? storableText(maybe, 64) : '';
}

function stringifyRaw(raw: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(raw) ?? 'null';
  } catch {
    // Nesting deep enough to overflow the stack (a 9 kB body can do it): keep a marker only.
    return '{"unstorable":"nesting-too-deep"}';
  }
  return text.length > MAX_RAW_CHARS ? text.slice(0, MAX_RAW_CHARS) : text;
}

function typeOf(raw: unknown): unknown {
  return typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
}

function refuse(
  raw: unknown,
  eventId: string,
  reason: Extract<IncomingEvent, { kind: 'invalid' }>['reason'],
  detail: string,
): IncomingEvent {
  return {
    kind: 'invalid',
    eventId,
    reason,
    detail: storableText(detail, 500),
    raw: stringifyRaw(raw),
  };
}

/** Where an HLC stamp's device id starts (hlc.ts: 15 digits, '-', 6 digits, '-'). */
const HLC_DEVICE_START = formatHlc({ wallMs: 0, counter: 0 }, '').length;

/** `parseHlc(hlc).deviceId === deviceId` without parsing the stamp's numbers into an object. */
function isStampOf(hlc: string, deviceId: string): boolean {
  return hlc.length === HLC_DEVICE_START + deviceId.length && hlc.endsWith(deviceId);
}

/** A parsed event is a few levels deep at most (the schemas are strict), so recursion is safe. */
function hasNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (typeof value !== 'object' || value === null) return false;
  for (const key in value) if (hasNul((value as Record<string, unknown>)[key])) return true;
  return false;
}

/** `canonicalText` is there when the hot path parsed the fact: then no string in it holds a NUL. */
type Parsed =
  { ok: true; event: BuurtpasEvent; canonicalText?: string } | { ok: false; detail: string };

/**
 * The hot facts through `parseHotEvent` (same verdict and object as zod, and their canonical
 * text on the way); everything else, and every refusal, through zod.
 */
function parseSafely(raw: unknown): Parsed {
  try {
    return parseHotEvent(raw) ?? parseEvent(raw);
  } catch (error) {
    return { ok: false, detail: `unreadable: ${String(error)}` };
  }
}

export function prepareIncomingEvent(
  raw: unknown,
  options: PrepareOptions,
  batchDevices: Map<string, string> = new Map(),
): IncomingEvent {
  const parsed = parseSafely(raw);
  if (!parsed.ok) {
    const type = typeOf(raw);
    const reason =
      typeof type === 'string' && !KNOWN_TYPES.has(type) ? 'type-unknown' : 'event-invalid';
    return refuse(raw, eventIdOf(raw), reason, parsed.detail);
  }
  const event = parsed.event;
  if (event.deviceId !== options.deviceId)
    return refuse(
      raw,
      event.eventId,
      'device-mismatch',
      `event deviceId ${event.deviceId} pushed by ${options.deviceId}`,
    );
  if (!isStampOf(event.hlc, event.deviceId))
    return refuse(raw, event.eventId, 'clock-device-mismatch', 'hlc names another device');
  if (parsed.canonicalText === undefined && hasNul(event))
    return refuse(raw, event.eventId, 'event-invalid', 'NUL character in a text field');

  let registersKey: RoleKeyRecord | undefined;
  if (event.type === 'role-pin-set' && event.data.publicKey !== undefined) {
    if (!importRolePublicKey(event.data.publicKey))
      return refuse(raw, event.eventId, 'event-invalid', 'publicKey is not a P-256 point');
    registersKey = {
      keyId: keyIdOf(event.data.publicKey),
      role: event.data.role,
      publicKey: event.data.publicKey,
      createdAt: new Date(options.nowMs).toISOString(),
    };
  }

  const authority = options.authority;
  if (authority) {
    const proof = authority.keyRing.check(event);
    const targetDeviceId =
      event.type === 'event-voided'
        ? (authority.eventDevices.get(event.data.targetEventId) ??
          batchDevices.get(event.data.targetEventId))
        : undefined;
    const verdict = decideWriteAuthority(event, authority.device, {
      provenRole: proof.kind === 'proven' ? proof.role : null,
      proofFailed: proof.kind === 'failed',
      targetDeviceId,
    });
    if (!verdict.ok) {
      const detail = proof.kind === 'failed' ? proof.detail : verdict.detail;
      return refuse(raw, event.eventId, verdict.reason, detail);
    }
  }
  batchDevices.set(event.eventId, event.deviceId);
  if (registersKey) authority?.keyRing.add(registersKey);
  const clamped = clampEventClock(event, options.nowMs, options.maxClockSkewMs);
  // One-shot `crypto.hash`: a `createHash` object per event cost more than the digest itself.
  const contentHash = hash('sha256', parsed.canonicalText ?? canonicalEventText(event), 'hex');
  // One literal, not a spread of `{}` for the rare key: an object fewer per fact.
  return registersKey
    ? { kind: 'valid', event: clamped, contentHash, registersKey }
    : { kind: 'valid', event: clamped, contentHash };
}

export function prepareIncomingEvents(
  raws: readonly unknown[],
  options: PrepareOptions,
): IncomingEvent[] {
  const batchDevices = new Map<string, string>();
  return raws.map((raw) => prepareIncomingEvent(raw, options, batchDevices));
}

/** The stored events a batch voids: the route asks storage who wrote them. */
export function collectVoidTargets(raws: readonly unknown[]): string[] {
  const ids: string[] = [];
  for (const raw of raws) {
    if (typeOf(raw) !== 'event-voided') continue;
    const data = (raw as { data?: unknown }).data;
    const target =
      typeof data === 'object' && data !== null
        ? (data as { targetEventId?: unknown }).targetEventId
        : undefined;
    if (typeof target === 'string' && /^[0-9a-f-]{36}$/.test(target)) ids.push(target);
  }
  return ids;
}
