/**
 * GET /api/v1/reports/year?year=YYYY — the year report, built by the same `buildYearReport` the
 * laptops run, over the server's events. Coordinator devices and admin tokens only: the report
 * counts people, and coordinators send it on.
 *
 * The report reads the server's one projection: the rows storage keeps in SQL (summary-cache.ts),
 * just the year's (ledger, activity of the year and the next, walk-ins), as a laptop reads them
 * from IndexedDB, kept with the summary's and brought up to date by the rows changed since; the
 * report built last is kept for the same year, day and seq. Its registered clients and members are
 * the summary's own result for the same seq (computed once for both answers). The answer carries
 * a `Server-Timing` header with the steps' milliseconds (bench/server-scale.ts prints them).
 */
import type { FastifyInstance } from 'fastify';
import { z } from '../../domain/jitless-zod.ts';
import { localDateOf } from '../../domain/amsterdam-time.ts';
import { buildYearReport, type YearReport } from '../../domain/report/build-year-report.ts';
import { upcastEvent, type BuurtpasEvent } from '../../domain/events.ts';
import {
  isReportFact,
  REPORT_FACT_TYPES,
  type ReportFact,
} from '../../domain/report/report-aggregates.ts';
import type { ReportState } from '../../domain/report/report-state.ts';
import { reportInputOf } from '../../domain/report/report-input.ts';
import {
  treasurerFiguresFromLedger,
  type TreasurerFigures,
} from '../../domain/treasurer/treasurer-figures.ts';
import type { Storage } from '../storage/storage.ts';
import {
  createSummaryCache,
  ledgerOf,
  ledgerQuery,
  type StepTimings,
  type SummaryCache,
} from '../sync/summary-cache.ts';
import { sendApiError } from './api-error.ts';
import { requireCoordinatorOrAdmin } from './authenticate.ts';

export type ReportRouteDeps = {
  storage: Storage;
  nowMs: () => number;
  /** The server's one projection (the summary's); a route on its own folds its own. */
  projection?: SummaryCache;
};

export type YearReportResponse = { report: YearReport; lastSeq: number };

/** GET /api/v1/reports/treasurer?year=YYYY: the treasurer screen's figures, per association. */
export type TreasurerFiguresResponse = {
  year: number;
  associations: TreasurerFigures[];
  lastSeq: number;
};

const yearQuerySchema = z.object({ year: z.coerce.number().int().min(2000).max(2100) }).strict();

const PAGE = 5000;

export type ReportCache = {
  /** Brings the rows and the report facts up to what storage holds (at start). */
  refresh(): Promise<void>;
  reportFor(year: number, asOf: string): Promise<YearReportResponse>;
  /** The same, with what each step took (rows brought up to date, summary, input, build). */
  reportWithTimings(
    year: number,
    asOf: string,
  ): Promise<{ response: YearReportResponse; timings: StepTimings }>;
  treasurerFor(year: number): Promise<TreasurerFiguresResponse>;
};

/**
 * The report reads the server's one projection (the summary's rows and aggregates) and keeps beside
 * it only the few facts it reads as they are (referrals, role periods, targets, services:
 * `REPORT_FACT_TYPES`, a few hundred a year), read from storage by type up to the rows' seq, so
 * both describe the same events.
 */
