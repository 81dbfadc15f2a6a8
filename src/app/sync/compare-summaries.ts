/**
 * Where the laptop's counts differ from the server's, as paths ("total.payingMembers: 12 ≠ 13").
 * Empty means they agree, checksum included. Both sides come from `summarize`, so a difference
 * is a missing or extra event, never a different rule.
 */
import type { EventSetChecksum } from '../../domain/event-set-checksum.ts';
import type { Summary } from '../../domain/summary.ts';

function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value))
      flatten(v, prefix === '' ? k : `${prefix}.${k}`, out);
    return;
  }
  out.set(prefix, value);
}

export function compareSummaries(
  local: Summary,
  localChecksum: EventSetChecksum,
  server: Summary,
  serverChecksum: EventSetChecksum,
): string[] {
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  flatten({ summary: local, checksum: localChecksum }, '', a);
  flatten({ summary: server, checksum: serverChecksum }, '', b);
  const differences: string[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(key) ?? 0;
    const y = b.get(key) ?? 0;
    if (x !== y) differences.push(`${key}: ${String(x)} ≠ ${String(y)}`);
  }
  return differences.sort();
}
