import { describe, expect, it } from 'vitest';
import { checkReferralInput } from './referral-input.ts';

const base = { source: 'wpi', date: '2026-03-01', name: 'Ama', phone: '', note: '' };

describe('checkReferralInput', () => {
  it('accepts a name or a phone number', () => {
    expect(checkReferralInput(base, '2026-03-02')).toEqual({
      ok: true,
      value: { source: 'wpi', date: '2026-03-01', name: 'Ama', phone: '', note: '' },
    });
    expect(checkReferralInput({ ...base, name: '', phone: '06 1234 5678' }, '2026-03-02').ok).toBe(
      true,
    );
  });

  it.each([
    [{ source: 'gp' }, { source: 'source-unknown' }],
    [{ date: '2026-02-30' }, { date: 'date-invalid' }],
    [{ date: '2026-03-03' }, { date: 'date-in-future' }],
    [{ name: ' ', phone: '' }, { name: 'name-or-phone-required' }],
    [{ phone: 'abc' }, { phone: 'phone-invalid' }],
    [{ note: 'x'.repeat(501) }, { note: 'note-too-long' }],
  ])('refuses %o with %o', (change, problems) => {
    expect(checkReferralInput({ ...base, ...change }, '2026-03-02')).toEqual({
      ok: false,
      problems,
    });
  });
});
