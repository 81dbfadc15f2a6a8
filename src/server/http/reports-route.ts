/**
 * GET /api/v1/reports/year?year=YYYY — the year report, built by the same `buildYearReport` the
 * laptops run, over the server's events. Coordinator devices and admin tokens only: the report
 * counts people, and coordinators send it on.
 *
 * The events are folded once into a `ReportState` (ledger plus per-year aggregates), in the
 * background from the moment the server is ready, and new ones are applied incrementally before
 * each answer, reading "after my last seq" as the summary does,
 * so several server processes over one PostgreSQL database stay correct.
 */
import type { FastifyInstance } from 'fastify';
import { z } from '../../domain/jitless-zod.ts';
import { localDateOf } from '../../domain/amsterdam-time.ts';
import { buildYearReport, type YearReport } from '../../domain/report/build-year-report.ts';
import { isReportFact } from '../../domain/report/report-aggregates.ts';
import { emptyReportState } from '../../domain/report/report-state.ts';
import { reportInputOf } from '../../domain/report/report-input.ts';
import {
  treasurerFiguresFromLedger,
  type TreasurerFigures,
} from '../../domain/treasurer/treasurer-figures.ts';
import type { Storage } from '../storage/storage.ts';
import { applyStoredPage } from '../sync/summary-cache.ts';
import { sendApiError } from './api-error.ts';
import { requireAdmin } from './authenticate.ts';

export type ReportRouteDeps = { storage: Storage; nowMs: () => number };

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
  /** Folds what storage holds so far (also called before each answer). */
  refresh(): Promise<void>;
  reportFor(year: number, asOf: string): Promise<YearReportResponse>;
  treasurerFor(year: number): Promise<TreasurerFiguresResponse>;
};

export function createReportCache(storage: Storage): ReportCache {
  const state = emptyReportState({ trackSeen: false, keepFacts: false });
  let lastSeq = 0;
  let running: Promise<void> | null = null;

  async function catchUp(): Promise<void> {
    for (;;) {
      const rows = await storage.readEventsAfter(lastSeq, PAGE);
      const events = await applyStoredPage(storage, state.ledger, rows);
      for (const e of events) if (isReportFact(e)) state.facts.set(e.eventId, e);
      const last = rows[rows.length - 1];
      if (last) lastSeq = last.seq;
      if (rows.length < PAGE) return;
    }
  }

  async function refresh(): Promise<void> {
    while (running) await running;
    running = catchUp().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    refresh,
    async reportFor(year, asOf) {
      await refresh();
      // No await between folding and building: the report describes exactly the events up to lastSeq.
      return { report: buildYearReport(reportInputOf(state, year, asOf), year), lastSeq };
    },
    async treasurerFor(year) {
      await refresh();
      return { year, associations: treasurerFiguresFromLedger(state.ledger, year), lastSeq };
    },
  };
}

export function registerReportRoutes(app: FastifyInstance, deps: ReportRouteDeps): void {
  const cache = createReportCache(deps.storage);
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
    if (!(await requireAdmin(deps.storage, request, reply))) return reply;
    const query = yearQuerySchema.safeParse(request.query);
    if (!query.success) return sendApiError(reply, 400, 'query-invalid', 'expected ?year=YYYY');
    return reply.send(await cache.reportFor(query.data.year, localDateOf(deps.nowMs())));
  });
  app.get('/api/v1/reports/treasurer', async (request, reply) => {
    if (!(await requireAdmin(deps.storage, request, reply))) return reply;
    const query = yearQuerySchema.safeParse(request.query);
    if (!query.success) return sendApiError(reply, 400, 'query-invalid', 'expected ?year=YYYY');
    return reply.send(await cache.treasurerFor(query.data.year));
  });
}
