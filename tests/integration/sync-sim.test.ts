/**
 * The fault-injection simulation with fixed seeds (long runs: `npm run sim -- --runs 200`).
 * Each run: 3–9 laptops, and one more that joins halfway from the server's snapshot (no facts
 * of its own), random desk work, a faulty network; one run kills the server process
 * with SIGKILL mid-push and restarts it. Every invariant must hold after the faults heal.
 */
import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import { removeBundledServer } from '../sim/bundle-server.ts';
import { runSimulation } from '../sim/run-simulation.ts';

describe('fault-injection simulation', () => {
  afterAll(removeBundledServer);

  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: nothing lost, nothing twice, replicas converge, counts equal the oracle, erasure leaves no trace`, async () => {
      const report = await runSimulation({ seed, steps: 100 });
      expect(report.violations).toEqual([]);
      expect(report.events).toBeGreaterThan(50);
      // The laptop that joined halfway started from the snapshot, and was checked as the others.
      expect(report.joiner?.fromSnapshot).toBe(true);
      // The run must actually have been faulty, or it proves nothing.
      expect(
        Object.entries(report.faults).filter(([k, v]) => k !== 'none' && v > 0).length,
      ).toBeGreaterThan(2);
    }, 120_000);
  }

  // Short runs so the rulebook cannot drift (the CI simulation, issue 8): each compares every
  // derived table of every laptop with the projection of the server's events, and the counts with
  // the oracle; every fifth kills the server process (bundled once, tests/sim/bundle-server.ts).
  it("30 short runs, seeds 11 to 40: every laptop's derived tables equal the server's projection", async () => {
    let kills = 0;
    let joinedFromSnapshot = 0;
    let voidsOlder = 0;
    for (let seed = 11; seed <= 40; seed++) {
      const report = await runSimulation({
        seed,
        laptops: 2 + (seed % 2),
        steps: 30,
        kill: seed % 5 === 4,
      });
      kills += report.kills;
      if (report.joiner?.fromSnapshot) joinedFromSnapshot++;
      voidsOlder += report.joiner?.voidsOlder ?? 0;
      expect({ seed, violations: report.violations }).toEqual({ seed, violations: [] });
    }
    // The kill runs must have killed, or they proved nothing beyond the others.
    expect(kills).toBeGreaterThan(0);
    // Joiners from the snapshot, some voiding a payment older than their snapshot.
    expect(joinedFromSnapshot).toBeGreaterThan(20);
    expect(voidsOlder).toBeGreaterThan(0);
  }, 600_000);

  it('seed 7 with the server process SIGKILLed between commit and answer, and restarted', async () => {
    const report = await runSimulation({ seed: 7, laptops: 3, steps: 80, kill: true });
    expect(report.violations).toEqual([]);
    expect(report.kills).toBeGreaterThan(0);
  }, 180_000);
});
