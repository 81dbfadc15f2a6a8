/**
 * Builders for server tests and the benchmark: valid events with fresh UUIDv7 ids.
 */
import { randomBytes } from 'node:crypto';
import type { BuurtpasEvent, EventData, EventType } from '../../domain/events.ts';
import { formatHlc } from '../../domain/hlc.ts';
import { makeUuidV7 } from '../../domain/make-event-id.ts';

export type EventEnvelopeOverrides = {
  deviceId?: string;
  locationId?: string;
  at?: string;
  hlc?: string;
  eventId?: string;
};

let counter = 0;

export function makeTestId(nowMs = Date.now()): string {
  return makeUuidV7(nowMs, randomBytes(10));
}

export function anEvent<T extends EventType>(
  type: T,
  data: EventData<T>,
  overrides: EventEnvelopeOverrides = {},
): BuurtpasEvent {
  const deviceId = overrides.deviceId ?? 'desk-test-1';
  const at = overrides.at ?? '2026-03-10T10:00:00.000Z';
  const hlc =
    overrides.hlc ??
    formatHlc({ wallMs: Date.parse(at), counter: counter++ % 1_000_000 }, deviceId);
  return {
    eventId: overrides.eventId ?? makeTestId(),
    v: 1,
    type,
    at,
    hlc,
    deviceId,
    locationId: overrides.locationId ?? 'cjm',
    data,
  } as BuurtpasEvent;
}

/** One new member at a location: registered, member of its association, paid for a year. */
export function aMemberStory(
  memberId: string,
  options: {
    deviceId?: string;
    locationId?: string;
    year?: number;
    paidCents?: number;
    name?: string;
  } = {},
): BuurtpasEvent[] {
  const locationId = options.locationId ?? 'cjm';
  const year = options.year ?? 2026;
  const env = {
    deviceId: options.deviceId ?? 'desk-test-1',
    locationId,
    at: `${year}-03-10T10:00:00.000Z`,
  };
  const events: BuurtpasEvent[] = [
    anEvent('client-registered', { memberId, locationId }, env),
    anEvent('member-profile-set', { memberId, fields: { name: options.name ?? 'Ama Test' } }, env),
    anEvent(
      'membership-started',
      { memberId, associationId: `bv-${locationId}`, date: `${year}-03-10` },
      env,
    ),
  ];
  if (options.paidCents !== undefined) {
    events.push(
      anEvent(
        'payment-recorded',
        {
          memberId,
          associationId: `bv-${locationId}`,
          year,
          amountCents: options.paidCents,
          method: 'cash',
        },
        env,
      ),
    );
  }
  return events;
}
