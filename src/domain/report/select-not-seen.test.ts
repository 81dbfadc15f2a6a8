import { describe, expect, it } from 'vitest';
import type { Period } from '../ledger.ts';
import { selectNotSeenSince } from './select-not-seen.ts';

const reg = (
  memberId: string,
  scopeId: string,
  opened: string[],
  closed: string[] = [],
): Period => ({ memberId, scopeId, opened, closed });

describe('selectNotSeenSince', () => {
  it('picks open registrations at the location not seen since the date', () => {
    const registrations = [
      reg('a', 'cjm', ['2024-01-01']), // not seen → picked
      reg('b', 'cjm', ['2024-01-01']), // seen → kept
      reg('c', 'cjm', ['2024-01-01'], ['2025-01-01']), // already deregistered
      reg('d', 'cjm', ['2026-02-01']), // registered after the date → kept
      reg('e', 'multibron', ['2024-01-01']), // another location
      reg('f', 'cjm', ['2024-01-01']), // merged into b, who was seen → kept
      reg('g', 'cjm', ['2024-01-01']), // seen under a record merged into g → kept
    ];
    const merged: Record<string, string> = { f: 'b', h: 'g' };
    const out = selectNotSeenSince({
      registrations,
      seenMemberIds: new Set(['b', 'h']),
      canonical: (id) => merged[id] ?? id,
      locationId: 'cjm',
      since: '2026-01-01',
      today: '2026-11-27',
    });
    expect(out).toEqual(['a']);
  });
});
