/**
 * The access export (AVG/GDPR art. 15): everything this laptop stores about one person, from the
 * facts themselves, in a plain shape that is both the JSON handed over and what the readable
 * print-out shows. Merged records are the same person, so their facts are included.
 */
import { localDateOf, localTimeOf } from '../amsterdam-time.ts';
import { memberIdOf } from '../event-facts.ts';
import type {
  BuurtpasEvent,
  PaymentMethod,
  ProfileFields,
  ReferralSource,
  RoleKind,
} from '../events.ts';

export const ACCESS_EXPORT_FORMAT = 'buurtpas-access-export';

export type AccessExport = {
  format: typeof ACCESS_EXPORT_FORMAT;
  version: 1;
  generatedAt: string;
  person: { memberIds: string[]; fields: ProfileFields; erased: boolean };
  profileHistory: { date: string; time: string; fields: ProfileFields }[];
  registrations: {
    date: string;
    locationId: string;
    kind: 'registered' | 'deregistered';
    reason?: string;
  }[];
  memberships: {
    date: string;
    associationId: string;
    kind: 'started' | 'ended';
    reason?: string;
  }[];
  passes: { date: string; code: string; kind: 'issued' | 'revoked'; reason?: string }[];
  payments: {
    date: string;
    associationId: string;
    year: number;
    amountCents: number;
    method: PaymentMethod;
    voided: boolean;
  }[];
  waivers: { date: string; associationId: string; year: number; reason: string; voided: boolean }[];
  visits: { date: string; time: string; locationId: string; voided: boolean }[];
  serviceUses: {
    date: string;
    time: string;
    locationId: string;
    serviceId: string;
    voided: boolean;
  }[];
  referrals: { date: string; locationId: string; source: ReferralSource }[];
  rolePeriods: { locationId: string; role: RoleKind; from: string; to: string | null }[];
};

export type AccessExportInput = {
  memberIds: readonly string[];
  fields: ProfileFields;
  erased: boolean;
  events: readonly BuurtpasEvent[];
  voidedEventIds: ReadonlySet<string>;
  generatedAt: string;
};

export function buildAccessExport(input: AccessExportInput): AccessExport {
  const out: AccessExport = {
    format: ACCESS_EXPORT_FORMAT,
    version: 1,
    generatedAt: input.generatedAt,
    person: { memberIds: [...input.memberIds], fields: { ...input.fields }, erased: input.erased },
    profileHistory: [],
    registrations: [],
    memberships: [],
    passes: [],
    payments: [],
    waivers: [],
    visits: [],
    serviceUses: [],
    referrals: [],
    rolePeriods: [],
  };
  const ids = new Set(input.memberIds);
  const events = [...input.events].sort((a, b) =>
    a.at < b.at ? -1 : a.at > b.at ? 1 : a.eventId < b.eventId ? -1 : 1,
  );
  const seen = new Set<string>();
  for (const e of events) {
    if (seen.has(e.eventId)) continue;
    seen.add(e.eventId);
    const about = memberIdOf(e);
    if (about === undefined || !ids.has(about)) continue;
    const date = localDateOf(e.at);
    const voided = input.voidedEventIds.has(e.eventId);
    switch (e.type) {
      case 'member-profile-set':
        if (Object.keys(e.data.fields).length > 0)
          out.profileHistory.push({ date, time: localTimeOf(e.at), fields: e.data.fields });
        break;
      case 'client-registered':
        out.registrations.push({ date, locationId: e.data.locationId, kind: 'registered' });
        break;
      case 'client-deregistered':
        out.registrations.push({
          date,
          locationId: e.data.locationId,
          kind: 'deregistered',
          reason: e.data.reason,
        });
        break;
      case 'membership-started':
        out.memberships.push({
          date: e.data.date,
          associationId: e.data.associationId,
          kind: 'started',
        });
        break;
      case 'membership-ended':
        out.memberships.push({
          date: e.data.date,
          associationId: e.data.associationId,
          kind: 'ended',
          reason: e.data.reason,
        });
        break;
      case 'pass-issued':
        out.passes.push({ date, code: e.data.code, kind: 'issued' });
        break;
      case 'pass-revoked':
        out.passes.push({ date, code: e.data.code, kind: 'revoked', reason: e.data.reason });
        break;
      case 'payment-recorded':
        out.payments.push({
          date,
          associationId: e.data.associationId,
          year: e.data.year,
          amountCents: e.data.amountCents,
          method: e.data.method,
          voided,
        });
        break;
      case 'contribution-waived':
        out.waivers.push({
          date,
          associationId: e.data.associationId,
          year: e.data.year,
          reason: e.data.reason,
          voided,
        });
        break;
      case 'visit-recorded':
        out.visits.push({ date, time: localTimeOf(e.at), locationId: e.data.locationId, voided });
        break;
      case 'service-used':
        out.serviceUses.push({
          date,
          time: localTimeOf(e.at),
          locationId: e.data.locationId,
          serviceId: e.data.serviceId,
          voided,
        });
        break;
      case 'referral-recorded':
        out.referrals.push({
          date: e.data.date,
          locationId: e.data.locationId,
          source: e.data.source,
        });
        break;
      case 'role-period-set':
        out.rolePeriods.push({
          locationId: e.data.locationId,
          role: e.data.role,
          from: e.data.from,
          to: e.data.to,
        });
        break;
      default:
        break;
    }
  }
  return out;
}