export function createReportCache(
  storage: Storage,
  projection: SummaryCache = createSummaryCache(storage),
): ReportCache {
  const facts = new Map<string, { seq: number; fact: ReportFact }>();
  let factsSeq = 0;
  let running: Promise<void> | null = null;
  /** The last report built, for the same year, day and seq asked again. */
  let built: { key: string; response: YearReportResponse } | undefined;

  async function readFactsUpTo(target: number): Promise<void> {
    while (factsSeq < target) {
      const rows = await storage.readEventsAfter(factsSeq, PAGE, REPORT_FACT_TYPES);
      for (const row of rows) {
        if (row.seq > target) break;
        const e = upcastEvent(JSON.parse(row.json)) as BuurtpasEvent;
        if (isReportFact(e)) facts.set(e.eventId, { seq: row.seq, fact: e });
        factsSeq = row.seq;
      }
      const last = rows[rows.length - 1];
      if (rows.length < PAGE || (last && last.seq >= target)) factsSeq = target;
    }
  }

  /** Report facts up to `target` (the rows' seq); concurrent callers share one read. */
  async function factsUpTo(target: number): Promise<ReportFact[]> {
    while (running) await running;
    if (factsSeq < target) {
      running = readFactsUpTo(target).finally(() => {
        running = null;
      });
      await running;
    }
    // A later request may have read facts past `target`: leave out what the rows do not describe.
    return [...facts.values()].filter((f) => f.seq <= target).map((f) => f.fact);
  }

  async function reportWithTimings(
    year: number,
    asOf: string,
  ): Promise<{ response: YearReportResponse; timings: StepTimings }> {
    const stored = await storage.lastSeq();
    // The report facts first (outside the year's turn), then the rows brought up to date and
    // the report built from them in the year's turn; the facts the rows do not describe yet
    // are left out, those they describe and were not read yet are read in the turn.
    const factsAt = performance.now();
    await factsUpTo(stored);
    const factsMs = performance.now() - factsAt;
    return projection.withYear(year, async ({ state, lastSeq, summary, timings }) => {
      const key = `${year}|${asOf}|${lastSeq}`;
      const steps: StepTimings = { 'report-facts-read': factsMs, ...timings };
      if (built?.key === key) return { response: built.response, timings: steps };
      let at = performance.now();
      const step = (name: string) => {
        const now = performance.now();
        steps[name] = now - at;
        at = now;
      };
      const reportState: ReportState = {
        ledger: state,
        activity: state.reportActivity,
        walkIns: state.reportWalkIns,
        facts: new Map((await factsUpTo(lastSeq)).map((f) => [f.eventId, f])),
      };
      const input = reportInputOf(reportState, year, asOf);
      step('report-input');
      const given = summary();
      step('summary');
      const response = { report: buildYearReport({ ...input, summary: given }, year), lastSeq };
      step('report-built');
      built = { key, response };
      return { response, timings: steps };
    });
  }

  return {
    async refresh() {
      await projection.refresh();
      await factsUpTo(await storage.lastSeq());
    },
    reportFor: async (year, asOf) => (await reportWithTimings(year, asOf)).response,
    reportWithTimings,
    async treasurerFor(year) {
      const { state, lastSeq } = await projection.read(ledgerQuery(year, { allMembers: true }));
      return { year, associations: treasurerFiguresFromLedger(ledgerOf(state), year), lastSeq };
    },
  };
}

export function registerReportRoutes(app: FastifyInstance, deps: ReportRouteDeps): void {
  const cache = createReportCache(deps.storage, deps.projection);
  // Folding five years of facts takes seconds: start it when the server is ready, in the
  // background, so the coordinator's first report does not wait for it (nor does the start).
  app.addHook('onReady', async () => {
    void cache
      .refresh()
      .catch((err: unknown) =>
        app.log.warn(
          { err },
          'year report: folding the stored events failed; tried again on the first request',
        ),
      );
  });
  app.get('/api/v1/reports/year', async (request, reply) => {
    if (!(await requireCoordinatorOrAdmin(deps.storage, request, reply))) return reply;
    const query = yearQuerySchema.safeParse(request.query);
    if (!query.success) return sendApiError(reply, 400, 'query-invalid', 'expected ?year=YYYY');
    const { response, timings } = await cache.reportWithTimings(
      query.data.year,
      localDateOf(deps.nowMs()),
    );
    // Where the time went (browsers' developer tools and bench/server-scale.ts read it).
    return reply.header('server-timing', serverTimingOf(timings)).send(response);
  });
  app.get('/api/v1/reports/treasurer', async (request, reply) => {
    if (!(await requireCoordinatorOrAdmin(deps.storage, request, reply))) return reply;
    const query = yearQuerySchema.safeParse(request.query);
    if (!query.success) return sendApiError(reply, 400, 'query-invalid', 'expected ?year=YYYY');
    return reply.send(await cache.treasurerFor(query.data.year));
  });
}

/** `Server-Timing` header value: `step;dur=12.3, ...` (RFC: token names, milliseconds). */
export function serverTimingOf(timings: StepTimings): string {
  return Object.entries(timings)
    .map(([name, ms]) => `${name};dur=${ms.toFixed(1)}`)
    .join(', ');
}
