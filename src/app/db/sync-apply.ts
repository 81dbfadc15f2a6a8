/**
 * The fast path for pulled pages: the very `storeAndApply` the desk uses, run against a
 * write-behind cache of the projection tables. Rows a page will touch are read with one
 * `bulkGet` per table up front; writes collect in memory (a day counter bumped 300 times in a
 * page is written once) and leave as one `bulkPut` per table at the end. Any other table call
 * (an index query, a delete) first sends the pending writes, so IndexedDB's in-order execution
 * within a transaction keeps every read consistent. Same code, same projections: the property
 * test in sync-apply.test.ts checks the result equals plain `storeAndApply` row for row.
 *
 * Must run inside a read-write transaction over all tables.
 *
 * Why every cache method returns a Dexie promise (never a plain `async` result): Dexie follows
 * its transaction across native `await`s by "zone echoes" that are re-armed only when a Dexie
 * promise is awaited (about 100 microtask hops each). A page answered mostly from memory awaited
 * hundreds of plain promises in a row; the echoes ran out, later table calls ran outside the
 * transaction (each in an implicit one of its own), the page's transaction found nothing pending
 * and committed, and the scope ended with PrematureCommitError (simulation seeds 2 and 3). So
 * cache hits resolve as `Dexie.Promise`, the real reads and writes go to the transaction's own
 * table objects (bound to it whatever the zone), and the end checks the zone is still ours.
 */
import Dexie, { type Transaction } from 'dexie';
import type { BuurtpasEvent } from '../../domain/events.ts';
import { memberIdOf } from '../../domain/event-facts.ts';
import { localDateOf } from '../../domain/amsterdam-time.ts';
import { amountKey, periodKey } from '../../domain/ledger.ts';
import { reportDeltaOf } from '../../domain/report/report-aggregates.ts';
import { visitDayKey } from '../../domain/visit-day.ts';
import { contributionKey, storeAndApply } from './apply-events.ts';
import type { BuurtpasDb, StoredEvent } from './database.ts';

type AnyTable = {
  name: string;
  schema: { primKey: { keyPath: string | string[] | null } };
  get(key: unknown): Promise<unknown>;
  bulkGet(keys: unknown[]): Promise<unknown[]>;
  bulkPut(rows: unknown[]): Promise<unknown>;
  bulkAdd(rows: unknown[]): Promise<unknown>;
  toArray(): Promise<unknown[]>;
};

/** The cached path is the default; `false` sends every page the plain way (kept for comparison). */
const USE_CACHED_APPLY = true;

const INTERCEPTED = new Set(['get', 'put', 'bulkGet', 'bulkPut', 'bulkAdd']);

/**
 * Types whose projection step only gets and puts by primary key. Erasures and waivers query an
 * index; a page holding one (rare) goes the plain way. A type added later is plain until listed.
 */
const CACHE_SAFE_TYPES = new Set<string>([
  'client-registered',
  'client-deregistered',
  'member-profile-set',
  'members-merged',
  'pass-issued',
  'pass-revoked',
  'membership-started',
  'membership-ended',
  'visit-recorded',
  'service-used',
  'walk-in-counted',
  'payment-recorded',
  'contribution-amount-set',
  'referral-recorded',
  'role-period-set',
  'cash-counted',
  'service-defined',
  'service-retired',
  'target-set',
  'event-voided',
]);

/** The cache was asked for something it cannot serve (an index query, e.g. a merge into an erased member). */
class NeedsPlainPath extends Error {}

class CachedTable {
  readonly rows = new Map<unknown, unknown>();
  readonly dirty = new Set<unknown>();
  /** Every row of the table is in `rows`: a key not there does not exist. */
  complete = false;
  readonly real: AnyTable;
  readonly keyPath: string;

  constructor(real: AnyTable) {
    this.real = real;
    this.keyPath = String(real.schema.primKey.keyPath);
  }

  /** One getAll instead of a get per key, for small tables asked about nearly every fact (voids). */
  loadAll(): Promise<void> {
    return this.real.toArray().then((all) => {
      for (const row of all) {
        const key = (row as Record<string, unknown>)[this.keyPath];
        if (!this.rows.has(key)) this.rows.set(key, row);
      }
      this.complete = true;
    });
  }

  /** Rows already read by the caller (in this transaction), so they are not read twice. */
  seed(rows: readonly (unknown | undefined)[], keys: readonly unknown[]): void {
    keys.forEach((k, i) => {
      if (!this.rows.has(k)) this.rows.set(k, rows[i]);
    });
  }

