import type { ReactNode } from 'react';
import { useLiveQuery } from '../../db/use-live-query.ts';
import { localDateOf, localTimeOf } from '../../../domain/amsterdam-time.ts';
import type { AccessExport } from '../../../domain/member-admin/access-export.ts';
import { useDb } from '../../db/db-context.tsx';
import { readDefinedServices } from '../../db/member-admin-queries.ts';
import { formatLocalDate, formatMoney } from '../../i18n/format.ts';
import { useLang, useT } from '../../i18n/use-t.ts';
import { associationName, locationName, serviceName } from './names.ts';

/** The readable form of the access export: the same data as the JSON, in words. */
export function AccessExportView({ data, name }: { data: AccessExport; name: string }) {
  const t = useT();
  const lang = useLang();
  const db = useDb();
  const services = useLiveQuery(() => readDefinedServices(db), [db]) ?? [];
  const changed = new Map(services.map((s) => [s.id, s.name]));
  const d = formatLocalDate;
  const voided = (v: boolean) => (v ? ` ${t('members.export.voided')}` : '');
  const f = data.person.fields;
  const fieldLabel = (k: string) =>
    k === 'consentDate' ? t('members.export.consent') : t(`members.profile.${k}`);
  const fieldValue = (k: string, v: unknown) =>
    v === null || v === '' ? '—' : k === 'consentDate' ? d(String(v)) : String(v);
  return (
    <div className="access-export" data-testid="access-export">
      <h4>{t('members.export.heading', { name })}</h4>
      <p>
        {t('members.export.generated', {
          date: d(localDateOf(data.generatedAt)),
          time: localTimeOf(data.generatedAt),
        })}
      </p>
      <Part
        title={t('members.export.profile')}
        items={[
          ...(f.name ? [`${t('members.profile.name')}: ${f.name}`] : []),
          ...(f.phone ? [`${t('members.profile.phone')}: ${f.phone}`] : []),
          ...(f.postcode ? [`${t('members.profile.postcode')}: ${f.postcode}`] : []),
          ...(f.birthYear ? [`${t('members.profile.birthYear')}: ${f.birthYear}`] : []),
          ...(f.consentDate ? [`${t('members.export.consent')}: ${d(f.consentDate)}`] : []),
        ]}
        none={t('members.export.nothing')}
      />
      <Part
        title={t('members.export.profileHistory')}
        none={t('members.export.nothing')}
        items={data.profileHistory.map(
          (h) =>
            `${d(h.date)} ${h.time}: ${Object.entries(h.fields)
              .map(([k, v]) => `${fieldLabel(k)}: ${fieldValue(k, v)}`)
              .join('; ')}`,
        )}
      />
      <Part
        title={t('members.export.registrations')}
        none={t('members.export.nothing')}
        items={data.registrations.map(
          (r) =>
            `${d(r.date)}: ${locationName(r.locationId)}, ${t(`members.export.kind.${r.kind}`)}${r.reason ? ` (${r.reason})` : ''}`,
        )}
      />
      <Part
        title={t('members.export.memberships')}
        none={t('members.export.nothing')}
        items={data.memberships.map(
          (m) =>
            `${d(m.date)}: ${associationName(m.associationId)}, ${t(`members.export.kind.${m.kind}`)}${m.reason ? ` (${m.reason})` : ''}`,
        )}
      />
      <Part
        title={t('members.export.passes')}
        none={t('members.export.nothing')}
        items={data.passes.map(
          (p) =>
            `${d(p.date)}: ${p.code}, ${t(`members.export.kind.${p.kind}`)}${p.reason ? ` (${p.reason})` : ''}`,
        )}
      />
      <Part
        title={t('members.export.payments')}
        none={t('members.export.nothing')}
        items={data.payments.map(
          (p) =>
            `${d(p.date)}: ${t('members.export.payment', { amount: formatMoney(p.amountCents, lang), year: p.year, method: t(`members.export.method.${p.method}`) })}, ${associationName(p.associationId)}${voided(p.voided)}`,
        )}
      />
      <Part
        title={t('members.export.waivers')}
        none={t('members.export.nothing')}
        items={data.waivers.map(
          (w) =>
            `${d(w.date)}: ${w.year}, ${associationName(w.associationId)} (${w.reason})${voided(w.voided)}`,
        )}
      />
      <Part
        title={t('members.export.visits')}
        none={t('members.export.nothing')}
        items={data.visits.map(
          (v) => `${d(v.date)} ${v.time}: ${locationName(v.locationId)}${voided(v.voided)}`,
        )}
      />
      <Part
        title={t('members.export.serviceUses')}
        none={t('members.export.nothing')}
        items={data.serviceUses.map(
          (s) =>
            `${d(s.date)} ${s.time}: ${serviceName(s.serviceId, lang, changed)}, ${locationName(s.locationId)}${voided(s.voided)}`,
        )}
      />
      <Part
        title={t('members.export.referrals')}
        none={t('members.export.nothing')}
        items={data.referrals.map(
          (r) =>
            `${d(r.date)}: ${locationName(r.locationId)}, ${t(`members.export.source.${r.source}`)}`,
        )}
      />
      <Part
        title={t('members.export.rolePeriods')}
        none={t('members.export.nothing')}
        items={data.rolePeriods.map(
          (r) =>
            `${locationName(r.locationId)}: ${t(`members.export.role.${r.role}`)}, ${d(r.from)} – ${r.to ? d(r.to) : t('members.export.ongoing')}`,
        )}
      />
    </div>
  );
}

function Part({
  title,
  items,
  none,
}: {
  title: string;
  items: readonly ReactNode[];
  none: string;
}) {
  return (
    <section>
      <h5>{title}</h5>
      {items.length === 0 ? (
        <p className="muted">{none}</p>
      ) : (
        <ul>
          {items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
