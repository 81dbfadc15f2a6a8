/**
 * Editing a member's profile. The same rules as at registration (src/domain/registration.ts):
 * only the name is required; phone, postcode and birth year are optional, each with its purpose
 * stated on screen. A save writes only the fields that changed, so an edit of the phone on one
 * laptop never overwrites a postcode edited on another (per-field last writer wins).
 */
import type { ProfileFields } from '../events.ts';
import { validateRegistration, type RegistrationErrorCode } from '../registration.ts';

export type ProfileEditInput = { name: string; phone: string; postcode: string; birthYear: string };
export type ProfileEditField = keyof ProfileEditInput;

export type ProfileEditResult =
  | { ok: true; fields: Required<Pick<ProfileFields, 'name' | 'phone' | 'postcode' | 'birthYear'>> }
  | { ok: false; errors: Partial<Record<ProfileEditField, RegistrationErrorCode>> };

export function validateProfileEdit(
  input: ProfileEditInput,
  currentYear: number,
): ProfileEditResult {
  // Consent is recorded separately (with its date), so it is not part of an edit.
  const result = validateRegistration(
    { ...input, becomesMember: false, referral: '', consent: true },
    currentYear,
  );
  if (!result.ok) {
    const errors: Partial<Record<ProfileEditField, RegistrationErrorCode>> = {};
    for (const key of ['name', 'phone', 'postcode', 'birthYear'] as const) {
      const code = result.errors[key];
      if (code) errors[key] = code;
    }
    return { ok: false, errors };
  }
  const v = result.value;
  return {
    ok: true,
    fields: { name: v.name, phone: v.phone, postcode: v.postcode, birthYear: v.birthYear },
  };
}

/** The form's starting values from the stored fields. */
export function profileEditInputOf(fields: ProfileFields): ProfileEditInput {
  return {
    name: fields.name ?? '',
    phone: fields.phone ?? '',
    postcode: fields.postcode ?? '',
    birthYear: fields.birthYear == null ? '' : String(fields.birthYear),
  };
}

/** Only the fields whose value differs from the stored one; an absent field counts as empty. */
export function changedProfileFields(current: ProfileFields, next: ProfileFields): ProfileFields {
  const out: ProfileFields = {};
  const empty = { name: '', phone: '', postcode: '', birthYear: null, consentDate: '' } as const;
  for (const key of Object.keys(next) as (keyof ProfileFields)[]) {
    const before = current[key] ?? empty[key];
    const after = next[key] ?? empty[key];
    if (before !== after) (out as Record<string, unknown>)[key] = after;
  }
  return out;
}
