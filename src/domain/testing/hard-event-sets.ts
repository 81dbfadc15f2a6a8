/**
 * A fast-check generator of small event sets holding every hard case of the projection:
 * registrations and deregistrations, erasure (also before the facts it ends), merge chains and
 * merges into erased people, pass issue / revoke / reissue and the same code to two people, voids
 * before their targets and of absent targets, waivers, amounts with equal stamps, services
 * retired before they are defined, profile edits with equal stamps. Used by the property tests of
 * the projection on every replica (domain, laptop, server) and by the simulation.
 */
import fc from 'fast-check';
import { formatHlc } from '../hlc.ts';
import { PAYLOAD_VERSION, type BuurtpasEvent, type EventData, type EventType } from '../events.ts';
import { testId } from './event-builders.ts';

const MEMBERS = [testId(0xa1), testId(0xa2), testId(0xa3), testId(0xa4)];
const LOCATIONS = ['cjm', 'multibron'] as const;
const ASSOCIATIONS = ['bv-cjm', 'bv-multibron'] as const;
const DEVICES = ['da', 'db'] as const;
/** Around a year end, so periods and aggregates cross years. */
const DAYS = ['2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02'];

type Op = {
  kind: number;
  m: number;
  m2: number;
  loc: number;
  day: number;
  minute: number;
  device: number;
  target: number;
  pick: number;
};

const opArb: fc.Arbitrary<Op> = fc.record({
  kind: fc.integer({ min: 0, max: 21 }),
  m: fc.integer({ min: 0, max: 3 }),
  m2: fc.integer({ min: 0, max: 3 }),
  loc: fc.integer({ min: 0, max: 1 }),
  day: fc.integer({ min: 0, max: 3 }),
  minute: fc.integer({ min: 0, max: 3 }),
  device: fc.integer({ min: 0, max: 1 }),
  target: fc.nat({ max: 40 }),
  pick: fc.integer({ min: 0, max: 2 }),
});

function build(ops: readonly Op[], idBase: number): BuurtpasEvent[] {
  const out: BuurtpasEvent[] = [];
  ops.forEach((op, i) => {
    const m = MEMBERS[op.m]!;
    const m2 = MEMBERS[op.m2]!;
    const locationId = LOCATIONS[op.loc]!;
    const associationId = ASSOCIATIONS[op.loc]!;
    const day = DAYS[op.day]!;
    const deviceId = DEVICES[op.device]!;
    // 22:30 UTC on 31-12 is already 1 January in Amsterdam: local days are exercised too.
    const at = `${day}T${op.minute === 3 ? '23' : '1' + op.minute}:${String(op.pick * 7).padStart(2, '0')}:00.000Z`;
    // Equal stamps happen on purpose (pick 0 on both devices' same minute): ties must be total.
    const hlc = formatHlc({ wallMs: Date.parse(at), counter: op.pick === 2 ? i : 0 }, deviceId);
    const make = <T extends EventType>(type: T, data: EventData<T>): BuurtpasEvent =>
      ({
        eventId: testId(idBase + i),
        v: PAYLOAD_VERSION,
        type,
        at,
        hlc,
        deviceId,
        locationId,
        role: 'coordinator',
        data,
      }) as unknown as BuurtpasEvent;
    const code = `P${op.m2 % 2}`;
    const target = (): string =>
      op.target < ops.length && op.target !== i
        ? testId(idBase + op.target)
        : testId(0xdead + op.target);
    switch (op.kind) {
      case 0:
      case 1:
        out.push(make('client-registered', { memberId: m, locationId }));
        break;
      case 2:
        out.push(make('client-deregistered', { memberId: m, locationId, reason: 'weg' }));
        break;
      case 3:
        out.push(make('membership-started', { memberId: m, associationId, date: day }));
        break;
      case 4:
        out.push(
          make('membership-ended', { memberId: m, associationId, date: day, reason: 'weg' }),
        );
        break;
      case 5:
        out.push(
          make('member-profile-set', {
            memberId: m,
            fields:
              op.pick === 0 ? { name: `N${op.m2}`, phone: '' } : { phone: ' ', name: `Q${op.loc}` },
          }),
        );
        break;
      case 6:
        out.push(make('member-erased', { memberId: m }));
        break;
      case 7:
      case 8:
        if (m !== m2) out.push(make('members-merged', { fromMemberId: m, intoMemberId: m2 }));
        break;
      case 9:
        out.push(make('pass-issued', { memberId: m, code }));
        break;
      case 10:
        out.push(make('pass-revoked', { memberId: m, code, reason: 'kwijt' }));
        break;
      case 11:
        out.push(make('visit-recorded', { memberId: m, locationId }));
        break;
      case 12:
        out.push(
          make('service-used', { memberId: m, locationId, serviceId: `${locationId}:s${op.pick}` }),
        );
        break;
      case 13:
        out.push(make('walk-in-counted', { locationId, serviceId: `${locationId}:s${op.pick}` }));
        break;
      case 14:
      case 15:
        out.push(
          make('payment-recorded', {
            memberId: m,
            associationId,
            year: 2026,
            amountCents: 125 * (op.pick + 1),
            method: op.pick === 1 ? 'bank' : 'cash',
          }),
        );
        break;
      case 16:
        out.push(
          make('contribution-waived', { memberId: m, associationId, year: 2026, reason: 'minima' }),
        );
        break;
      case 17:
        out.push(
          make('contribution-amount-set', {
            associationId,
            year: 2026,
            amountCents: 200 + op.pick * 50,
          }),
        );
        break;
      case 18:
        out.push(
          make('service-defined', {
            serviceId: `${locationId}:s${op.pick}`,
            locationId,
            kind: 'service',
            name: { nl: `S${op.m}`, en: `S${op.m}` },
          }),
        );
        break;
      case 19:
        out.push(make('service-retired', { serviceId: `${locationId}:s${op.pick}` }));
        break;
      default:
        out.push(make('event-voided', { targetEventId: target(), reason: 'fout' }));
        break;
    }
  });
  return out;
}

/** A set of distinct facts (each eventId once). */
export const hardEventSetArb = (maxLength = 24): fc.Arbitrary<BuurtpasEvent[]> =>
  fc.array(opArb, { minLength: 1, maxLength }).map((ops) => build(ops, 0x1000));

/**
 * The same set as it may arrive at a replica: shuffled, with some facts sent twice, cut into
 * batches. Returns the batches.
 */
export const arrivalArb = (events: readonly BuurtpasEvent[]): fc.Arbitrary<BuurtpasEvent[][]> =>
  fc
    .tuple(
      fc.shuffledSubarray([...events], { minLength: events.length, maxLength: events.length }),
      fc.array(fc.nat({ max: Math.max(0, events.length - 1) }), { maxLength: 4 }),
      fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 12 }),
    )
    .map(([order, dupIdx, sizes]) => {
      const withDups = [...order];
      for (const d of dupIdx)
        if (events[d]) withDups.splice(d % (withDups.length + 1), 0, events[d]);
      const batches: BuurtpasEvent[][] = [];
      let i = 0;
      let s = 0;
      while (i < withDups.length) {
        const size = sizes[s++ % sizes.length]!;
        batches.push(withDups.slice(i, i + size));
        i += size;
      }
      return batches;
    });
