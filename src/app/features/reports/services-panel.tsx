import { useId, useState, type FormEvent } from 'react';
import { useLiveQuery } from '../../db/use-live-query.ts';
import { LOCATIONS, type ServiceKind } from '../../../domain/catalog.ts';
import { useDesk } from '../../context/desk-context.tsx';
import { useDb } from '../../db/db-context.tsx';
import {
  defineService,
  listAllServices,
  makeServiceId,
  retireService,
  type ServiceListItem,
} from '../../db/report-actions.ts';
import { useLang, useT } from '../../i18n/use-t.ts';

/** Add, rename and stop services and activities per location. */
export function ServicesPanel() {
  const t = useT();
  const lang = useLang();
  const db = useDb();
  const { writer, now } = useDesk();
  const id = useId();
  const [locationId, setLocationId] = useState(writer.locationId);
  const services = useLiveQuery(() => listAllServices(db, locationId), [db, locationId]);
  const [nameNl, setNameNl] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [kind, setKind] = useState<ServiceKind>('activity');
  const [renaming, setRenaming] = useState<ServiceListItem | null>(null);
  const [renameNl, setRenameNl] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  async function run(action: () => Promise<void>, ok: string) {
    try {
      await action();
      setMessage({ kind: 'ok', text: ok });
    } catch (err) {
      setMessage({
        kind: 'error',
        text: t('reports.saveFailed', { detail: err instanceof Error ? err.message : String(err) }),
      });
    }
  }

  async function add(e: FormEvent) {
    e.preventDefault();
    const nl = nameNl.trim();
    if (!nl) return setMessage({ kind: 'error', text: t('reports.services.nameRequired') });
    const serviceId = makeServiceId(locationId, nl, new Set((services ?? []).map((s) => s.id)));
    await run(
      () =>
        defineService(
          db,
          writer,
          { serviceId, locationId, kind, name: { nl, en: nameEn.trim() || nl } },
          now(),
        ),
      t('reports.services.added', { name: nl }),
    );
    setNameNl('');
    setNameEn('');
  }

  async function rename(e: FormEvent) {
    e.preventDefault();
    if (!renaming) return;
    const nl = renameNl.trim();
    if (!nl) return setMessage({ kind: 'error', text: t('reports.services.nameRequired') });
    const s = renaming;
    await run(
      () =>
        defineService(
          db,
          writer,
          {
            serviceId: s.id,
            locationId: s.locationId,
            kind: s.kind,
            name: { nl, en: s.name.en === s.name.nl ? nl : s.name.en },
          },
          now(),
        ),
      t('reports.services.renamed', { name: nl }),
    );
    setRenaming(null);
  }

  return (
    <section aria-labelledby={`${id}-title`} className="panel">
      <h2 id={`${id}-title`}>{t('reports.services.title')}</h2>
      <p>{t('reports.services.intro')}</p>
      <label htmlFor={`${id}-location`}>{t('reports.services.location')}</label>{' '}
      <select
        id={`${id}-location`}
        value={locationId}
        onChange={(e) => setLocationId(e.target.value)}
      >
        {LOCATIONS.map((l) => (
          <option key={l.id} value={l.id}>
            {l.name}
          </option>
        ))}
      </select>
      <table className="report-table services-admin">
        <thead>
          <tr>
            <th scope="col">{t('reports.col.service')}</th>
            <th scope="col">{t('reports.col.kind')}</th>
            <th scope="col">{t('reports.col.status')}</th>
            <th scope="col">{t('reports.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {(services ?? []).map((s) => (
            <tr key={s.id} className={s.retired ? 'muted' : undefined}>
              <th scope="row">{s.name[lang]}</th>
              <td>{t(`reports.kind.${s.kind}`)}</td>
              <td>
                {s.retired
                  ? t('reports.services.statusRetired')
                  : t('reports.services.statusActive')}
              </td>
              <td className="actions">
                {s.retired ? null : (
                  <>
                    <button
                      type="button"
                      className="secondary"
                      aria-label={t('reports.services.renameOf', { name: s.name[lang] })}
                      onClick={() => (setRenaming(s), setRenameNl(s.name.nl))}
                    >
                      {t('reports.services.rename')}
                    </button>
                    <button
                      type="button"
                      className="secondary"
                      aria-label={t('reports.services.retireOf', { name: s.name[lang] })}
                      onClick={() =>
                        void run(
                          () => retireService(db, writer, s.id, now()),
                          t('reports.services.retired', { name: s.name[lang] }),
                        )
                      }
                    >
                      {t('reports.services.retire')}
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {renaming ? (
        <form onSubmit={rename} className="form-grid">
          <label htmlFor={`${id}-rename`}>
            {t('reports.services.renameOf', { name: renaming.name[lang] })}
          </label>
          <input
            id={`${id}-rename`}
            value={renameNl}
            onChange={(e) => setRenameNl(e.target.value)}
            maxLength={100}
          />
          <span />
          <button type="submit">{t('reports.services.saveName')}</button>
        </form>
      ) : null}
      <h3>{t('reports.services.add')}</h3>
      <form onSubmit={add} className="form-grid">
        <label htmlFor={`${id}-nl`}>{t('reports.services.nameNl')}</label>
        <input
          id={`${id}-nl`}
          value={nameNl}
          onChange={(e) => setNameNl(e.target.value)}
          maxLength={100}
        />
        <label htmlFor={`${id}-en`}>{t('reports.services.nameEn')}</label>
        <input
          id={`${id}-en`}
          value={nameEn}
          onChange={(e) => setNameEn(e.target.value)}
          maxLength={100}
        />
        <label htmlFor={`${id}-kind`}>{t('reports.services.kind')}</label>
        <select
          id={`${id}-kind`}
          value={kind}
          onChange={(e) => setKind(e.target.value as ServiceKind)}
        >
          <option value="service">{t('reports.kind.service')}</option>
          <option value="activity">{t('reports.kind.activity')}</option>
        </select>
        <span />
        <button type="submit">{t('reports.services.addButton')}</button>
      </form>
      <p role="status" className={message?.kind === 'error' ? 'error' : 'ok'}>
        {message?.text ?? ''}
      </p>
    </section>
  );
}
