/**
 * The edge of a push: every raw event is parsed once (zod, with upcasting), checked against the
 * pushing device and has its HLC clamped. What cannot be stored as a fact becomes a quarantine
 * entry, answered per event, so one bad event never blocks the ones behind it.
 */
import {
  envelopeSchema,
  EVENT_TYPES,
  parseEvent,
  type BuurtpasEvent,
} from '../../domain/events.ts';
import { clampHlc } from '../../domain/hlc.ts';
import type { IncomingEvent } from '../storage/storage.ts';

export type PrepareOptions = {
  deviceId: string;
  nowMs: number;
  maxClockSkewMs: number;
};

const KNOWN_TYPES = new Set<string>(EVENT_TYPES);
const MAX_RAW_CHARS = 16_384;

function eventIdOf(raw: unknown): string {
  const envelope = envelopeSchema.safeParse(raw);
  if (envelope.success) return envelope.data.eventId;
  const maybe = (raw as { eventId?: unknown } | null)?.eventId;
  return typeof maybe === 'string' ? maybe.slice(0, 64) : '';
}

function stringifyRaw(raw: unknown): string {
  const text = JSON.stringify(raw) ?? 'null';
  return text.length > MAX_RAW_CHARS ? text.slice(0, MAX_RAW_CHARS) : text;
}

export function prepareIncomingEvent(raw: unknown, options: PrepareOptions): IncomingEvent {
  const parsed = parseEvent(raw);
  if (!parsed.ok) {
    const type = (raw as { type?: unknown } | null)?.type;
    const reason =
      typeof type === 'string' && !KNOWN_TYPES.has(type) ? 'type-unknown' : 'event-invalid';
    return {
      kind: 'invalid',
      eventId: eventIdOf(raw),
      reason,
      detail: parsed.detail,
      raw: stringifyRaw(raw),
    };
  }
  const event = parsed.event;
  if (event.deviceId !== options.deviceId) {
    return {
      kind: 'invalid',
      eventId: event.eventId,
      reason: 'device-mismatch',
      detail: `event deviceId ${event.deviceId} pushed by ${options.deviceId}`,
      raw: stringifyRaw(raw),
    };
  }
  return { kind: 'valid', event: clampEventHlc(event, options.nowMs, options.maxClockSkewMs) };
}

/** A laptop clock far ahead would win every field edit until the real time caught up. */
export function clampEventHlc(
  event: BuurtpasEvent,
  nowMs: number,
  maxClockSkewMs: number,
): BuurtpasEvent {
  const hlc = clampHlc(event.hlc, nowMs, maxClockSkewMs);
  return hlc === event.hlc ? event : { ...event, hlc };
}

export function prepareIncomingEvents(
  raws: readonly unknown[],
  options: PrepareOptions,
): IncomingEvent[] {
  return raws.map((raw) => prepareIncomingEvent(raw, options));
}
