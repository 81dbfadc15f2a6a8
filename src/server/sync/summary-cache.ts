/**
 * The server's one projection: the rows of src/domain/projection, kept in SQL by storage (every
 * push updates them in its own transaction, stored-projection.ts), so a start folds nothing and
 * the history is never in memory. Each answer reads just the rows it needs, in one snapshot with
 * the seq and checksum they describe; several server processes over one PostgreSQL database read
 * the same rows. The summary and the year report share one kept fold: the rows of a year
 * (`yearQuery`), kept for the two latest years asked for and brought up to date by reading only
 * the rows changed since (`readProjection`'s `changedSince`), so an answer after a day's pushes
 * does not read the year again. The server decides nothing itself: the counts are src/domain's.
 *
 * (The name is older than the tables: this was once an in-memory fold; callers keep the import.)
 */
import { emptyLedger, type Ledger } from '../../domain/ledger.ts';
import {
  emptyProjectionState,
  type ProjectionState,
} from '../../domain/projection/memory-projection.ts';
import {
  PROJECTION_KEYS,
  PROJECTION_TABLES,
  type ProjectionRows,
  type ProjectionTable,
} from '../../domain/projection/rows.ts';
import type { EventSetChecksum } from '../../domain/event-set-checksum.ts';
import type { SummaryResponse } from '../../domain/protocol.ts';
import { summarize, type Summary } from '../../domain/summary.ts';
import type { Storage } from '../storage/storage.ts';
import type { ProjectionQuery, ProjectionRead } from '../storage/stored-projection.ts';

export type ProjectionView = {
  state: ProjectionState;
  lastSeq: number;
  checksum: EventSetChecksum;
};

/** Milliseconds per step of one answer, by step name (sent as a `Server-Timing` header). */
export type StepTimings = Record<string, number>;

/** A kept year's rows, with the summary of them computed once per seq for both answers. */
export type YearView = ProjectionView & {
  summary(): Summary;
  /** What bringing the rows up to date took for this call: reading them, laying them over. */
  timings: StepTimings;
};

export type SummaryCache = {
  /** Applies stored events the rows do not describe yet (once, at start, after an upgrade). */
  refresh(): Promise<void>;
  summaryFor(year: number): Promise<SummaryResponse>;
  /**
   * Runs `use` over the year's rows (`yearQuery`) brought up to date, one caller per year at a
   * time, so the rows do not change under it. The rows are kept between calls (the two latest
   * years asked for): a later call reads only the rows changed since.
   */
  withYear<T>(year: number, use: (view: YearView) => T | Promise<T>): Promise<T>;
  /** Reads rows in one snapshot with their seq; the tables `query` leaves out stay empty. */
  read(query: ProjectionQuery): Promise<ProjectionView>;
  /** Every row of every table, with their seq and checksum (the snapshot's): read, never change. */
  projection(): Promise<ProjectionView>;
};

/** The ledger rows the counts of one year read (as a laptop reads them: src/app/db/report-read.ts). */
export function ledgerQuery(year: number, options: { allMembers?: boolean } = {}): ProjectionQuery {
  const parts = { parts: [String(year)] };
  return {
    // Only merged records matter for counting people once, unless names are wanted.
    members: options.allMembers ? 'all' : { parts: ['merged'] },
    registrations: 'all',
    memberships: 'all',
    voids: 'all',
    amounts: 'all',
    payments: parts,
    waivers: parts,
  };
}

/** The rows the summary and the year report of `year` read, kept per year by the cache. */
export function yearQuery(year: number): ProjectionQuery {
  return {
    ...ledgerQuery(year),
    // The year's activity and the next year's (referrals late in the year), as a laptop reads.
    reportActivity: { parts: [String(year), String(year + 1)] },
    reportWalkIns: { parts: [String(year)] },
  };
}

/** How many years' rows the cache keeps (the current year and the one a coordinator looks back at). */
const KEPT_YEARS = 2;

/** The rows of a read as the in-memory shape the src/domain counts take. */
export function stateOf(read: ProjectionRead): ProjectionState {
  const state = emptyProjectionState({ trackSeen: false, keepFacts: false });
  for (const table of PROJECTION_TABLES) {
    const rows = read.rows[table] as ProjectionRows[ProjectionTable][] | undefined;
    if (!rows) continue;
    const map = state[table] as Map<string, unknown>;
    const keyField = PROJECTION_KEYS[table];
    for (const row of rows) map.set(String((row as Record<string, unknown>)[keyField]), row);
  }
  return state;
}

