import { describe, expect, it } from 'vitest';
import { classifyDeviceSyncAge } from './device-sync-age.ts';

const NOW = Date.parse('2026-11-27T12:00:00.000Z');

describe('classifyDeviceSyncAge', () => {
  it.each([
    [null, { kind: 'never' }],
    ['2026-11-27T11:59:00.000Z', { kind: 'recent', at: '2026-11-27T11:59:00.000Z' }],
    ['2026-11-26T12:00:00.000Z', { kind: 'recent', at: '2026-11-26T12:00:00.000Z' }],
    ['2026-11-26T11:00:00.000Z', { kind: 'behind', days: 1, at: '2026-11-26T11:00:00.000Z' }],
    ['2026-11-24T09:00:00.000Z', { kind: 'behind', days: 3, at: '2026-11-24T09:00:00.000Z' }],
    // A laptop clock ahead of the server: not behind.
    ['2026-11-27T13:00:00.000Z', { kind: 'recent', at: '2026-11-27T13:00:00.000Z' }],
  ])('%s', (last, expected) => {
    expect(classifyDeviceSyncAge(last, NOW)).toEqual(expected);
  });
});
