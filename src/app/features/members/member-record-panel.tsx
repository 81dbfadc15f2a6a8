import { useId, useState, type FormEvent } from 'react';
import { useLiveQuery } from '../../db/use-live-query.ts';
import { localYearOf } from '../../../domain/amsterdam-time.ts';
import { isOpenAt, type Period } from '../../../domain/ledger.ts';
import {
  profileEditInputOf,
  validateProfileEdit,
  type ProfileEditField,
  type ProfileEditInput,
} from '../../../domain/member-admin/profile-edit.ts';
import type { RegistrationErrorCode } from '../../../domain/registration.ts';
import { localDateOf } from '../../../domain/amsterdam-time.ts';
import { useDesk } from '../../context/desk-context.tsx';
import { useDb } from '../../db/db-context.tsx';
import type { MemberRow } from '../../db/database.ts';
import { recordConsent, saveProfileFields } from '../../db/member-admin-actions.ts';
import { readMemberRecord } from '../../db/member-admin-queries.ts';
import { formatLocalDate } from '../../i18n/format.ts';
import { useT } from '../../i18n/use-t.ts';
import { RoleGate } from '../../ui/role-gate.tsx';
import { associationName, locationName } from './names.ts';
import { PassesSection } from './passes-section.tsx';
import { LocationRegistrationsSection } from './location-registrations-section.tsx';
import { PrivacySection } from './privacy-section.tsx';
import type { Transport } from '../../sync/sync-engine.ts';
import { useDescribeError } from '../../ui/describe-error.ts';

/** One person's record. Reads live, so a scan or a sync elsewhere shows up at once. */
export function MemberRecordPanel({
  memberId,
  onClose,
  transport,
}: {
  memberId: string;
  onClose: () => void;
  transport?: Transport | undefined;
}) {
  const t = useT();
  const db = useDb();
  const id = useId();
  const record = useLiveQuery(() => readMemberRecord(db, memberId), [db, memberId]);
  if (record === undefined) return <p className="loading">{t('app.loading')}</p>;
  if (record === null) return null;
  const { member } = record;
  const name = member.erased ? t('members.find.noName') : member.name;
  return (
    <article className="member-record" aria-labelledby={`${id}-title`}>
      <div className="record-head">
        <h2 id={`${id}-title`}>{t('members.record.title', { name })}</h2>
        <button type="button" className="secondary no-print" onClick={onClose}>
          {t('members.record.close')}
        </button>
      </div>
      {member.erased ? (
        <p className="notice">{t('members.record.erased')}</p>
      ) : (
        <>
          <p>
            {record.lastVisit
              ? t('members.record.lastVisit', {
                  date: formatLocalDate(record.lastVisit.day),
                  location: locationName(record.lastVisit.locationId),
                })
              : t('members.record.neverVisited')}
            {record.personIds.length > 1 && (
              <> {t('members.record.mergedFrom', { count: record.personIds.length - 1 })}</>
            )}
          </p>
          <div className="record-grid">
            <ProfileForm key={member.memberId} member={member} />
            <div>
              <ConsentBlock member={member} />
              <LocationRegistrationsSection memberId={member.memberId} />
              <PeriodList
                title={t('members.registrations.title')}
                none={t('members.registrations.none')}
                periods={record.registrations}
                describe={(p, open, date) =>
                  t(open ? 'members.registrations.open' : 'members.registrations.closed', {
                    location: locationName(p.scopeId),
                    date,
                  })
                }
              />
              <PeriodList
                title={t('members.memberships.title')}
                none={t('members.memberships.none')}
                periods={record.memberships}
                describe={(p, open, date) =>
                  t(open ? 'members.memberships.open' : 'members.memberships.closed', {
                    association: associationName(p.scopeId),
                    date,
                  })
                }
              />
            </div>
          </div>
          <PassesSection memberId={member.memberId} passes={record.passes} />
          {/* Folded: opening a person shows the person, not a PIN box 1.000 px further down
              (the gate's PIN field takes the focus only once this is opened). */}
          <details className="privacy-section">
            <summary>
              <h3 id={`${id}-privacy`}>{t('members.privacy.title')}</h3>
            </summary>
            <RoleGate role="coordinator">
              <PrivacySection member={member} transport={transport} />
            </RoleGate>
          </details>
        </>
      )}
    </article>
  );
}

