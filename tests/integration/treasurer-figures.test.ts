/**
 * The treasurer's figures on the server (GET /api/v1/reports/treasurer) equal the laptop's
 * treasurer screen for the same facts: the laptop's rows come from its Dexie tables (real Dexie
 * on fake-indexeddb, filled by the real apply path), the server's from its folded events.
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ASSOCIATIONS } from '../../src/domain/catalog.ts';
import { PAYLOAD_VERSION, type BuurtpasEvent } from '../../src/domain/events.ts';
import { anEvent, testId } from '../../src/domain/testing/event-builders.ts';
import { treasurerFiguresOf } from '../../src/domain/treasurer/treasurer-figures.ts';
import { storeAndApply } from '../../src/app/db/apply-events.ts';
import { openBuurtpasDb } from '../../src/app/db/database.ts';
import { readOwesList } from '../../src/app/db/treasurer-queries.ts';
import type { TreasurerFiguresResponse } from '../../src/server/http/reports-route.ts';
import { startTestServer, type TestServer } from '../../src/server/testing/start-test-server.ts';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const MEMBERS = [1, 2, 3, 4, 5, 6].map((n) => testId(500 + n));

/** Members of two associations with full, partial, no, voided and waived payments, and a merge. */
function storyEvents(): BuurtpasEvent[] {
  const at = (d: string) => ({ at: `${d}T10:00:00.000Z` });
  const [a, b, c, d, e, f] = MEMBERS as [string, string, string, string, string, string];
  const paid = anEvent(
    'payment-recorded',
    { memberId: d, associationId: 'bv-cjm', year: 2026, amountCents: 250, method: 'cash' },
    at('2026-02-02'),
  );
  return [
    ...[a, b, c, d, e].map((m) =>
      anEvent(
        'membership-started',
        { memberId: m, associationId: 'bv-cjm', date: '2026-01-10' },
        at('2026-01-10'),
      ),
    ),
    anEvent(
      'membership-started',
      { memberId: f, associationId: 'bv-multibron', date: '2026-03-01' },
      at('2026-03-01'),
    ),
    anEvent(
      'payment-recorded',
      { memberId: a, associationId: 'bv-cjm', year: 2026, amountCents: 250, method: 'cash' },
      at('2026-01-10'),
    ),
    anEvent(
      'payment-recorded',
      { memberId: b, associationId: 'bv-cjm', year: 2026, amountCents: 100, method: 'cash' },
      at('2026-01-11'),
    ),
    anEvent(
      'contribution-waived',
      { memberId: c, associationId: 'bv-cjm', year: 2026, reason: 'schuldhulp' },
      at('2026-01-12'),
    ),
    paid,
    anEvent('event-voided', { targetEventId: paid.eventId, reason: 'dubbel' }, at('2026-02-03')),
    anEvent(
      'contribution-amount-set',
      { associationId: 'bv-multibron', year: 2026, amountCents: 300 },
      at('2026-01-01'),
    ),
    anEvent(
      'payment-recorded',
      { memberId: f, associationId: 'bv-multibron', year: 2026, amountCents: 250, method: 'bank' },
      at('2026-03-02'),
    ),
    // e is the same person as a: merged, so a's payment covers e's membership row too.
    anEvent('members-merged', { fromMemberId: e, intoMemberId: a }, at('2026-04-01')),
  ];
}

async function serverFigures(events: BuurtpasEvent[], year: number) {
  const server = await startTestServer({ nowMs: () => Date.parse('2026-12-01T10:00:00.000Z') });
  servers.push(server);
  const desk = await server.enroll('dtest', { locationId: 'cjm', role: 'desk' });
  const push = await fetch(`${server.baseUrl}/api/v1/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${desk}`, 'content-type': 'application/json' },
    body: JSON.stringify({ protocol: 1, payloadVersion: PAYLOAD_VERSION, events }),
  });
  expect(push.status).toBe(200);
  // The gatekeeper refuses role facts (waivers, amounts, merges) from a desk without a role proof:
  // compare over the facts the server holds.
  const results = ((await push.json()) as { results: { eventId: string; status: string }[] })
    .results;
  const held = new Set(results.filter((r) => r.status === 'inserted').map((r) => r.eventId));
  expect(
    (
      await fetch(`${server.baseUrl}/api/v1/reports/treasurer?year=${year}`, {
        headers: { authorization: `Bearer ${desk}` },
      })
    ).status,
  ).toBe(403);
  const res = await fetch(`${server.baseUrl}/api/v1/reports/treasurer?year=${year}`, {
    headers: { authorization: `Bearer ${server.adminToken}` },
  });
  expect(res.status).toBe(200);
  return {
    figures: ((await res.json()) as TreasurerFiguresResponse).associations,
    held: events.filter((e) => held.has(e.eventId)),
  };
}

let dbCounter = 0;
async function laptopFigures(events: BuurtpasEvent[], year: number) {
  const db = openBuurtpasDb(`treasurer-figures-${++dbCounter}`);
  await db.open();
  try {
    await storeAndApply(
      db,
      events.map((event) => ({ event })),
    );
    return await Promise.all(
      ASSOCIATIONS.map(async (a) => {
        const list = await readOwesList(db, a.id, year);
        return treasurerFiguresOf(a.id, year, list.dueCents, list.rows);
      }),
    );
  } finally {
    db.close();
  }
}

describe('treasurer figures: server and laptop', () => {
  it('give the same figures for the same facts', async () => {
    const events = storyEvents();
    const laptop = await laptopFigures(events, 2026);
    expect(laptop.find((f) => f.associationId === 'bv-cjm')).toEqual({
      associationId: 'bv-cjm',
      year: 2026,
      dueCents: 250,
      members: 4,
      paid: 1,
      partlyPaid: 1,
      owing: 1,
      waived: 1,
      outstandingCents: 150 + 250,
    });
    expect(laptop.find((f) => f.associationId === 'bv-multibron')).toMatchObject({
      dueCents: 300,
      partlyPaid: 1,
      outstandingCents: 50,
    });
    const server = await serverFigures(events, 2026);
    expect(server.held.length).toBeGreaterThan(0);
    expect(server.figures).toEqual(await laptopFigures(server.held, 2026));
  });

  it('agree on random arrival orders of the same facts (property)', async () => {
    const events = storyEvents();
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(events, { minLength: events.length }), async (order) => {
        expect(await laptopFigures(order, 2026)).toEqual(await laptopFigures(events, 2026));
      }),
      { numRuns: 5 },
    );
  });
});
