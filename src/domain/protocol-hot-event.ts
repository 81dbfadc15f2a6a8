/**
 * The push edge's fast path for the facts a desk sends all day (registrations, profiles,
 * memberships, passes, payments, visits, services, walk-ins). zod (events.ts, jitless: no
 * generated code under our CSP) builds a result object, issue lists and a per-key frame for every
 * field, about 3 µs a fact; these plain checks take a fraction of it and write the canonical text
 * (`canonicalEventText`, what the server hashes) in the same pass.
 *
 * It only ever says yes or "ask zod": whatever it does not recognise exactly (another type, a key
 * too many, a wrong value, an unusual object) returns undefined and the caller parses with
 * `parseEvent`, so every refusal and its wording stay zod's. What it accepts zod accepts too, with
 * the same object, keys in the schema's order (protocol-hot-event.test.ts proves both on valid and
 * mutated facts). A rule changed in events.ts must change here as well; the test fails otherwise.
 */
import { isCalendarDate, upcastEvent, type BuurtpasEvent } from './events.ts';
import { PAYLOAD_VERSION, recordedPaymentMethods } from './event-facts.ts';
import { z } from './jitless-zod.ts';

/** A valid hot fact, its canonical text, and no NUL in any of its strings (those go to zod). */
export type HotEvent = { ok: true; event: BuurtpasEvent; canonicalText: string };

type Rec = Record<string, unknown>;

const ID = /^[A-Za-z0-9:_-]+$/;
const HLC = /^\d{15}-\d{6}-[A-Za-z0-9_-]{1,64}$/;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const KEY_ID = /^[A-Za-z0-9_-]{43}$/;
const SIG = /^[A-Za-z0-9+/]{86}==$/;
/**
 * zod's own pattern for `z.iso.datetime({ offset: false })`, built by the same call as events.ts
 * (should a zod version not expose it, nothing matches and every fact goes to zod).
 */
const AT = z.iso.datetime({ offset: false })._zod.def.pattern ?? /(?!)/;
const ROLES: ReadonlySet<unknown> = new Set(['desk', 'treasurer', 'coordinator', 'server']);
const PROOF_ROLES: ReadonlySet<unknown> = new Set(['treasurer', 'coordinator']);
const METHODS: ReadonlySet<unknown> = new Set(recordedPaymentMethods);

type Check = (value: unknown) => boolean;

/**
 * `^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$` (events.ts) by hand: as a regex
 * it was the edge's largest single cost (two ids a fact).
 */
const isUuid: Check = (v) => {
  if (typeof v !== 'string' || v.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = v.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45) return false; // '-'
    } else if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false; // 0-9 a-f
  }
  return true;
};
const isId: Check = (v) => typeof v === 'string' && v.length <= 64 && ID.test(v);
const isLocalDate: Check = (v) => typeof v === 'string' && LOCAL_DATE.test(v) && isCalendarDate(v);
const isIntIn = (min: number, max: number): Check => {
  return (v) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
};
const isYear = isIntIn(2000, 2100);
const isPayloadVersion = isIntIn(1, PAYLOAD_VERSION);
const isBirthYear = isIntIn(1900, 2100);
const isCents = isIntIn(-10_000_00, 10_000_00);
/** Free text: a NUL in it goes to zod, and the edge refuses it there (hasNul) with its own detail. */
const isShortString = (min: number, max: number): Check => {
  return (v) =>
    typeof v === 'string' && v.length >= min && v.length <= max && !v.includes('\u0000');
};

/** Plain JSON objects only: anything exotic goes to zod. */
function isPlainObject(value: unknown): value is Rec {
  return (
    typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype
  );
}

/** Every own key is one of `allowed` (the schemas are strict); returns how many, or -1. */
function countKnownKeys(value: Rec, allowed: ReadonlySet<string>): number {
  let n = 0;
  for (const key in value) {
    if (!Object.hasOwn(value, key) || !allowed.has(key)) return -1;
    n++;
  }
  return n;
}

/** A strict object whose keys are all required: [key, check] in the schema's order. */
type Shape = readonly (readonly [string, Check])[];

