/**
 * The server's (and the tests') in-memory report state: the projection (ledger and per-year
 * aggregates, src/domain/projection) and the few facts the report reads as they are.
 */
import type { BuurtpasEvent } from '../events.ts';
import {
  applyEventsToState,
  emptyProjectionState,
  type ProjectionState,
  type ProjectionStateOptions,
} from '../projection/memory-projection.ts';
import {
  isReportFact,
  type ActivityRow,
  type ReportFact,
  type WalkInRow,
} from './report-aggregates.ts';

export type ReportState = {
  ledger: ProjectionState;
  /** The projection's own tables (the same Map objects). */
  activity: Map<string, ActivityRow>;
  walkIns: Map<string, WalkInRow>;
  facts: Map<string, ReportFact>;
};

export function emptyReportState(options: ProjectionStateOptions = {}): ReportState {
  const ledger = emptyProjectionState(options);
  return {
    ledger,
    activity: ledger.reportActivity,
    walkIns: ledger.reportWalkIns,
    facts: new Map(),
  };
}

/** Applies a batch of facts. Duplicates and any arrival order give the same state. */
export function applyReportEvents(state: ReportState, events: readonly BuurtpasEvent[]): void {
  applyEventsToState(state.ledger, events);
  for (const e of events) if (isReportFact(e)) state.facts.set(e.eventId, e);
}

export function applyReportEvent(state: ReportState, event: BuurtpasEvent): void {
  applyReportEvents(state, [event]);
}

export function foldReportEvents(events: Iterable<BuurtpasEvent>): ReportState {
  const state = emptyReportState();
  applyReportEvents(state, [...events]);
  return state;
}
