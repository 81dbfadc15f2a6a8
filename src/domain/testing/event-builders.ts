/**
 * Builders for tests: facts with readable defaults. `at` is an Amsterdam-agnostic ISO instant;
 * ids are deterministic from a counter so a failing property test prints stable events.
 */
import { formatHlc } from '../hlc.ts';
import { PAYLOAD_VERSION, type BuurtpasEvent, type EventData, type EventType } from '../events.ts';

let counter = 0;

/** A UUID-shaped id from a number, sortable by that number. */
export function testId(n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `00000000-0000-7000-8000-${hex}`;
}

export function nextTestId(): string {
  return testId(++counter);
}

export type EventOptions = {
  at?: string;
  deviceId?: string;
  locationId?: string;
  eventId?: string;
  hlcCounter?: number;
  role?: BuurtpasEvent['role'];
};

export function anEvent<T extends EventType>(
  type: T,
  data: EventData<T>,
  options: EventOptions = {},
): Extract<BuurtpasEvent, { type: T }> {
  const at = options.at ?? '2026-03-02T10:00:00.000Z';
  const deviceId = options.deviceId ?? 'dtest';
  return {
    eventId: options.eventId ?? nextTestId(),
    v: PAYLOAD_VERSION,
    type,
    at,
    hlc: formatHlc({ wallMs: Date.parse(at), counter: options.hlcCounter ?? 0 }, deviceId),
    deviceId,
    locationId: options.locationId ?? 'cjm',
    role: options.role ?? 'desk',
    data,
  } as unknown as Extract<BuurtpasEvent, { type: T }>;
}