/** Per scope the current state: open since its last opening, or closed on its last closing. */
function PeriodList({
  title,
  none,
  periods,
  describe,
}: {
  title: string;
  none: string;
  periods: readonly Period[];
  describe: (p: Period, open: boolean, date: string) => string;
}) {
  const { now } = useDesk();
  const today = localDateOf(now());
  // Merged records can hold a period for the same scope: one line per scope, open wins.
  const byScope = new Map<string, { p: Period; open: boolean; date: string }>();
  for (const p of periods) {
    const open = isOpenAt(p, today);
    const date = open
      ? ([...p.opened]
          .filter((d) => d <= today)
          .sort()
          .reverse()[0] ?? '')
      : ([...p.closed].sort().reverse()[0] ?? [...p.opened].sort()[0] ?? '');
    const have = byScope.get(p.scopeId);
    if (!have || (open && !have.open) || (open === have.open && date < have.date))
      byScope.set(p.scopeId, { p, open, date });
  }
  return (
    <section>
      <h3>{title}</h3>
      {byScope.size === 0 ? (
        <p>{none}</p>
      ) : (
        <ul>
          {[...byScope.values()].map(({ p, open, date }) => (
            <li key={p.scopeId}>{describe(p, open, formatLocalDate(date))}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

const FIELDS: readonly ProfileEditField[] = ['name', 'phone', 'postcode', 'birthYear'];

function ProfileForm({ member }: { member: MemberRow }) {
  const t = useT();
  const describeError = useDescribeError();
  const db = useDb();
  const { writer, now } = useDesk();
  const id = useId();
  const [values, setValues] = useState<ProfileEditInput>(() => profileEditInputOf(member.fields));
  const [errors, setErrors] = useState<Partial<Record<ProfileEditField, RegistrationErrorCode>>>(
    {},
  );
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  async function save(e: FormEvent) {
    e.preventDefault();
    const result = validateProfileEdit(values, localYearOf(now()));
    if (!result.ok) {
      setErrors(result.errors);
      setMessage({ kind: 'error', text: t('members.profile.invalid') });
      return;
    }
    setErrors({});
    try {
      const saved = await saveProfileFields(db, writer, member.memberId, result.fields, now());
      if (!saved.ok) return setMessage({ kind: 'error', text: t('members.record.erased') });
      setValues(profileEditInputOf({ ...member.fields, ...result.fields }));
      setMessage({
        kind: 'ok',
        text:
          saved.changed.length === 0
            ? t('members.profile.unchanged')
            : t('members.profile.saved', { count: saved.changed.length }),
      });
    } catch (err) {
      setMessage({ kind: 'error', text: t('members.saveFailed', { detail: describeError(err) }) });
    }
  }

  return (
    <form
      className="profile-form"
      onSubmit={(e) => void save(e)}
      noValidate
      aria-labelledby={`${id}-title`}
    >
      <h3 id={`${id}-title`}>{t('members.profile.title')}</h3>
      <p className="hint">{t('members.profile.intro')}</p>
      {FIELDS.map((field) => {
        const error = errors[field];
        return (
          <div key={field} className="field">
            <label htmlFor={`${id}-${field}`}>{t(`members.profile.${field}`)}</label>
            <input
              id={`${id}-${field}`}
              value={values[field]}
              onChange={(e) => setValues((v) => ({ ...v, [field]: e.target.value }))}
              aria-describedby={`${id}-${field}-purpose${error ? ` ${id}-${field}-error` : ''}`}
              aria-invalid={error ? true : undefined}
              required={field === 'name'}
              inputMode={field === 'birthYear' || field === 'phone' ? 'numeric' : undefined}
              autoComplete="off"
            />
            <span id={`${id}-${field}-purpose`} className="hint">
              {t(`members.profile.${field}.purpose`)}
            </span>
            {error && (
              <span id={`${id}-${field}-error`} className="field-error">
                {t(`members.profile.error.${error}`)}
              </span>
            )}
          </div>
        );
      })}
      <button type="submit">{t('members.profile.save')}</button>
      <p role="status" className={message?.kind === 'error' ? 'error' : 'ok'}>
        {message?.text ?? ''}
      </p>
    </form>
  );
}

function ConsentBlock({ member }: { member: MemberRow }) {
  const t = useT();
  const describeError = useDescribeError();
  const db = useDb();
  const { writer, now } = useDesk();
  const [message, setMessage] = useState<string | null>(null);
  const date = member.fields.consentDate;
  return (
    <section>
      <h3>{t('members.consent.title')}</h3>
      {date ? (
        <p>{t('members.consent.given', { date: formatLocalDate(date) })}</p>
      ) : (
        <>
          <p>{t('members.consent.none')}</p>
          <button
            type="button"
            className="secondary"
            onClick={() =>
              void recordConsent(db, writer, member.memberId, now()).then(
                () => setMessage(t('members.consent.recorded')),
                (err: unknown) =>
                  setMessage(t('members.saveFailed', { detail: describeError(err) })),
              )
            }
          >
            {t('members.consent.record')}
          </button>
        </>
      )}
      <p role="status">{message ?? ''}</p>
    </section>
  );
}
