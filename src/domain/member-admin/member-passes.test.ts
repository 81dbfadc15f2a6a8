import { describe, expect, it } from 'vitest';
import {
  checkNewPassCode,
  digitsFromBytes,
  findOpenPassConflicts,
  listMemberPasses,
  passPairKey,
  type PassFact,
  type PassRowLike,
} from './member-passes.ts';

const issued = (code: string, memberId: string, at: string): PassFact => ({
  kind: 'issued',
  code,
  memberId,
  at,
});
const revoked = (code: string, memberId: string, at: string, reason = 'kwijt'): PassFact => ({
  kind: 'revoked',
  code,
  memberId,
  at,
  reason,
});
const row = (
  code: string,
  memberId: string,
  status: 'active' | 'revoked' = 'active',
  conflictMemberIds: string[] = [],
): PassRowLike => ({ code, memberId, status, conflictMemberIds });

describe('listMemberPasses', () => {
  it('shows a lost pass revoked with its reason and the new one active, newest first', () => {
    const facts = [
      issued('1000000001', 'a', '2026-01-01T10:00:00Z'),
      revoked('1000000001', 'a', '2026-05-01T10:00:00Z'),
      issued('1000000002', 'a', '2026-05-01T10:00:00Z'),
    ];
    const rows = new Map([
      ['1000000001', row('1000000001', 'a', 'revoked')],
      ['1000000002', row('1000000002', 'a')],
    ]);
    expect(listMemberPasses(['a'], facts, rows)).toEqual([
      { code: '1000000002', memberId: 'a', issuedAt: '2026-05-01T10:00:00Z', status: 'active' },
      {
        code: '1000000001',
        memberId: 'a',
        issuedAt: '2026-01-01T10:00:00Z',
        status: 'revoked',
        revokedAt: '2026-05-01T10:00:00Z',
        revokedReason: 'kwijt',
      },
    ]);
  });

  it('marks a code that a scan gives to someone else, and includes passes of merged records', () => {
    const facts = [
      issued('1000000003', 'b', '2026-02-01T10:00:00Z'),
      issued('1000000004', 'old', '2025-02-01T10:00:00Z'),
    ];
    const rows = new Map([
      ['1000000003', row('1000000003', 'z', 'active', ['b'])],
      ['1000000004', row('1000000004', 'old')],
    ]);
    expect(listMemberPasses(['b', 'old'], facts, rows).map((p) => [p.code, p.status])).toEqual([
      ['1000000003', 'held-by-other'],
      ['1000000004', 'active'],
    ]);
  });
});

describe('findOpenPassConflicts', () => {
  it.each<{
    title: string;
    rows: PassRowLike[];
    revoked: string[];
    expected: { code: string; otherIds: string[] }[];
  }>([
    { title: 'no double issue', rows: [row('1', 'a')], revoked: [], expected: [] },
    {
      title: 'issued to a and b',
      rows: [row('1', 'a', 'active', ['b'])],
      revoked: [],
      expected: [{ code: '1', otherIds: ['b'] }],
    },
    {
      title: 'resolved: revoked for b',
      rows: [row('1', 'a', 'active', ['b'])],
      revoked: [passPairKey('1', 'b')],
      expected: [],
    },
    {
      title: 'three people, one resolved',
      rows: [row('1', 'a', 'active', ['c', 'b'])],
      revoked: [passPairKey('1', 'b')],
      expected: [{ code: '1', otherIds: ['c'] }],
    },
  ])('$title', ({ rows, revoked, expected }) => {
    expect(
      findOpenPassConflicts(rows, new Set(revoked)).map((c) => ({
        code: c.code,
        otherIds: c.otherIds,
      })),
    ).toEqual(expected);
  });
});

describe('checkNewPassCode', () => {
  it.each([
    ['1234567890', undefined, { ok: true, code: '1234567890' }],
    [' 1234567890\r', undefined, { ok: true, code: '1234567890' }],
    ['12345', undefined, { ok: false, reason: 'pass-too-short' }],
    // A pre-printed card may carry letters (the default pass shapes take Code 128 text).
    ['12a456', undefined, { ok: true, code: '12a456' }],
    ['&é"(§è', undefined, { ok: false, reason: 'pass-misread' }],
    ['1234567890', { status: 'active' as const }, { ok: false, reason: 'pass-in-use' }],
    ['1234567890', { status: 'revoked' as const }, { ok: false, reason: 'pass-used-before' }],
  ])('%j', (raw, existing, expected) => expect(checkNewPassCode(raw, existing)).toEqual(expected));
});

describe('digitsFromBytes', () => {
  it('maps bytes below 250 to digits and skips the rest', () => {
    expect(digitsFromBytes(new Uint8Array([0, 9, 10, 249, 250, 255, 123]))).toBe('09093');
  });
});
