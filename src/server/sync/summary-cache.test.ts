import { afterEach, describe, expect, it } from 'vitest';
import type { BuurtpasEvent } from '../../domain/events.ts';
import { buildYearReport } from '../../domain/report/build-year-report.ts';
import { fixtureEvents } from '../../domain/report/report-fixture.ts';
import { reportInputOf } from '../../domain/report/report-input.ts';
import { foldReportEvents } from '../../domain/report/report-state.ts';
import { anEvent } from '../../domain/testing/event-builders.ts';
import { createReportCache } from '../http/reports-route.ts';
import {
  startEngineServer,
  TEST_ENGINES,
  type EngineServer,
} from '../testing/start-engine-server.ts';
import { createSummaryCache } from './summary-cache.ts';

const AS_OF = '2027-03-01';
const NOW = '2027-03-01T10:00:00.000Z';
let server: EngineServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** What a laptop holding the same facts shows (JSON: the HTTP answer's shape). */
const laptopReport = (events: BuurtpasEvent[]) =>
  JSON.parse(
    JSON.stringify(buildYearReport(reportInputOf(foldReportEvents(events), 2026, AS_OF), 2026)),
  ) as unknown;

describe.each(TEST_ENGINES)('the year rows kept between reports (%s)', (engine) => {
  it('gives after new facts the same summary and report as a fresh read of every row', async () => {
    server = await startEngineServer(engine);
    const { storage } = server;
    const push = (events: BuurtpasEvent[]) =>
      storage.insertEvents(
        'dtest',
        events.map((event) => ({ kind: 'valid' as const, event })),
        NOW,
      );
    const events = fixtureEvents();
    const half = Math.floor(events.length / 2);
    const members = [
      ...new Set(events.flatMap((e) => (e.type === 'client-registered' ? [e.data.memberId] : []))),
    ];
    const use = events.find((e) => e.type === 'service-used')!;
    const later = { at: '2027-02-20T10:00:00.000Z', deviceId: 'dtest' };
    const batches: BuurtpasEvent[][] = [
      events.slice(half),
      // A correction and a merge change rows laid down by earlier batches.
      [anEvent('event-voided', { targetEventId: use.eventId, reason: 'fout' }, later)],
      [anEvent('members-merged', { fromMemberId: members[1]!, intoMemberId: members[0]! }, later)],
    ];

    const kept = createSummaryCache(storage);
    const keptReports = createReportCache(storage, kept);
    await push(events.slice(0, half));
    const pushed = events.slice(0, half);
    expect((await keptReports.reportFor(2026, AS_OF)).report).toEqual(laptopReport(pushed));
    await kept.summaryFor(2026);
    await kept.summaryFor(2025);

    for (const batch of batches) {
      await push(batch);
      pushed.push(...batch);
      // The kept year is brought up to date by reading only the rows changed since (both engines).
      expect(Object.keys(await kept.withYear(2026, (view) => view.timings))).toContain(
        'changed-rows-read',
      );
      const fresh = createSummaryCache(storage);
      const report = await keptReports.reportFor(2026, AS_OF);
      expect(report).toEqual(await createReportCache(storage, fresh).reportFor(2026, AS_OF));
      expect(report.report).toEqual(laptopReport(pushed));
      expect(report.lastSeq).toBe(pushed.length);
      // 2026 asked last: it stays among the two years kept.
      for (const year of [2024, 2025, 2026])
        expect(await kept.summaryFor(year)).toEqual(await fresh.summaryFor(year));
    }
  });
});
