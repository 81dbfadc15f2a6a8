import { describe, expect, it } from 'vitest';
import { validateRegistration, type RegistrationInput } from './registration.ts';

const base: RegistrationInput = {
  name: 'Ama Boateng',
  phone: '',
  postcode: '',
  birthYear: '',
  becomesMember: false,
  referral: '',
  consent: true,
};

describe('validateRegistration', () => {
  it('needs only a name and consent', () => {
    expect(validateRegistration(base, 2026)).toEqual({
      ok: true,
      value: {
        name: 'Ama Boateng',
        phone: '',
        postcode: '',
        birthYear: null,
        becomesMember: false,
        referral: null,
      },
    });
  });

  it('normalises the postcode and keeps the referral', () => {
    const r = validateRegistration(
      { ...base, postcode: '1104ab', birthYear: '1961', referral: 'wpi', phone: '06-12345678' },
      2026,
    );
    expect(r).toMatchObject({
      ok: true,
      value: { postcode: '1104 AB', birthYear: 1961, referral: 'wpi' },
    });
  });

  it.each<[Partial<RegistrationInput>, Record<string, string>]>([
    [{ name: '   ' }, { name: 'name-required' }],
    [{ name: 'x'.repeat(201) }, { name: 'name-too-long' }],
    [{ phone: 'abc' }, { phone: 'phone-invalid' }],
    [{ phone: '123' }, { phone: 'phone-invalid' }],
    [{ postcode: '0123 AB' }, { postcode: 'postcode-invalid' }],
    [{ postcode: '1104 SS' }, { postcode: 'postcode-invalid' }],
    [{ birthYear: '1899' }, { birthYear: 'birth-year-invalid' }],
    [{ birthYear: '2027' }, { birthYear: 'birth-year-invalid' }],
    [{ birthYear: '61' }, { birthYear: 'birth-year-invalid' }],
    [{ consent: false }, { consent: 'consent-required' }],
    [
      { name: '', consent: false },
      { name: 'name-required', consent: 'consent-required' },
    ],
  ])('%o → %o', (change, errors) => {
    expect(validateRegistration({ ...base, ...change }, 2026)).toEqual({ ok: false, errors });
  });
});
