import { afterEach, describe, expect, it } from 'vitest';
import { PAYLOAD_VERSION, type BuurtpasEvent } from '../../domain/events.ts';
import { buildYearReport } from '../../domain/report/build-year-report.ts';
import { foldReportEvents } from '../../domain/report/report-state.ts';
import { fixtureEvents } from '../../domain/report/report-fixture.ts';
import { reportInputOf } from '../../domain/report/report-input.ts';
import { anEvent } from '../../domain/testing/event-builders.ts';
import { startTestServer, type TestServer } from '../testing/start-test-server.ts';

const NOW = Date.parse('2027-03-01T10:00:00.000Z');
const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function push(server: TestServer, token: string, events: BuurtpasEvent[]) {
  const res = await fetch(`${server.baseUrl}/api/v1/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ protocol: 1, payloadVersion: PAYLOAD_VERSION, events }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { results: { status: string }[] };
  expect(body.results.every((r) => r.status === 'inserted' || r.status === 'duplicate')).toBe(true);
}

const getReport = (server: TestServer, token: string | undefined, query = '?year=2026') =>
  fetch(
    `${server.baseUrl}/api/v1/reports/year${query}`,
    token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } },
  );

describe('GET /api/v1/reports/year', () => {
  it('gives a coordinator the same report a laptop builds from the same events, kept up to date', async () => {
    const server = await startTestServer({ nowMs: () => NOW });
    servers.push(server);
    // The fixture spans every location: only a coordinator device may push all of it.
    const writer = await server.enroll('dtest', { locationId: 'cjm', role: 'coordinator' });
    const desk = await server.enroll('ddesk', { locationId: 'cjm', role: 'desk' });
    const coordinator = await server.enroll('dcoord', { locationId: 'cjm', role: 'coordinator' });
    const events = fixtureEvents();
    await push(server, writer, events);

    expect((await getReport(server, undefined)).status).toBe(401);
    expect((await getReport(server, desk)).status).toBe(403);
    expect((await getReport(server, coordinator, '?year=zz')).status).toBe(400);

    const res = await getReport(server, coordinator);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { report: unknown; lastSeq: number };
    const expected = buildYearReport(
      reportInputOf(foldReportEvents(events), 2026, '2027-03-01'),
      2026,
    );
    expect(body.report).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(body.lastSeq).toBe(events.length);
    // Where the time went, step by step; the report was built for this answer.
    expect(res.headers.get('server-timing')).toMatch(/(^|, )report-built;dur=\d+\.\d(,|$)/);

    // A later void of A's cooking club use: A no longer did both at CJM. Folded incrementally.
    const use = events.find(
      (e) => e.type === 'service-used' && e.data.serviceId === 'cjm:kookclub',
    )!;
    const voided = anEvent(
      'event-voided',
      { targetEventId: use.eventId, reason: 'fout' },
      { at: '2027-02-20T10:00:00.000Z', deviceId: 'dtest' },
    );
    await push(server, writer, [voided]);
    const after = (await (await getReport(server, server.adminToken)).json()) as {
      report: typeof expected;
    };
    expect(after.report.locations[0]!.figures.serviceAndActivity).toBe(0);
    expect(after.report).toEqual(
      JSON.parse(
        JSON.stringify(
          buildYearReport(
            reportInputOf(foldReportEvents([...events, voided]), 2026, '2027-03-01'),
            2026,
          ),
        ),
      ),
    );
  });
});
