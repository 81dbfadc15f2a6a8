/**
 * The server's (and the tests') way from an in-memory `ReportState` to `buildYearReport`'s input.
 * A laptop builds the same input from IndexedDB in src/app/db/report-read.ts.
 */
import type { YearReportInput } from './build-year-report.ts';
import type { ReportState } from './report-state.ts';

export function reportInputOf(state: ReportState, year: number, asOf: string): YearReportInput {
  const activity = [];
  for (const row of state.activity.values())
    if (row.year === year || row.year === year + 1) activity.push(row);
  const walkIns = [];
  for (const row of state.walkIns.values()) if (row.year === year) walkIns.push(row);
  return { ledger: state.ledger, activity, walkIns, facts: [...state.facts.values()], asOf };
}
