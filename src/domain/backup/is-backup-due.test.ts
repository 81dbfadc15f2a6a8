import { describe, expect, it } from 'vitest';
import { isBackupDue } from './is-backup-due.ts';

const NOW = Date.parse('2026-12-06T12:00:00.000Z');

describe('isBackupDue', () => {
  it.each([
    [null, true],
    ['2026-12-01T12:00:00.000Z', false],
    ['2026-11-29T12:00:00.000Z', true],
    ['2027-06-01T12:00:00.000Z', true],
    ['garbage', true],
  ])('last backup %s: due %s', (last, due) => {
    expect(isBackupDue(last, NOW)).toBe(due);
  });
});
