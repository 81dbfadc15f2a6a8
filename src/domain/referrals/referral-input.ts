/**
 * A referral as typed at the desk: who referred (the catalogue of sources), on which date, and
 * enough to recognise the person — a name or a phone number — with an optional note. The person's
 * details never go into a fact; they are checked here and kept in the laptop's referral record.
 */
import { referralSources } from '../event-facts.ts';
import type { ReferralSource } from '../events.ts';

export type ReferralInput = {
  source: string;
  date: string;
  name: string;
  phone: string;
  note: string;
};

export type ReferralProblem =
  | 'source-unknown'
  | 'date-invalid'
  | 'date-in-future'
  | 'name-or-phone-required'
  | 'name-too-long'
  | 'phone-invalid'
  | 'note-too-long';

export type ValidReferral = {
  source: ReferralSource;
  date: string;
  name: string;
  phone: string;
  note: string;
};

export type ReferralCheck =
  | { ok: true; value: ValidReferral }
  | { ok: false; problems: Partial<Record<keyof ReferralInput, ReferralProblem>> };

function isRealDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
}

export function checkReferralInput(input: ReferralInput, today: string): ReferralCheck {
  const problems: Partial<Record<keyof ReferralInput, ReferralProblem>> = {};
  const source = (referralSources as readonly string[]).includes(input.source)
    ? (input.source as ReferralSource)
    : null;
  if (source === null) problems.source = 'source-unknown';
  const date = input.date.trim();
  if (!isRealDate(date)) problems.date = 'date-invalid';
  else if (date > today) problems.date = 'date-in-future';
  const name = input.name.replace(/\s+/g, ' ').trim();
  const phone = input.phone.trim();
  const note = input.note.trim();
  if (name === '' && phone === '') problems.name = 'name-or-phone-required';
  else if (name.length > 200) problems.name = 'name-too-long';
  if (phone !== '' && !/^\+?\d{6,15}$/.test(phone.replace(/[\s().-]/g, '')))
    problems.phone = 'phone-invalid';
  if (note.length > 500) problems.note = 'note-too-long';
  if (Object.keys(problems).length > 0 || source === null) return { ok: false, problems };
  return { ok: true, value: { source, date, name, phone, note } };
}
