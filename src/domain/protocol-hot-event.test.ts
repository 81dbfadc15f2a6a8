import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, parseEvent } from './events.ts';
import { parseHotEvent } from './protocol-hot-event.ts';
import { canonicalEventText } from './write-authority.ts';

const HOT_TYPES = [
  'client-registered',
  'visit-recorded',
  'service-used',
  'walk-in-counted',
  'pass-issued',
  'membership-started',
  'payment-recorded',
  'member-profile-set',
] as const;

const uuidA = '019a2b3c-4d5e-7f60-8a9b-0c1d2e3f4a5b';
const uuidB = '01890000-0000-7000-8000-000000000001';

/** Values near every rule's edge, valid and not, for any field of any shape. */
const tricky: unknown[] = [
  uuidA,
  uuidA.toUpperCase(),
  `${uuidA} `,
  uuidA.slice(1),
  '',
  ' ',
  'cjm',
  'cjm:kookclub',
  'a'.repeat(64),
  'a'.repeat(65),
  'a'.repeat(10),
  'a'.repeat(11),
  'a'.repeat(40),
  'a'.repeat(41),
  'a'.repeat(200),
  'a'.repeat(201),
  'bad id',
  'x\u0000y',
  'Ama "de" \\ Vries\n\u00e9\u{1f600}',
  '2026-03-10',
  '2024-02-29',
  '2026-02-29',
  '2026-13-01',
  '1899-12-31',
  '2026-3-10',
  '2026-03-10T10:00:00.000Z',
  '2026-03-10T10:00:00Z',
  '2026-03-10T10:00Z',
  '2026-03-10T24:00:00.000Z',
  '2026-03-10T10:00:00.123456789Z',
  '2026-03-10T10:00:00.000+01:00',
  '2026-03-10T10:00:00.000',
  '2026-02-30T10:00:00.000Z',
  '001773136800000-000001-desk-1',
  '001773136800000-000001-',
  '1773136800000-000001-desk-1',
  'cash',
  'bank',
  'pin',
  'import',
  'iDEAL',
  'desk',
  'treasurer',
  'coordinator',
  'server',
  'volunteer',
  0,
  -0,
  1,
  2,
  1.5,
  -1,
  250,
  1899,
  1900,
  1999,
  2000,
  2100,
  2101,
  1_000_000,
  1_000_001,
  -1_000_000,
  -1_000_001,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  '250',
  true,
  null,
  undefined,
  [],
  ['a'],
  {},
  { name: 'Ama' },
  { role: 'treasurer', keyId: 'k'.repeat(43), sig: `${'s'.repeat(86)}==` },
  { role: 'desk', keyId: 'k'.repeat(43), sig: `${'s'.repeat(86)}==` },
  { role: 'treasurer', keyId: 'k'.repeat(42), sig: `${'s'.repeat(86)}==` },
  { role: 'treasurer', keyId: 'k'.repeat(43), sig: `${'s'.repeat(86)}==`, x: 1 },
  ...HOT_TYPES,
  'member-erased',
  'no-such-type',
];

const anyTricky = fc.constantFrom(...tricky);
const anId = fc.constantFrom('cjm', 'multibron', 'cjm:kookclub', 'a'.repeat(64), 'x_y-z:1');
const aUuid = fc.constantFrom(uuidA, uuidB);
const aText = (max: number) => fc.string({ maxLength: max, unit: 'grapheme' });

const dataOf: Record<(typeof HOT_TYPES)[number], fc.Arbitrary<Record<string, unknown>>> = {
  'client-registered': fc.record({ memberId: aUuid, locationId: anId }),
  'visit-recorded': fc.record({ memberId: aUuid, locationId: anId }),
  'service-used': fc.record({ memberId: aUuid, locationId: anId, serviceId: anId }),
  'walk-in-counted': fc.record({ locationId: anId, serviceId: anId }),
  'pass-issued': fc.record({ memberId: aUuid, code: fc.string({ minLength: 1, maxLength: 64 }) }),
  'membership-started': fc.record({
    memberId: aUuid,
    associationId: anId,
    date: fc.constantFrom('2026-03-10', '2024-02-29', '1900-01-01', '2100-12-31'),
  }),
  'payment-recorded': fc.record({
    memberId: aUuid,
    associationId: anId,
    year: fc.integer({ min: 2000, max: 2100 }),
    amountCents: fc.integer({ min: -1_000_000, max: 1_000_000 }),
    method: fc.constantFrom('cash', 'bank', 'pin', 'import'),
  }),
  'member-profile-set': fc.record({
    memberId: aUuid,
    fields: fc.record(
      {
        name: aText(60),
        phone: fc.string({ maxLength: 40 }),
        postcode: fc.string({ maxLength: 10 }),
        birthYear: fc.option(fc.integer({ min: 1900, max: 2100 }), { nil: null }),
        consentDate: fc.constantFrom('', '2026-03-10'),
      },
      { requiredKeys: [] },
    ),
  }),
};

