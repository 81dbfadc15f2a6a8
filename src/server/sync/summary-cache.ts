/**
 * The server's one projection: the rows of src/domain/projection, kept in SQL by storage (every
 * push updates them in its own transaction, stored-projection.ts), so the server holds no copy of
 * the state in memory and a start folds nothing. Each answer reads just the rows it needs, in one
 * snapshot with the seq and checksum they describe; several server processes over one PostgreSQL
 * database read the same rows. The server decides nothing itself: the counts are src/domain's.
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
import { summarize } from '../../domain/summary.ts';
import type { Storage } from '../storage/storage.ts';
import type { ProjectionQuery, ProjectionRead } from '../storage/stored-projection.ts';

export type ProjectionView = {
  state: ProjectionState;
  lastSeq: number;
  checksum: EventSetChecksum;
};

export type SummaryCache = {
  /** Applies stored events the rows do not describe yet (once, at start, after an upgrade). */
  refresh(): Promise<void>;
  summaryFor(year: number): Promise<SummaryResponse>;
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

export function createSummaryCache(storage: Storage): SummaryCache {
  let running: Promise<void> | null = null;

  async function read(query: ProjectionQuery): Promise<ProjectionView> {
    const result = await storage.readProjection(query);
    return { state: stateOf(result), lastSeq: result.lastSeq, checksum: result.checksum };
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
      const { state, lastSeq, checksum } = await read(ledgerQuery(year));
      return { summary: summarize(ledgerOf(state), year), checksum, lastSeq };
    },
    read,
    projection: () => read(Object.fromEntries(PROJECTION_TABLES.map((t) => [t, 'all']))),
  };
}

/**
 * The rows as the snapshot reads them (s10b's `ProjectionRows` in snapshot-source.ts, matched by
 * shape): `settle` reads every row once with the seq and checksum they describe; `rowsOf` hands
 * out that read's rows (not live: they stay as read whatever is pushed meanwhile).
 */
export function readStoredProjectionRows(
  cache: Pick<SummaryCache, 'projection'>,
  lastSeq: () => Promise<number>,
): {
  live: boolean;
  settle(): Promise<{ seq: number; checksum: EventSetChecksum }>;
  rowsOf(table: ProjectionTable): readonly object[];
  lastSeq(): Promise<number>;
} {
  let view: ProjectionView | undefined;
  return {
    live: false,
    lastSeq,
    async settle() {
      view = await cache.projection();
      return { seq: view.lastSeq, checksum: view.checksum };
    },
    rowsOf(table) {
      if (!view) throw new Error('rowsOf before settle');
      return [...(view.state[table] as Map<string, object>).values()];
    },
  };
}
