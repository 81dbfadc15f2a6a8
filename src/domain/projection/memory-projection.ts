/**
 * The projection held whole in memory: one Map per derived table, keyed like the laptop's Dexie
 * tables. The server's summary and year report fold stored events into it; tests and the
 * simulation's oracle use it as the reference state.
 */
import type { BuurtpasEvent } from '../events.ts';
import { MISSING, projectBatch, type RowReader } from './apply-batch.ts';
import { PROJECTION_TABLES, type ProjectionRows, type ProjectionTable } from './rows.ts';

export type ProjectionState = { [T in ProjectionTable]: Map<string, ProjectionRows[T]> } & {
  /**
   * Visits, service uses and walk-ins by event id, for a void that arrives after its target; null
   * when the caller looks targets up itself (the server reads them from storage per page).
   */
  facts: Map<string, BuurtpasEvent> | null;
  /** Event ids already applied, when the caller does not deduplicate itself. */
  seen: Set<string> | null;
};

export type ProjectionStateOptions = { trackSeen?: boolean; keepFacts?: boolean };

export function emptyProjectionState(options: ProjectionStateOptions = {}): ProjectionState {
  const state = {
    facts: options.keepFacts === false ? null : new Map(),
    seen: options.trackSeen === false ? null : new Set<string>(),
  } as Partial<ProjectionState>;
  for (const t of PROJECTION_TABLES) (state as Record<string, unknown>)[t] = new Map();
  return state as ProjectionState;
}

// Facts a later void needs to find again: counted uses, and (de)registrations (their undo).
const COUNTED_TYPES = new Set([
  'visit-recorded',
  'service-used',
  'walk-in-counted',
  'client-registered',
  'client-deregistered',
]);

/**
 * Applies a batch (duplicates and already-applied facts are skipped). Returns the erased ids.
 * `targets`: facts the caller loaded for this batch's voids (needed when `facts` is null).
 */
export function applyEventsToState(
  state: ProjectionState,
  events: readonly BuurtpasEvent[],
  targets?: ReadonlyMap<string, BuurtpasEvent>,
): string[] {
  const fresh: BuurtpasEvent[] = [];
  const inBatch = new Set<string>();
  for (const e of events) {
    if (inBatch.has(e.eventId) || state.seen?.has(e.eventId)) continue;
    inBatch.add(e.eventId);
    state.seen?.add(e.eventId);
    fresh.push(e);
    if (COUNTED_TYPES.has(e.type)) state.facts?.set(e.eventId, e);
  }
  const byId = new Map(fresh.map((e) => [e.eventId, e]));
  if (fresh.length === 0) return [];
  const reader: RowReader = {
    row: (table, key) => (state[table] as Map<string, never>).get(key),
    fact: (eventId) =>
      byId.get(eventId) ??
      targets?.get(eventId) ??
      (state.facts ? state.facts.get(eventId) : targets ? undefined : MISSING),
  };
  const result = projectBatch(reader, fresh);
  if (!result.ok)
    throw new Error(
      `in-memory projection: ${result.missing.map((m) => m.table).join(', ')} not loaded`,
    );
  for (const t of PROJECTION_TABLES) {
    const changed = result.changes[t] as Map<string, never> | undefined;
    if (!changed) continue;
    const target = state[t] as Map<string, unknown>;
    for (const [k, row] of changed) target.set(k, row);
  }
  return result.erased;
}

export function foldProjection(events: Iterable<BuurtpasEvent>, batch = 1): ProjectionState {
  const state = emptyProjectionState();
  let page: BuurtpasEvent[] = [];
  for (const e of events) {
    page.push(e);
    if (page.length >= batch) {
      applyEventsToState(state, page);
      page = [];
    }
  }
  applyEventsToState(state, page);
  return state;
}

/** Every derived table as sorted [key, row] pairs: for comparing two replicas row by row. */
export function tablesOf(state: ProjectionState): Record<ProjectionTable, [string, unknown][]> {
  const out = {} as Record<ProjectionTable, [string, unknown][]>;
  for (const t of PROJECTION_TABLES)
    out[t] = [...(state[t] as Map<string, unknown>).entries()].sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
  return out;
}
