/**
 * The indicators a coordinator sets targets for, after the seed's table "Prestatie: de na te
 * streven resultaten". The process rows of that table group services: which service falls in
 * which group is decided here by the service's id (the part after "location:"), so a service the
 * coordinator adds later is grouped by its kind: every activity that is not a lesson is a social
 * activity, as the seed's row says ("e.a. sociale activiteiten").
 */
import type { ServiceKind } from '../catalog.ts';

export type ServiceGroup = 'odd-jobs' | 'social-activities' | 'lessons' | 'form-help';

export const SERVICE_GROUPS: readonly ServiceGroup[] = [
  'odd-jobs',
  'social-activities',
  'lessons',
  'form-help',
];

const ODD_JOBS = new Set(['klussendienst', 'tuindienst', 'opruimploeg']);
const LESSONS = new Set(['computerles', 'conversatieles']);
const FORM_HELP = new Set([
  'formulierenbrigade',
  'schuldhulptoeleiding',
  'huurbemiddeling',
  'advocatenspreekuur',
  'hand-in-hand',
]);

export function baseServiceId(serviceId: string): string {
  const i = serviceId.indexOf(':');
  return i === -1 ? serviceId : serviceId.slice(i + 1);
}

export function groupOfService(serviceId: string, kind: ServiceKind): ServiceGroup | null {
  const base = baseServiceId(serviceId);
  if (ODD_JOBS.has(base)) return 'odd-jobs';
  if (LESSONS.has(base)) return 'lessons';
  if (FORM_HELP.has(base)) return 'form-help';
  return kind === 'activity' ? 'social-activities' : null;
}

/**
 * Odd jobs are counted as jobs done (uses plus walk-ins), as the seed does ("Klussen 250");
 * the other groups as distinct people ("Gebruikers", "Klanten").
 */
export const INDICATORS = [
  'registered-clients',
  'new-registrations',
  'paying-members',
  'individuals-reached',
  'referred',
  'referrals-active',
  'volunteers',
  'key-holders',
  'odd-jobs',
  'social-activities',
  'lessons',
  'form-help',
] as const;

export type Indicator = (typeof INDICATORS)[number];

export function isIndicator(value: string): value is Indicator {
  return (INDICATORS as readonly string[]).includes(value);
}

/** Targets for the three locations together use this location id. */
export const ALL_LOCATIONS = 'all';