/** A valid hot fact, keys in a random order (the wire keeps whatever order the client sent). */
const aHotEvent = fc
  .constantFrom(...HOT_TYPES)
  .chain((type) =>
    fc.record(
      {
        eventId: aUuid,
        v: fc.constant(1),
        type: fc.constant(type),
        at: fc.constantFrom(
          '2026-03-10T10:00:00.000Z',
          '2026-03-10T10:00:00Z',
          '2024-02-29T23:59:59.999999Z',
        ),
        hlc: fc.constantFrom('001773136800000-000001-desk-1', '000000000000000-999999-d'),
        deviceId: fc.constantFrom('desk-1', 'd'),
        locationId: anId,
        role: fc.constantFrom('desk', 'treasurer', 'coordinator', 'server'),
        proof: fc.record({
          role: fc.constantFrom('treasurer', 'coordinator'),
          keyId: fc.constant('k'.repeat(43)),
          sig: fc.constant(`${'s'.repeat(86)}==`),
        }),
        data: dataOf[type],
      },
      { requiredKeys: ['eventId', 'v', 'type', 'at', 'hlc', 'deviceId', 'locationId', 'data'] },
    ),
  )
  .chain((event) =>
    fc
      .shuffledSubarray(Object.keys(event), { minLength: Object.keys(event).length })
      .map((keys) => Object.fromEntries(keys.map((k) => [k, event[k as keyof typeof event]]))),
  );

type Mutation = { path: string[]; value: unknown } | { path: string[]; drop: true };

/** Sets, replaces or drops one field anywhere in the fact (or adds one that does not belong). */
function mutate(event: Record<string, unknown>, mutation: Mutation): unknown {
  const copy = structuredClone(event);
  let target: Record<string, unknown> = copy;
  const path = mutation.path;
  for (const key of path.slice(0, -1)) {
    const next = target[key];
    if (typeof next !== 'object' || next === null) return copy;
    target = next as Record<string, unknown>;
  }
  const last = path[path.length - 1] as string;
  if ('drop' in mutation) delete target[last];
  else target[last] = mutation.value;
  return copy;
}

const fieldNames = [
  'eventId',
  'v',
  'type',
  'at',
  'hlc',
  'deviceId',
  'locationId',
  'role',
  'proof',
  'data',
  'extra',
];
const dataNames = [
  'memberId',
  'locationId',
  'serviceId',
  'code',
  'associationId',
  'date',
  'year',
  'amountCents',
  'method',
  'fields',
  'reason',
  'extra',
];
const profileNames = ['name', 'phone', 'postcode', 'birthYear', 'consentDate', 'extra'];

const aPath = fc.oneof(
  fc.constantFrom(...fieldNames).map((k) => [k]),
  fc.constantFrom(...dataNames).map((k) => ['data', k]),
  fc.constantFrom(...profileNames).map((k) => ['data', 'fields', k]),
  fc.constantFrom('role', 'keyId', 'sig', 'extra').map((k) => ['proof', k]),
);
const aMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ path: aPath, value: anyTricky }),
  fc.record({ path: aPath, drop: fc.constant(true as const) }),
);

/** The fast path's verdict must be zod's: same event (and key order) or "ask zod". */
function expectAgreesWithZod(input: unknown) {
  const zod = parseEvent(input);
  const fast = parseHotEvent(input);
  if (fast !== undefined) {
    expect(zod.ok).toBe(true);
    if (!zod.ok) return;
    expect(fast.event).toStrictEqual(zod.event);
    expect(JSON.stringify(fast.event)).toBe(JSON.stringify(zod.event));
    expect(fast.canonicalText).toBe(canonicalEventText(zod.event));
  }
  // What the push edge runs: the fast path, else zod.
  const combined = fast ?? zod;
  expect(combined.ok).toBe(zod.ok);
}