type DataSpec = {
  shape: Shape;
  keys: ReadonlySet<string>;
  /**
   * The keys in sorted order (canonical JSON sorts keys), each with its text `"key":` and whether
   * its check is a pattern that lets only characters JSON writes as they are (written between
   * quotes as they are, like every other checked string: ids, UUIDs, HLCs, instants, roles, types).
   */
  sorted: readonly (readonly [string, string, boolean])[];
};

/** Checks whose strings JSON writes as they are (letters, digits, `-:_` only). */
const isPlainText = (check: Check) => check === isUuid || check === isId || check === isLocalDate;

function specOf(shape: Shape): DataSpec {
  const names = shape.map(([k]) => k);
  const checkOf = new Map(shape);
  const sorted = [...names]
    .sort((a, b) => (a < b ? -1 : 1))
    .map((k) => [k, `${JSON.stringify(k)}:`, isPlainText(checkOf.get(k)!)] as const);
  return { shape, keys: new Set(names), sorted };
}

const HOT_DATA: ReadonlyMap<string, DataSpec> = new Map([
  [
    'client-registered',
    specOf([
      ['memberId', isUuid],
      ['locationId', isId],
    ]),
  ],
  [
    'visit-recorded',
    specOf([
      ['memberId', isUuid],
      ['locationId', isId],
    ]),
  ],
  [
    'service-used',
    specOf([
      ['memberId', isUuid],
      ['locationId', isId],
      ['serviceId', isId],
    ]),
  ],
  [
    'walk-in-counted',
    specOf([
      ['locationId', isId],
      ['serviceId', isId],
    ]),
  ],
  [
    'pass-issued',
    specOf([
      ['memberId', isUuid],
      ['code', isShortString(1, 64)],
    ]),
  ],
  [
    'membership-started',
    specOf([
      ['memberId', isUuid],
      ['associationId', isId],
      ['date', isLocalDate],
    ]),
  ],
  [
    'payment-recorded',
    specOf([
      ['memberId', isUuid],
      ['associationId', isId],
      ['year', isYear],
      ['amountCents', isCents],
      ['method', (v) => METHODS.has(v)],
    ]),
  ],
]);

/** member-profile-set's `fields`: strict, every key optional. */
const PROFILE = specOf([
  ['name', isShortString(0, 200)],
  ['phone', isShortString(0, 40)],
  ['postcode', isShortString(0, 10)],
  ['birthYear', (v) => v === null || isBirthYear(v)],
  ['consentDate', isShortString(0, 10)],
]);
const PROFILE_DATA_KEYS: ReadonlySet<string> = new Set(['memberId', 'fields']);

const ENVELOPE_KEYS: ReadonlySet<string> = new Set([
  'eventId',
  'v',
  'at',
  'hlc',
  'deviceId',
  'locationId',
  'role',
  'proof',
  'type',
  'data',
]);
const PROOF_KEYS: ReadonlySet<string> = new Set(['role', 'keyId', 'sig']);

