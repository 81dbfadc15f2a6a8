import { describe, expect, it } from 'vitest';
import { checkCashCount } from './cash-count.ts';
import { checkPayment, checkReason } from './payment-input.ts';

describe('checkPayment', () => {
  const base = {
    amountRaw: '2,50',
    year: 2026,
    currentYear: 2026,
    memberSinceYear: 2025,
    openCents: 250,
  };
  it.each([
    [{}, { ok: true, cents: 250 }],
    [{ amountRaw: '2.50' }, { ok: true, cents: 250 }],
    [{ amountRaw: '€ 1' }, { ok: true, cents: 100 }],
    [{ amountRaw: '0,5' }, { ok: true, cents: 50 }],
    [{ amountRaw: '0' }, { ok: false, problem: 'amount-zero' }],
    [{ amountRaw: '0,00' }, { ok: false, problem: 'amount-zero' }],
    [{ amountRaw: '-2,50' }, { ok: false, problem: 'amount-negative' }],
    [{ amountRaw: '2.500' }, { ok: false, problem: 'amount-too-large' }],
    [{ amountRaw: '2500' }, { ok: false, problem: 'amount-too-large' }],
    [{ amountRaw: 'twee' }, { ok: false, problem: 'amount-invalid' }],
    [{ amountRaw: '' }, { ok: false, problem: 'amount-invalid' }],
    [{ memberSinceYear: null }, { ok: false, problem: 'not-member' }],
    [{ year: 2024 }, { ok: false, problem: 'year-before-membership' }],
    [{ year: 2025 }, { ok: true, cents: 250 }],
    [{ year: 2027 }, { ok: true, cents: 250 }],
    [{ year: 2028 }, { ok: false, problem: 'year-too-far-ahead' }],
    [{ openCents: 0 }, { ok: false, problem: 'year-already-paid' }],
    [{ openCents: 150 }, { ok: false, problem: 'amount-more-than-open' }],
    [
      { openCents: 150, amountRaw: '1,50' },
      { ok: true, cents: 150 },
    ],
  ] as const)('%j → %j', (change, expected) => {
    expect(checkPayment({ ...base, ...change })).toEqual(expected);
  });
});

describe('checkReason', () => {
  it.each([
    ['  dubbel geboekt ', { ok: true, reason: 'dubbel geboekt' }],
    ['', { ok: false, problem: 'reason-required' }],
    ['   ', { ok: false, problem: 'reason-required' }],
    ['x'.repeat(501), { ok: false, problem: 'reason-too-long' }],
  ] as const)('%j', (raw, expected) => {
    expect(checkReason(raw)).toEqual(expected);
  });
});

describe('checkCashCount', () => {
  it.each([
    [
      { recordedCents: 500, countedRaw: '5,00', reasonRaw: '' },
      { ok: true, countedCents: 500, differenceCents: 0, reason: '' },
    ],
    [
      { recordedCents: 0, countedRaw: '0', reasonRaw: '' },
      { ok: true, countedCents: 0, differenceCents: 0, reason: '' },
    ],
    [
      { recordedCents: 500, countedRaw: '4,50', reasonRaw: '' },
      { ok: false, problem: 'reason-required' },
    ],
    [
      { recordedCents: 500, countedRaw: '4,50', reasonRaw: 'wisselgeld' },
      { ok: true, countedCents: 450, differenceCents: -50, reason: 'wisselgeld' },
    ],
    [
      { recordedCents: 250, countedRaw: '0', reasonRaw: 'kas leeg gevonden' },
      { ok: true, countedCents: 0, differenceCents: -250, reason: 'kas leeg gevonden' },
    ],
    [
      { recordedCents: 500, countedRaw: '1.250,50', reasonRaw: 'fooi' },
      { ok: true, countedCents: 125050, differenceCents: 124550, reason: 'fooi' },
    ],
    [
      { recordedCents: 500, countedRaw: '-5', reasonRaw: 'x' },
      { ok: false, problem: 'amount-negative' },
    ],
    [
      { recordedCents: 500, countedRaw: '20.000', reasonRaw: 'x' },
      { ok: false, problem: 'amount-too-large' },
    ],
    [
      { recordedCents: 500, countedRaw: 'vijf', reasonRaw: 'x' },
      { ok: false, problem: 'amount-invalid' },
    ],
  ] as const)('%j', (input, expected) => {
    expect(checkCashCount(input)).toEqual(expected);
  });
});