describe('parseHotEvent', () => {
  it('takes every valid hot fact, with zod’s object and the canonical text', () => {
    fc.assert(
      fc.property(aHotEvent, (event) => {
        // As the push route sees it: parsed JSON, plain objects only.
        const input: unknown = JSON.parse(JSON.stringify(event));
        expect(parseHotEvent(input)).toBeDefined();
        expectAgreesWithZod(input);
        // fast-check's own objects (some without a prototype): zod's verdict either way.
        expectAgreesWithZod(event);
      }),
      { numRuns: 3000 },
    );
  });

  it('writes the canonical text of a profile fact with no fields, and with one', () => {
    // fast-check rarely leaves every optional key out; the empty object has its own branch.
    const profileFact = (fields: object) => ({
      eventId: uuidA,
      v: 1,
      type: 'member-profile-set',
      at: '2026-03-10T10:00:00.000Z',
      hlc: '001773136800000-000001-desk-1',
      deviceId: 'desk-1',
      locationId: 'cjm',
      data: { memberId: uuidB, fields },
    });
    for (const fields of [{}, { name: 'Ama' }, { birthYear: null }])
      expectAgreesWithZod(profileFact(fields));
    expect(parseHotEvent(profileFact({}))).toBeDefined();
  });

  it('accepts exactly what zod accepts when any field is changed, dropped or added', () => {
    fc.assert(
      fc.property(
        aHotEvent,
        fc.array(aMutation, { minLength: 1, maxLength: 3 }),
        (event, mutations) => {
          let input: unknown = event;
          for (const m of mutations) input = mutate(input as Record<string, unknown>, m);
          expectAgreesWithZod(input);
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('leaves other types, non-objects and exotic objects to zod', () => {
    for (const input of [null, 1, 'x', [], Object.create(null), new Date()])
      expect(parseHotEvent(input)).toBeUndefined();
    const cold = EVENT_TYPES.filter((t) => !(HOT_TYPES as readonly string[]).includes(t));
    expect(cold.length).toBeGreaterThan(0);
    for (const type of cold)
      expect(
        parseHotEvent({
          eventId: uuidA,
          v: 1,
          type,
          at: '2026-03-10T10:00:00.000Z',
          hlc: '001773136800000-000001-desk-1',
          deviceId: 'desk-1',
          locationId: 'cjm',
          data: { memberId: uuidA },
        }),
      ).toBeUndefined();
  });

  it('leaves free text holding a NUL to zod, so the edge refuses it with its own detail', () => {
    const envelope = {
      eventId: uuidA,
      v: 1,
      at: '2026-03-10T10:00:00.000Z',
      hlc: '001773136800000-000001-desk-1',
      deviceId: 'desk-1',
      locationId: 'cjm',
    };
    const profile = { ...envelope, type: 'member-profile-set', data: { memberId: uuidB } };
    const pass = { ...envelope, type: 'pass-issued', data: { memberId: uuidB, code: 'P-1' } };
    expect(
      parseHotEvent({ ...profile, data: { ...profile.data, fields: { name: 'A' } } }),
    ).toBeDefined();
    expect(parseHotEvent(pass)).toBeDefined();
    for (const fields of [{ name: 'A\u0000' }, { phone: '\u0000' }, { postcode: '1\u00002' }])
      expect(parseHotEvent({ ...profile, data: { ...profile.data, fields } })).toBeUndefined();
    expect(parseHotEvent({ ...pass, data: { ...pass.data, code: 'P\u00001' } })).toBeUndefined();
  });

  it('refuses what zod refuses, so the refusal is always worded by zod', () => {
    const valid = {
      eventId: uuidA,
      v: 1,
      type: 'payment-recorded',
      at: '2026-03-10T10:00:00.000Z',
      hlc: '001773136800000-000001-desk-1',
      deviceId: 'desk-1',
      locationId: 'cjm',
      data: {
        memberId: uuidA,
        associationId: 'bv-cjm',
        year: 2026,
        amountCents: 250,
        method: 'cash',
      },
    };
    expect(parseHotEvent(valid)).toBeDefined();
    for (const bad of [
      { ...valid, at: '2026-02-30T10:00:00.000Z' },
      { ...valid, v: 2 },
      { ...valid, extra: 1 },
      { ...valid, data: { ...valid.data, method: 'iDEAL' } },
      { ...valid, data: { ...valid.data, amountCents: 1.5 } },
      { ...valid, data: { ...valid.data, year: 1999 } },
    ]) {
      expect(parseHotEvent(bad)).toBeUndefined();
      expect(parseEvent(bad).ok).toBe(false);
    }
  });
});