/** A JSON value of the kinds the hot shapes hold: strings, finite numbers, null. */
function encodeLeaf(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/**
 * Copies a strict all-required object in shape order and adds its canonical text to `text`.
 * The canonical text is built as pieces joined once at the end: `+=` and template literals make a
 * cons string per step (about 40 a fact), which the hash then flattens; they were a fifth of the
 * bytes a push allocated (docs/server.md, round g14).
 */
function readData(value: unknown, spec: DataSpec, text: string[]): Rec | undefined {
  if (!isPlainObject(value) || countKnownKeys(value, spec.keys) !== spec.shape.length) return;
  const out: Rec = {};
  for (const [key, check] of spec.shape) {
    const v = value[key];
    if (!check(v)) return;
    out[key] = v;
  }
  let sep = '{';
  for (const [key, keyText, plain] of spec.sorted) {
    text.push(sep, keyText);
    if (plain) text.push('"', out[key] as string, '"');
    else text.push(encodeLeaf(out[key]));
    sep = ',';
  }
  text.push(sep === '{' ? '{}' : '}');
  return out;
}

function readProfileData(value: unknown, text: string[]): Rec | undefined {
  if (!isPlainObject(value) || countKnownKeys(value, PROFILE_DATA_KEYS) !== 2) return;
  const memberId = value.memberId;
  const fields = value.fields;
  if (!isUuid(memberId) || !isPlainObject(fields)) return;
  const present = countKnownKeys(fields, PROFILE.keys);
  if (present < 0) return;
  const outFields: Rec = {};
  let seen = 0;
  for (const [key, check] of PROFILE.shape) {
    if (!Object.hasOwn(fields, key)) continue;
    const v = fields[key];
    if (!check(v)) return;
    outFields[key] = v;
    seen++;
  }
  if (seen !== present) return;
  let sep = '{"fields":{';
  for (const [key, keyText] of PROFILE.sorted) {
    if (!Object.hasOwn(outFields, key)) continue;
    text.push(sep, keyText, encodeLeaf(outFields[key]));
    sep = ',';
  }
  text.push(sep === ',' ? '}' : '{"fields":{}', ',"memberId":"', memberId as string, '"}');
  return { memberId, fields: outFields };
}

function readProof(value: unknown): Rec | undefined {
  if (!isPlainObject(value) || countKnownKeys(value, PROOF_KEYS) !== 3) return;
  const { role, keyId, sig } = value;
  if (!PROOF_ROLES.has(role)) return;
  if (typeof keyId !== 'string' || !KEY_ID.test(keyId)) return;
  if (typeof sig !== 'string' || !SIG.test(sig)) return;
  return { role, keyId, sig };
}

/**
 * The parsed fact and its canonical text when `input` is a valid fact of a hot type; otherwise
 * undefined, and the caller asks `parseEvent` (which then decides, and words any refusal).
 */
export function parseHotEvent(input: unknown): HotEvent | undefined {
  const raw = upcastEvent(input);
  if (!isPlainObject(raw)) return;
  const type = raw.type;
  if (typeof type !== 'string') return;
  const spec = HOT_DATA.get(type);
  if (spec === undefined && type !== 'member-profile-set') return;
  const keyCount = countKnownKeys(raw, ENVELOPE_KEYS);
  const hasRole = Object.hasOwn(raw, 'role');
  const hasProof = Object.hasOwn(raw, 'proof');
  if (keyCount !== 8 + (hasRole ? 1 : 0) + (hasProof ? 1 : 0)) return;

  const { eventId, v, at, hlc, deviceId, locationId, role } = raw;
  if (!isUuid(eventId) || !isPayloadVersion(v)) return;
  if (typeof at !== 'string' || !AT.test(at)) return;
  if (typeof hlc !== 'string' || !HLC.test(hlc)) return;
  if (!isId(deviceId) || !isId(locationId)) return;
  if (hasRole && !ROLES.has(role)) return;
  const proof = hasProof ? readProof(raw.proof) : undefined;
  if (hasProof && proof === undefined) return;
  // canonicalEventText: keys sorted, the proof left out; the checked strings need no escaping.
  const text = ['{"at":"', at, '","data":'];
  const data =
    spec === undefined ? readProfileData(raw.data, text) : readData(raw.data, spec, text);
  if (data === undefined) return;
  text.push(',"deviceId":"', deviceId as string, '","eventId":"', eventId as string);
  text.push('","hlc":"', hlc, '","locationId":"', locationId as string);
  if (hasRole) text.push('","role":"', role as string);
  text.push('","type":"', type, '","v":', String(v), '}');

  // The desk's facts (a role, no proof) as one literal: adding keys one by one grew the object's
  // property store on the way.
  const event: Rec = hasRole
    ? proof === undefined
      ? { eventId, v, at, hlc, deviceId, locationId, role, type, data }
      : { eventId, v, at, hlc, deviceId, locationId, role, proof, type, data }
    : proof === undefined
      ? { eventId, v, at, hlc, deviceId, locationId, type, data }
      : { eventId, v, at, hlc, deviceId, locationId, proof, type, data };
  return { ok: true, event: event as BuurtpasEvent, canonicalText: text.join('') };
}
