/**
 * The laptop's own headline: how many facts, their order-independent checksum, and the summary's
 * counts — what a backup restored on another laptop must show the same of.
 */
import { localYearOf } from '../../domain/amsterdam-time.ts';
import { summarize, type Summary } from '../../domain/summary.ts';
import type { EventSetChecksum } from '../../domain/event-set-checksum.ts';
import { checksumOf } from '../../domain/event-set-checksum.ts';
import type { BuurtpasDb } from './database.ts';
import { readLocalLedger } from './sync-state.ts';

export async function readLaptopSummary(
  db: BuurtpasDb,
  nowMs: number,
): Promise<{ checksum: EventSetChecksum; summary: Summary }> {
  const [ids, ledger] = await Promise.all([
    db.events.toCollection().primaryKeys(),
    readLocalLedger(db),
  ]);
  return { checksum: checksumOf(ids), summary: summarize(ledger, localYearOf(nowMs)) };
}
