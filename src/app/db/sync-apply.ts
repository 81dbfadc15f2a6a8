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
 */
import type { BuurtpasEvent } from '../../domain/events.ts';
import { memberIdOf } from '../../domain/events.ts';
import { localDateOf } from '../../domain/amsterdam-time.ts';
import { amountKey, periodKey } from '../../domain/ledger.ts';
import { visitDayKey } from '../../domain/visit-day.ts';
import { contributionKey, storeAndApply } from './apply-events.ts';
import type { BuurtpasDb } from './database.ts';

type AnyTable = {
  name: string;
  schema: { primKey: { keyPath: string | string[] | null } };
  get(key: unknown): Promise<unknown>;
  bulkGet(keys: unknown[]): Promise<unknown[]>;
  bulkPut(rows: unknown[]): Promise<unknown>;
  bulkAdd(rows: unknown[]): Promise<unknown>;
};

/**
 * Off for now: the cached path equals storeAndApply in the property test, but the fault
 * simulation (seed 2) hit a Dexie PrematureCommitError on it that is not yet understood. Until
 * then pulled pages take the plain path; `applyPulledEventsCached` stays tested for the fix.
 */
const USE_CACHED_APPLY = false;

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

/** The cache was asked for something it cannot serve: a bug in CACHE_SAFE_TYPES, not bad data. */
class NeedsPlainPath extends Error {}

class CachedTable {
  readonly rows = new Map<unknown, unknown>();
  readonly dirty = new Set<unknown>();
  readonly real: AnyTable;
  readonly keyPath: string;
  readonly flush: () => void;

  constructor(real: AnyTable, flush: () => void) {
    this.real = real;
    this.flush = flush;
    this.keyPath = String(real.schema.primKey.keyPath);
  }

  async preload(keys: Iterable<unknown>): Promise<void> {
    const missing = Array.from(new Set(keys)).filter((k) => !this.rows.has(k));
    if (missing.length === 0) return;
    const found = await this.real.bulkGet(missing);
    missing.forEach((k, i) => this.rows.set(k, found[i]));
  }

  async get(key: unknown): Promise<unknown> {
    if (!this.rows.has(key)) this.rows.set(key, await this.real.get(key));
    return this.rows.get(key);
  }

  async bulkGet(keys: unknown[]): Promise<unknown[]> {
    await this.preload(keys);
    return keys.map((k) => this.rows.get(k));
  }

  async put(row: unknown): Promise<unknown> {
    const key = (row as Record<string, unknown>)[this.keyPath];
    this.rows.set(key, row);
    this.dirty.add(key);
    return key;
  }

  async bulkPut(rows: unknown[]): Promise<unknown> {
    for (const r of rows) await this.put(r);
    return undefined;
  }

  async bulkAdd(rows: unknown[]): Promise<unknown> {
    // storeAndApply only adds ids it has just seen are absent; the final bulkPut writes them.
    return this.bulkPut(rows);
  }

  /** Sends the pending writes as one request; the caller awaits the returned promise. */
  takeWrites(): Promise<unknown> | null {
    if (this.dirty.size === 0) return null;
    const rows = Array.from(this.dirty, (k) => this.rows.get(k));
    this.dirty.clear();
    return this.real.bulkPut(rows);
  }
}

/** Stores and applies a pulled page; returns how many events were new to this laptop. */
export async function applyPulledEvents(db: BuurtpasDb, events: readonly { seq: number; event: BuurtpasEvent }[]): Promise<number> {
  return applyPulledEventsCached(db, events, USE_CACHED_APPLY);
}

export async function applyPulledEventsCached(db: BuurtpasDb, events: readonly { seq: number; event: BuurtpasEvent }[], useCache = true): Promise<number> {
  if (events.length === 0) return 0;
  if (!useCache || events.some((e) => !CACHE_SAFE_TYPES.has(e.event.type))) return (await storeAndApply(db, events)).length;
  const cache = new Map<string, CachedTable>();
  const inFlight: Promise<unknown>[] = [];
  const flush = () => {
    for (const t of cache.values()) {
      const p = t.takeWrites();
      if (p) inFlight.push(p);
    }
  };
  const tableNames = new Set(db.tables.map((t) => t.name));
  const cachedTable = (name: string): CachedTable => {
    let t = cache.get(name);
    if (!t) {
      t = new CachedTable((db as unknown as Record<string, AnyTable>)[name]!, flush);
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
      if (prop === 'transaction') return (...args: unknown[]) => (args[args.length - 1] as () => unknown)();
      const value: unknown = Reflect.get(target, prop, receiver);
      // Dexie's own methods (transaction, …) run on the real database, not on the proxy.
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });

  await preloadFor(db, events, cachedTable);
  const fresh = await storeAndApply(proxyDb, events);
  flush();
  await Promise.all(inFlight);
  return fresh.length;
}

/** The rows a page will read, fetched with one bulkGet per table instead of one get per event. */
async function preloadFor(db: BuurtpasDb, events: readonly { event: BuurtpasEvent }[], table: (name: string) => CachedTable): Promise<void> {
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
  for (const { event } of events) {
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
        contributions.add(contributionKey(event.data.memberId, event.data.associationId, event.data.year));
        break;
      case 'contribution-waived':
        contributions.add(contributionKey(event.data.memberId, event.data.associationId, event.data.year));
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
    if (event.type === 'visit-recorded' || event.type === 'service-used' || event.type === 'walk-in-counted' || event.type === 'payment-recorded') {
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
  ];
  await Promise.all(plan.filter(([name, keys]) => tables.has(name) && keys.size > 0).map(([name, keys]) => table(name).preload(keys)));
}
