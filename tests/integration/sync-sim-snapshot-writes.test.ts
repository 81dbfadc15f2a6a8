/**
 * The simulation's snapshot joiners working while their snapshot loads (tests/sim): the halfway
 * joiner scans, counts walk-ins, takes payments and voids facts older than its snapshot (a payment
 * known as a row, another laptop's visit it holds no fact of) before the last page is in; the
 * restore scenario's joiner works while its snapshot loads again after the restore and voids its
 * own facts from before that load. Every invariant must hold, and the work must really have been
 * done during the loads, or the runs prove nothing about them.
 */
import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import { removeBundledServer } from '../sim/bundle-server.ts';
import { runRestoreSimulation } from '../sim/run-restore-simulation.ts';
import { runSimulation } from '../sim/run-simulation.ts';

describe('simulation: a snapshot laptop that works while its snapshot loads', () => {
  afterAll(removeBundledServer);

  it('halfway joiners, seeds 1 to 6: voids of older facts made while loading count as everywhere', async () => {
    let writes = 0;
    let voidsOlder = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const report = await runSimulation({ seed, steps: 80 });
      expect({ seed, violations: report.violations }).toEqual({ seed, violations: [] });
      writes += report.joiner?.writesDuringLoad ?? 0;
      voidsOlder += report.joiner?.voidsOlderDuringLoad ?? 0;
    }
    expect(writes).toBeGreaterThan(3);
    expect(voidsOlder).toBeGreaterThan(3);
  }, 300_000);

  it('restore joiners, seeds 3 and 4: work during the restarted load counts once', async () => {
    for (const seed of [3, 4]) {
      const report = await runRestoreSimulation({ seed });
      expect({ seed, violations: report.violations }).toEqual({ seed, violations: [] });
      expect(report.joiner.restarted).toBe(true);
      expect(report.joiner.writesDuringRestart).toBeGreaterThan(0);
    }
  }, 300_000);
});
