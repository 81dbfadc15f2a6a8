import type { ValidRegistration } from '../../../src/domain/registration.ts';

/** A newcomer at the desk who gives a name only and joins the residents' association. */
export function aNewcomer(name: string): ValidRegistration {
  return { name, phone: '', postcode: '', birthYear: null, becomesMember: true, referral: null };
}
