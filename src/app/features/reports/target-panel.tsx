import { useId, useState, type FormEvent } from 'react';
import { LOCATIONS } from '../../../domain/catalog.ts';
import { ALL_LOCATIONS, INDICATORS } from '../../../domain/report/indicators.ts';
import type { YearReport } from '../../../domain/report/build-year-report.ts';
import { useDesk } from '../../context/desk-context.tsx';
import { useDb } from '../../db/db-context.tsx';
import { setTarget } from '../../db/report-actions.ts';
import { formatNumber } from '../../i18n/format.ts';
import { useLang, useT } from '../../i18n/use-t.ts';
import { locationLabel } from './report-rows.ts';

/** Targets (streefcijfers) per indicator, location and year; a new one replaces the last. */
export function TargetPanel({
  report,
  years,
}: {
  report: YearReport | undefined;
  years: number[];
}) {
  const t = useT();
  const lang = useLang();
  const db = useDb();
  const { writer, now } = useDesk();
  const id = useId();
  const [indicator, setIndicator] = useState<string>(INDICATORS[0]);
  const [locationId, setLocationId] = useState<string>(LOCATIONS[0]!.id);
  const [year, setYear] = useState<number>(report?.year ?? years[0]!);
  const [value, setValue] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  async function save(e: FormEvent) {
    e.preventDefault();
    const n = Number(value.trim());
    if (value.trim() === '' || !Number.isInteger(n) || n < 0 || n > 1_000_000) {
      setMessage({ kind: 'error', text: t('reports.targets.invalid') });
      return;
    }
    try {
      await setTarget(db, writer, { indicator, locationId, year, value: n }, now());
      setMessage({
        kind: 'ok',
        text: t('reports.targets.saved', {
          indicator: t(`reports.indicator.${indicator}`),
          location:
            locationId === ALL_LOCATIONS ? t('reports.targets.all') : locationLabel(locationId, t),
          year,
          value: formatNumber(n, lang),
        }),
      });
      setValue('');
    } catch (err) {
      setMessage({
        kind: 'error',
        text: t('reports.saveFailed', { detail: err instanceof Error ? err.message : String(err) }),
      });
    }
  }

  const current = report?.targets.filter((x) => x.target !== null) ?? [];
  return (
    <section aria-labelledby={`${id}-title`} className="panel">
      <h2 id={`${id}-title`}>{t('reports.targets.title')}</h2>
      <p>{t('reports.targets.intro')}</p>
      <form onSubmit={save} className="form-grid">
        <label htmlFor={`${id}-indicator`}>{t('reports.targets.indicator')}</label>
        <select
          id={`${id}-indicator`}
          value={indicator}
          onChange={(e) => setIndicator(e.target.value)}
        >
          {INDICATORS.map((i) => (
            <option key={i} value={i}>
              {t(`reports.indicator.${i}`)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-location`}>{t('reports.targets.location')}</label>
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
          <option value={ALL_LOCATIONS}>{t('reports.targets.all')}</option>
        </select>
        <label htmlFor={`${id}-year`}>{t('reports.targets.year')}</label>
        <select id={`${id}-year`} value={year} onChange={(e) => setYear(Number(e.target.value))}>
          {[years[0]! + 1, ...years].map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-value`}>{t('reports.targets.value')}</label>
        <input
          id={`${id}-value`}
          inputMode="numeric"
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
        <span />
        <button type="submit">{t('reports.targets.save')}</button>
      </form>
      <p role="status" className={message?.kind === 'error' ? 'error' : 'ok'}>
        {message?.text ?? ''}
      </p>
      {report ? (
        <>
          <h3>{t('reports.targets.current', { year: report.year })}</h3>
          {current.length === 0 ? (
            <p>{t('reports.targets.none', { year: report.year })}</p>
          ) : (
            <ul>
              {current.map((c) => (
                <li key={`${c.indicator}|${c.locationId}`}>
                  {t(`reports.indicator.${c.indicator}`)} — {locationLabel(c.locationId, t)}:{' '}
                  {formatNumber(c.target ?? 0, lang)}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </section>
  );
}
