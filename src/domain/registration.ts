import type { ReferralSource } from './events.ts';

export type RegistrationInput = {
  name: string;
  phone: string;
  postcode: string;
  birthYear: string;
  becomesMember: boolean;
  referral: ReferralSource | '';
  consent: boolean;
};

export type RegistrationErrorCode =
  | 'name-required'
  | 'name-too-long'
  | 'phone-invalid'
  | 'postcode-invalid'
  | 'birth-year-invalid'
  | 'consent-required';

export type ValidRegistration = {
  name: string;
  phone: string;
  postcode: string;
  birthYear: number | null;
  becomesMember: boolean;
  referral: ReferralSource | null;
};

export type RegistrationResult =
  | { ok: true; value: ValidRegistration }
  | { ok: false; errors: Partial<Record<keyof RegistrationInput, RegistrationErrorCode>> };

/**
 * Only the name is required of the person's data; the person's consent to keeping it is
 * required too, and recorded with its date.
 */
export function validateRegistration(
  input: RegistrationInput,
  currentYear: number,
): RegistrationResult {
  const errors: Partial<Record<keyof RegistrationInput, RegistrationErrorCode>> = {};
  const name = input.name.replace(/\s+/g, ' ').trim();
  if (name === '') errors.name = 'name-required';
  else if (name.length > 200) errors.name = 'name-too-long';

  const phone = input.phone.trim();
  if (phone !== '') {
    const digits = phone.replace(/[\s().-]/g, '');
    if (!/^\+?\d{6,15}$/.test(digits)) errors.phone = 'phone-invalid';
  }

  let postcode = input.postcode.replace(/\s+/g, '').toUpperCase();
  if (postcode !== '') {
    if (!/^[1-9]\d{3}[A-Z]{2}$/.test(postcode) || /^\d{4}(SA|SD|SS)$/.test(postcode))
      errors.postcode = 'postcode-invalid';
    else postcode = `${postcode.slice(0, 4)} ${postcode.slice(4)}`;
  }

  let birthYear: number | null = null;
  const by = input.birthYear.trim();
  if (by !== '') {
    const n = Number(by);
    if (!/^\d{4}$/.test(by) || n < 1900 || n > currentYear) errors.birthYear = 'birth-year-invalid';
    else birthYear = n;
  }

  if (!input.consent) errors.consent = 'consent-required';

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      name,
      phone,
      postcode,
      birthYear,
      becomesMember: input.becomesMember,
      referral: input.referral || null,
    },
  };
}
