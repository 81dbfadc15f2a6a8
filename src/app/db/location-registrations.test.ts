import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BuurtpasEvent } from '../../domain/events.ts';
import { foldEvents, periodKey } from '../../domain/ledger.ts';
import { anEvent, testId } from '../../domain/testing/event-builders.ts';
import { freshDb, seededRandom } from '../test/render-app.tsx';
import { storeAndApply } from './apply-events.ts';
import { voidEvent } from './desk-actions.ts';
import {
  deregisterAtLocation,
  readLocationRegistrations,
  readOpenLocations,
  registerAtThisLocation,
  returnToLocation,
} from './location-registrations.ts';
import type { Writer } from './record-events.ts';

const M = testId(4401);
const at = (d: string) => ({ at: `${d}T10:00:00.000Z` });
const NOW = Date.parse('2026-05-04T10:00:00.000Z');
const mbWriter = (): Writer => ({
  deviceId: 'dmultibron',
  locationId: 'multibron',
  role: 'desk',
  random: seededRandom(3),
});

describe('one person, several locations, on the laptop', () => {
  it('registers a CJM member at MultiBron as the same member; leaving and undo there leave CJM alone', async () => {
    const db = await freshDb('multibron');
    await storeAndApply(db, [
      { event: anEvent('client-registered', { memberId: M, locationId: 'cjm' }, at('2026-01-05')) },
    ]);
    const writer = mbWriter();
    expect(await registerAtThisLocation(db, writer, M, NOW)).not.toBeNull();
    // A second tap records nothing.
    expect(await registerAtThisLocation(db, writer, M, NOW)).toBeNull();
    expect((await readOpenLocations(db, [M], NOW)).get(M)).toEqual(['cjm', 'multibron']);

    const left = await deregisterAtLocation(db, writer, M, 'multibron', 'stopt hier', NOW + 1000);
    expect((await readOpenLocations(db, [M], NOW + 2000)).get(M)).toEqual(['cjm']);
    expect(await voidEvent(db, writer, left, 'ongedaan gemaakt', NOW + 3000)).toEqual({ ok: true });
    expect((await readOpenLocations(db, [M], NOW + 4000)).get(M)).toEqual(['cjm', 'multibron']);

    await deregisterAtLocation(db, writer, M, 'multibron', 'stopt hier', NOW + 5000);
    await returnToLocation(db, writer, M, 'multibron', NOW + 6000);
    const rows = await readLocationRegistrations(db, M, NOW + 7000);
    expect(rows.map((r) => [r.locationId, r.open])).toEqual([
      ['cjm', true],
      ['multibron', true],
    ]);
    db.close();
  });

  it('the laptop rows equal the domain fold for leave, return and undo in any order (property)', async () => {
    const reg = (loc: string, d: string, h: number) =>
      anEvent(
        'client-registered',
        { memberId: M, locationId: loc },
        { at: `${d}T${h}:00:00.000Z` },
      );
    const dereg = (loc: string, d: string, h: number) =>
      anEvent(
        'client-deregistered',
        { memberId: M, locationId: loc, reason: 'weg' },
        { at: `${d}T${h}:00:00.000Z` },
      );
    const left = dereg('multibron', '2026-03-01', 10);
    const events: BuurtpasEvent[] = [
      reg('cjm', '2026-01-05', 10),
      reg('multibron', '2026-02-01', 10),
      left,
      anEvent(
        'event-voided',
        { targetEventId: left.eventId, reason: 'vergissing' },
        at('2026-03-01'),
      ),
      dereg('multibron', '2026-04-01', 10),
      reg('multibron', '2026-04-01', 12),
      dereg('cjm', '2026-04-02', 10),
      anEvent('member-erased', { memberId: M }, at('2026-06-01')),
    ];
    const want = foldEvents(events).registrations;
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(events, { minLength: events.length }),
        fc.integer({ min: 1, max: 3 }),
        async (shuffled, chunk) => {
          const db = await freshDb('multibron');
          for (let i = 0; i < shuffled.length; i += chunk)
            await storeAndApply(
              db,
              shuffled.slice(i, i + chunk).map((event) => ({ event })),
            );
          for (const loc of ['cjm', 'multibron']) {
            const row = await db.registrations.get(periodKey(M, loc));
            const fold = want.get(periodKey(M, loc))!;
            expect({ opened: row?.opened, closed: row?.closed }).toEqual({
              opened: fold.opened,
              closed: fold.closed,
            });
          }
          db.close();
        },
      ),
      { numRuns: 12 },
    );
  });
});