  preload(keys: Iterable<unknown>): Promise<void> {
    const missing = Array.from(new Set(keys)).filter((k) => !this.rows.has(k));
    if (this.complete) {
      for (const k of missing) this.rows.set(k, undefined);
      return Dexie.Promise.resolve();
    }
    if (missing.length === 0) return Dexie.Promise.resolve();
    return this.real.bulkGet(missing).then((found) => {
      missing.forEach((k, i) => {
        if (!this.rows.has(k)) this.rows.set(k, found[i]);
      });
    });
  }

  get(key: unknown): Promise<unknown> {
    if (this.rows.has(key) || this.complete) return Dexie.Promise.resolve(this.rows.get(key));
    return this.real.get(key).then((row) => {
      // A put that landed while the read was on its way is newer than what was read.
      if (!this.rows.has(key)) this.rows.set(key, row);
      return this.rows.get(key);
    });
  }

  bulkGet(keys: unknown[]): Promise<unknown[]> {
    return this.preload(keys).then(() => keys.map((k) => this.rows.get(k)));
  }

  put(row: unknown): Promise<unknown> {
    return Dexie.Promise.resolve(this.putNow(row));
  }

  bulkPut(rows: unknown[]): Promise<unknown> {
    for (const r of rows) this.putNow(r);
    return Dexie.Promise.resolve(undefined);
  }

  bulkAdd(rows: unknown[]): Promise<unknown> {
    // storeAndApply only adds ids it has just seen are absent; the final bulkPut writes them.
    return this.bulkPut(rows);
  }

  private putNow(row: unknown): unknown {
    const key = (row as Record<string, unknown>)[this.keyPath];
    this.rows.set(key, row);
    this.dirty.add(key);
    return key;
  }

  /** The pending writes as one request; the caller awaits the returned promise. */
  takeWrites(): Promise<unknown> | null {
    if (this.dirty.size === 0) return null;
    const rows = Array.from(this.dirty, (k) => this.rows.get(k));
    this.dirty.clear();
    return this.real.bulkPut(rows);
  }
}

/** Stores and applies a pulled page; returns how many events were new to this laptop. */
export async function applyPulledEvents(
  db: BuurtpasDb,
  events: readonly { seq: number; event: BuurtpasEvent }[],
  held?: readonly (StoredEvent | undefined)[],
): Promise<number> {
  return applyPulledEventsCached(db, events, USE_CACHED_APPLY, held);
}

/** `held`: the stored rows for `events` (same order), when the caller has read them already. */
export async function applyPulledEventsCached(
  db: BuurtpasDb,
  events: readonly { seq: number; event: BuurtpasEvent }[],
  useCache = true,
  held?: readonly (StoredEvent | undefined)[],
): Promise<number> {
  if (events.length === 0) return 0;
  if (!useCache || events.some((e) => !CACHE_SAFE_TYPES.has(e.event.type)))
    return (await storeAndApply(db, events)).length;
  const tx = Dexie.currentTransaction as Transaction | null;
  if (!tx || tx.mode !== 'readwrite')
    throw new Error('applyPulledEventsCached must run inside a read-write transaction');
  const cache = new Map<string, CachedTable>();
  const tableNames = new Set(db.tables.map((t) => t.name));
  const cachedTable = (name: string): CachedTable => {
    let t = cache.get(name);
    if (!t) {
      t = new CachedTable(tx.table(name) as unknown as AnyTable);
      cache.set(name, t);
    }
    return t;
  };
  const tableProxy = (name: string) =>
    new Proxy(cachedTable(name), {
      get(target, prop) {
        if (typeof prop === 'string' && INTERCEPTED.has(prop)) {
          const method = (target as unknown as Record<string, (...a: unknown[]) => unknown>)[prop]!;
          return method.bind(target);
        }
        // An index query or anything else the cache cannot answer: this page takes the plain path.
        throw new NeedsPlainPath(`${name}.${String(prop)}`);
      },
    });
  const proxies = new Map<string, unknown>();
  const proxyDb = new Proxy(db, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && tableNames.has(prop)) {
        if (!proxies.has(prop)) proxies.set(prop, tableProxy(prop));
        return proxies.get(prop);
      }
      // Already inside a read-write transaction over every table: a nested Dexie transaction
      // would end before the writes sent from inside it, so the work simply runs in this one.
      if (prop === 'transaction')
        return (...args: unknown[]) => (args[args.length - 1] as () => unknown)();
      const value: unknown = Reflect.get(target, prop, receiver);
      // Dexie's own methods run on the real database, not on the proxy.
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(target)
        : value;
    },
  });

  if (held)
    cachedTable('events').seed(
      held,
      events.map((e) => e.event.eventId),
    );
  await preloadFor(db, events, cachedTable);
  let fresh: BuurtpasEvent[];
  try {
    fresh = await storeAndApply(proxyDb, events);
  } catch (error) {
    // Only reads reached IndexedDB so far (writes wait in the cache): drop the cache, go plain.
    if (!(error instanceof NeedsPlainPath)) throw error;
    return (await storeAndApply(db, events)).length;
  }
  const writes: Promise<unknown>[] = [];
  for (const t of cache.values()) {
    const p = t.takeWrites();
    if (p) writes.push(p);
  }
  await Dexie.Promise.all(writes);
  // The caller goes on writing (cursor, clock) through the zone: it must still be this transaction.
  if (Dexie.currentTransaction !== tx)
    throw new Error('applyPulledEventsCached lost its transaction zone');
  return fresh.length;
}