export function ledgerOf(state: ProjectionState): Ledger {
  const ledger = emptyLedger();
  ledger.members = state.members;
  ledger.registrations = state.registrations;
  ledger.memberships = state.memberships;
  ledger.payments = state.payments;
  ledger.waivers = state.waivers;
  ledger.voids = state.voids;
  ledger.amounts = state.amounts;
  return ledger;
}

/** Lays the rows of a read of changed rows over the state they change. */
function layOver(state: ProjectionState, read: ProjectionRead): void {
  for (const table of PROJECTION_TABLES) {
    const rows = read.rows[table] as ProjectionRows[ProjectionTable][] | undefined;
    if (!rows) continue;
    const map = state[table] as Map<string, unknown>;
    const keyField = PROJECTION_KEYS[table];
    for (const row of rows) map.set(String((row as Record<string, unknown>)[keyField]), row);
  }
}

type KeptYear = {
  view: ProjectionView;
  mark?: string;
  summary?: SummaryResponse;
  /** The last update's steps (empty when nothing was stored since). */
  timings: StepTimings;
};

export function createSummaryCache(storage: Storage): SummaryCache {
  let running: Promise<void> | null = null;
  const kept = new Map<number, KeptYear>();
  const busy = new Map<number, Promise<unknown>>();
  /** Whether the engine reads changed rows (both do; a storage without marks would not). */
  let readsChanges: boolean | undefined;

  async function read(query: ProjectionQuery): Promise<ProjectionView> {
    const result = await storage.readProjection(query);
    return { state: stateOf(result), lastSeq: result.lastSeq, checksum: result.checksum };
  }

  /** The year's rows now: the kept ones with the rows changed since laid over, or all read. */
  async function update(year: number): Promise<KeptYear> {
    const before = kept.get(year);
    // Nothing stored since: the rows are as kept (they change only with a new seq).
    if (before && (await storage.lastSeq()) === before.view.lastSeq) {
      before.timings = {};
      return before;
    }
    const started = performance.now();
    const result = await storage.readProjection(
      yearQuery(year),
      before?.mark !== undefined ? { changedSince: before.mark } : {},
    );
    const readAt = performance.now();
    let entry: KeptYear;
    if (before && result.complete === false) {
      layOver(before.view.state, result);
      entry = before;
      if (result.lastSeq !== before.view.lastSeq) entry.summary = undefined;
      entry.view.lastSeq = result.lastSeq;
      entry.view.checksum = result.checksum;
    } else
      entry = {
        view: { state: stateOf(result), lastSeq: result.lastSeq, checksum: result.checksum },
        timings: {},
      };
    entry.timings = {
      [result.complete === false ? 'changed-rows-read' : 'year-rows-read']: readAt - started,
      'rows-laid-over': performance.now() - readAt,
    };
    entry.mark = result.changeMark;
    readsChanges = result.changeMark !== undefined;
    // The most recently used last: the oldest goes first.
    kept.delete(year);
    kept.set(year, entry);
    for (const old of kept.keys()) if (kept.size > KEPT_YEARS) kept.delete(old);
    return entry;
  }

  function summaryOf(entry: KeptYear, year: number): SummaryResponse {
    const { state, lastSeq, checksum } = entry.view;
    entry.summary ??= { summary: summarize(ledgerOf(state), year), checksum, lastSeq };
    return entry.summary;
  }

  function withKeptYear<T>(year: number, use: (entry: KeptYear) => T | Promise<T>): Promise<T> {
    const previous = busy.get(year) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(async () => use(await update(year)));
    busy.set(year, next);
    void next
      .catch(() => undefined)
      .finally(() => {
        if (busy.get(year) === next) busy.delete(year);
      });
    return next;
  }

  return {
    async refresh() {
      while (running) await running;
      running = storage
        .catchUpProjection()
        .then(() => undefined)
        .finally(() => {
          running = null;
        });
      return running;
    },
    async summaryFor(year) {
      // An engine that reads every row each time (none now): the ledger's rows only, as the
      // laptops ask after every sync; the report's activity rows are not worth reading for it.
      if (readsChanges === false) {
        const { state, lastSeq, checksum } = await read(ledgerQuery(year));
        return { summary: summarize(ledgerOf(state), year), checksum, lastSeq };
      }
      return withKeptYear(year, (entry) => summaryOf(entry, year));
    },
    // The report's registered clients and members are the summary's: one `summarize` per seq.
    withYear: (year, use) =>
      withKeptYear(year, (entry) =>
        use({
          ...entry.view,
          summary: () => summaryOf(entry, year).summary,
          timings: entry.timings,
        }),
      ),
    read,
    projection: () => read(Object.fromEntries(PROJECTION_TABLES.map((t) => [t, 'all']))),
  };
}
