import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  contributionStatus,
  defaultDueCentsOf,
  dueCentsFor,
  isOwed,
  isPayingMember,
  openCentsOf,
  parseAmount,
  sumPaidAndWaived,
} from './contribution.ts';

describe('contributionStatus', () => {
  it.each([
    [{ isMember: false, paidCents: 0, dueCents: 250, waived: false }, { kind: 'not-member' }],
    [{ isMember: false, paidCents: 250, dueCents: 250, waived: false }, { kind: 'not-member' }],
    [
      { isMember: true, paidCents: 0, dueCents: 250, waived: false },
      { kind: 'unpaid', dueCents: 250, openCents: 250 },
    ],
    [
      { isMember: true, paidCents: 100, dueCents: 250, waived: false },
      { kind: 'partial', paidCents: 100, dueCents: 250, openCents: 150 },
    ],
    [
      { isMember: true, paidCents: 250, dueCents: 250, waived: false },
      { kind: 'paid', paidCents: 250, dueCents: 250 },
    ],
    [
      { isMember: true, paidCents: 300, dueCents: 250, waived: false },
      { kind: 'paid', paidCents: 300, dueCents: 250 },
    ],
    [
      { isMember: true, paidCents: 0, dueCents: 250, waived: true },
      { kind: 'waived', dueCents: 250 },
    ],
    [
      { isMember: true, paidCents: 100, dueCents: 250, waived: true },
      { kind: 'waived', dueCents: 250 },
    ],
    [
      { isMember: true, paidCents: 0, dueCents: 300, waived: false },
      { kind: 'unpaid', dueCents: 300, openCents: 300 },
    ],
  ])('%o → %o', (input, expected) => {
    expect(contributionStatus(input)).toEqual(expected);
  });

  it('a paying member paid at least the year amount', () => {
    expect(isPayingMember(250, 250)).toBe(true);
    expect(isPayingMember(249, 250)).toBe(false);
    expect(isPayingMember(0, 0)).toBe(false);
  });
});

describe('parseAmount', () => {
  it.each([
    ['2,50', 250],
    ['2.50', 250],
    ['€ 2,50', 250],
    ['€2.5', 250],
    ['1', 100],
    ['0,5', 50],
    [',75', 75],
    [' 1,00 ', 100],
  ])('reads %s as %i cents', (raw, cents) => {
    expect(parseAmount(raw)).toEqual({ ok: true, cents });
  });

  it.each([
    ['', 'amount-invalid'],
    ['abc', 'amount-invalid'],
    ['2,505', 'amount-invalid'],
    ['1,2,3', 'amount-invalid'],
    ['0', 'amount-zero'],
    ['0,00', 'amount-zero'],
    ['-2,50', 'amount-negative'],
    ['2.500', 'amount-too-large'],
    ['€ 2.500,00', 'amount-too-large'],
    ['250', 'amount-too-large'],
  ])('refuses %s with %s', (raw, reason) => {
    expect(parseAmount(raw)).toEqual({ ok: false, reason });
  });
});

describe('isOwed and openCentsOf', () => {
  it.each([
    [{ kind: 'not-member' } as const, false, 0],
    [{ kind: 'waived', dueCents: 250 } as const, false, 0],
    [{ kind: 'paid', paidCents: 250, dueCents: 250 } as const, false, 0],
    [{ kind: 'partial', paidCents: 100, dueCents: 250, openCents: 150 } as const, true, 150],
    [{ kind: 'unpaid', dueCents: 250, openCents: 250 } as const, true, 250],
  ])('%o: owed %s, open %i', (status, owed, open) => {
    expect(isOwed(status)).toBe(owed);
    expect(openCentsOf(status)).toBe(open);
  });
});

describe('dueCentsFor', () => {
  it('takes the amount the treasurer set for the year', () => {
    expect(dueCentsFor('bv-cjm', { amountCents: 300 })).toBe(300);
  });

  it("falls back to the association's default, and to the general default for an unknown one", () => {
    expect(dueCentsFor('bv-cjm', undefined)).toBe(defaultDueCentsOf('bv-cjm'));
    expect(defaultDueCentsOf('bv-cjm')).toBe(250);
    expect(dueCentsFor('bv-unknown', undefined)).toBe(250);
  });
});

describe('sumPaidAndWaived', () => {
  it.each([
    [[], { paidCents: 0, waived: false }],
    [[undefined], { paidCents: 0, waived: false }],
    [[{ paidCents: 250, waived: false }], { paidCents: 250, waived: false }],
    // A person paid part on their old record (merged away) and the rest on the one they live on.
    [
      [{ paidCents: 100, waived: false }, undefined, { paidCents: 150, waived: false }],
      { paidCents: 250, waived: false },
    ],
    // A waiver on any of the records waives the year.
    [
      [
        { paidCents: 0, waived: false },
        { paidCents: 50, waived: true },
      ],
      { paidCents: 50, waived: true },
    ],
  ])('%o → %o', (rows, expected) => {
    expect(sumPaidAndWaived(rows)).toEqual(expected);
  });

  it('over merged records gives the status the person has', () => {
    const paid = sumPaidAndWaived([
      { paidCents: 100, waived: false },
      { paidCents: 150, waived: false },
    ]);
    expect(contributionStatus({ isMember: true, dueCents: 250, ...paid }).kind).toBe('paid');
  });

  it('does not depend on the order the records are read in', () => {
    const row = fc.option(
      fc.record({ paidCents: fc.integer({ min: 0, max: 10_000 }), waived: fc.boolean() }),
      { nil: undefined },
    );
    fc.assert(
      fc.property(
        fc
          .array(row, { maxLength: 8 })
          .chain((rows) =>
            fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length })),
          ),
        ([rows, shuffled]) => {
          expect(sumPaidAndWaived(shuffled)).toEqual(sumPaidAndWaived(rows));
        },
      ),
    );
  });
});