/** The rows a page will read, fetched with one bulkGet per table instead of one get per event. */
async function preloadFor(
  db: BuurtpasDb,
  events: readonly { event: BuurtpasEvent }[],
  table: (name: string) => CachedTable,
): Promise<void> {
  const members = new Set<string>();
  const passes = new Set<string>();
  const visitDays = new Set<string>();
  const periods = new Set<string>();
  const memberships = new Set<string>();
  const voids = new Set<string>();
  const contributions = new Set<string>();
  const dayCounters = new Set<string>();
  const amounts = new Set<string>();
  const services = new Set<string>();
  const eventIds = new Set<string>();
  // The treasurer's and the report's projections read these per fact; a miss is one awaited
  // IndexedDB round trip, so they are fetched with the rest (it made history pulls 5× slower).
  const lastVisits = new Set<string>();
  const reportActivity = new Set<string>();
  const reportWalkIns = new Set<string>();
  const reportVoided = new Set<string>();
  for (const { event } of events) {
    const delta = reportDeltaOf(event);
    if (delta) (delta.table === 'activity' ? reportActivity : reportWalkIns).add(delta.key);
    if (event.type === 'visit-recorded') lastVisits.add(event.data.memberId);
    if (event.type === 'event-voided') reportVoided.add(event.data.targetEventId);
    if (delta) reportVoided.add(event.eventId);
    eventIds.add(event.eventId);
    const m = memberIdOf(event);
    if (m) members.add(m);
    const day = localDateOf(event.at);
    switch (event.type) {
      case 'client-registered':
      case 'client-deregistered':
        periods.add(periodKey(event.data.memberId, event.data.locationId));
        break;
      case 'membership-started':
      case 'membership-ended':
        memberships.add(periodKey(event.data.memberId, event.data.associationId));
        break;
      case 'members-merged':
        members.add(event.data.fromMemberId);
        break;
      case 'pass-issued':
      case 'pass-revoked':
        passes.add(event.data.code);
        break;
      case 'visit-recorded':
        visitDays.add(visitDayKey(event.data.memberId, event.data.locationId, event.at));
        break;
      case 'payment-recorded':
        contributions.add(
          contributionKey(event.data.memberId, event.data.associationId, event.data.year),
        );
        break;
      case 'contribution-waived':
        contributions.add(
          contributionKey(event.data.memberId, event.data.associationId, event.data.year),
        );
        break;
      case 'contribution-amount-set':
        amounts.add(amountKey(event.data.associationId, event.data.year));
        break;
      case 'service-defined':
      case 'service-retired':
        services.add(event.data.serviceId);
        break;
      case 'event-voided':
        voids.add(event.data.targetEventId);
        eventIds.add(event.data.targetEventId);
        break;
      default:
        break;
    }
    if (
      event.type === 'visit-recorded' ||
      event.type === 'service-used' ||
      event.type === 'walk-in-counted' ||
      event.type === 'payment-recorded'
    ) {
      voids.add(event.eventId);
      dayCounters.add(`${day}|${event.locationId}|${event.deviceId}`);
    }
    if (event.type === 'contribution-waived') voids.add(event.eventId);
  }
  const tables = new Set(db.tables.map((t) => t.name));
  const plan: [string, Set<string>][] = [
    ['events', eventIds],
    ['members', members],
    ['passes', passes],
    ['visitDays', visitDays],
    ['registrations', periods],
    ['memberships', memberships],
    ['voids', voids],
    ['contributions', contributions],
    ['dayCounters', dayCounters],
    ['amounts', amounts],
    ['services', services],
    ['lastVisits', lastVisits],
    ['reportActivity', reportActivity],
    ['reportWalkIns', reportWalkIns],
    ['reportVoided', reportVoided],
  ];
  // Voids are few and asked about for nearly every fact: read whole, once per page.
  const whole = new Set(['voids', 'reportVoided']);
  await Promise.all(
    plan
      .filter(([name, keys]) => tables.has(name) && keys.size > 0)
      .map(([name, keys]) => (whole.has(name) ? table(name).loadAll() : table(name).preload(keys))),
  );
}
