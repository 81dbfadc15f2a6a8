/**
 * The simulation's restore scenario (tests/sim/run-restore-simulation.ts): a faulty network, an
 * online backup, a restore from that older backup mid-run, and nothing a laptop wrote is lost.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { runRestoreSimulation } from '../sim/run-restore-simulation.ts';

describe('fault-injection simulation: restore from an older backup', () => {
  for (const seed of [1, 2]) {
    it(`seed ${seed}: every fact the laptops wrote is back on the server, once, and all agree`, async () => {
      const report = await runRestoreSimulation({ seed });
      expect(report.violations).toEqual([]);
      // The restore must really have gone back in time, or it proves nothing.
      expect(report.eventsAfterRestore).toBe(report.eventsAtBackup);
      expect(report.eventsBeforeRestore).toBeGreaterThan(report.eventsAtBackup);
      expect(report.eventsAtEnd).toBeGreaterThanOrEqual(report.eventsBeforeRestore);
      // The laptop that joined from a snapshot (before the backup for seed 1, after it for seed
      // 2) started again from the restored server's snapshot.
      expect(report.joiner).toMatchObject({ afterBackup: seed === 2, restarted: true });
      expect(report.joiner.snapshotSeq).toBeGreaterThan(0);
    }, 180_000);
  }
});
