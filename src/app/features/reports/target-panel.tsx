import { useId, useState, type FormEvent } from 'react';
import { LOCATIONS } from '../../../domain/catalog.ts';
import { ALL_LOCATIONS, INDICATORS } from '../../../domain/report/indicators.ts';
import type { YearReport } from '../../../domain/report/build-year-report.ts';
import { useDesk } from '../../context/desk-context.tsx';
import { useDb } from '../../db/db-context.tsx';
import { setTarget } from '../../db/report-actions.ts';
import { formatNumber } from '../../i18n/format.ts';
import { useLang, useT } from '../../i18n/use-t.ts';
import { useDescribeError } from '../../ui/describe-error.ts';
import { COLUMN_LOCATIONS, locationLabel } from './report-rows.ts';

type Grid = Record<string, string>;

const cellKey = (indicator: string, locationId: string) => `${indicator}|${locationId}`;

/** The targets of one year as the text in each grid cell ('' where none is set). */
function gridOf(report: YearReport | undefined): Grid {
  const grid: Grid = {};
  for (const x of report?.targets ?? [])
    grid[cellKey(x.indicator, x.locationId)] = x.target === null ? '' : String(x.target);
  return grid;
}

/** A cell's text as a target: a whole number 0…1.000.000, or null for a bad one. */
function parseTarget(text: string): number | null {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(n) && n >= 0 && n <= 1_000_000 ? n : null;
}

/**
 * All targets of the year in one grid (indicators × locations): type what changed, one button
 * saves every changed cell. A cell emptied is left as it was (a target is replaced, never erased).
 */
function TargetGrid({ report }: { report: YearReport }) {
  const t = useT();
  const db = useDb();
  const { writer, now } = useDesk();
  const id = useId();
  const [saved, setSaved] = useState<Grid>(() => gridOf(report));
  const [grid, setGrid] = useState<Grid>(saved);
  const [bad, setBad] = useState<ReadonlySet<string>>(new Set());
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  async function saveAll(e: FormEvent) {
    e.preventDefault();
    const changed = Object.entries(grid).filter(
      ([key, text]) => text.trim() !== '' && text.trim() !== (saved[key] ?? ''),
    );
    const wrong = new Set(changed.filter(([, text]) => parseTarget(text) === null).map(([k]) => k));
    setBad(wrong);
    if (wrong.size > 0) {
      setMessage({ kind: 'error', text: t('reports.targets.gridInvalid', { count: wrong.size }) });
      return;
    }
    try {
      for (const [key, text] of changed) {
        const [indicator, locationId] = key.split('|') as [string, string];
        await setTarget(
          db,
          writer,
          { indicator, locationId, year: report.year, value: parseTarget(text)! },
          now(),
        );
      }
      setSaved((s) => ({ ...s, ...Object.fromEntries(changed) }));
      setMessage({
        kind: 'ok',
        text: t('reports.targets.gridSaved', { count: changed.length, year: report.year }),
      });
    } catch (err) {
      setMessage({
        kind: 'error',
        text: t('reports.saveFailed', { detail: err instanceof Error ? err.message : String(err) }),
      });
    }
  }

  return (
    <form onSubmit={saveAll} className="target-grid-form" noValidate>
      <h3 id={`${id}-grid`}>{t('reports.targets.gridTitle', { year: report.year })}</h3>
      <div className="table-scroll">
        <table className="report-table target-grid" aria-labelledby={`${id}-grid`}>
          <thead>
            <tr>
              <th scope="col">{t('reports.col.indicator')}</th>
              {COLUMN_LOCATIONS.map((l) => (
                <th scope="col" key={l}>
                  {locationLabel(l, t)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {INDICATORS.map((indicator) => (
              <tr key={indicator}>
                <th scope="row">{t(`reports.indicator.${indicator}`)}</th>
                {COLUMN_LOCATIONS.map((l) => {
                  const key = cellKey(indicator, l);
                  // "Totaal", not "Alle locaties samen": the single form's "Locatie" stays one label.
                  const location = locationLabel(l, t);
                  return (
                    <td key={l}>
                      <input
                        inputMode="numeric"
                        className="target-cell"
                        aria-label={t('reports.targets.cell', {
                          indicator: t(`reports.indicator.${indicator}`),
                          location,
                        })}
                        aria-invalid={bad.has(key) ? true : undefined}
                        value={grid[key] ?? ''}
                        onChange={(e) => setGrid((g) => ({ ...g, [key]: e.target.value }))}
                      />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button type="submit">{t('reports.targets.gridSave', { year: report.year })}</button>
      <p role="status" className={message?.kind === 'error' ? 'error' : 'ok'}>
        {message?.text ?? ''}
      </p>
    </form>
  );
}

/** Targets (streefcijfers) per indicator, location and year; a new one replaces the last. */
export function TargetPanel({
  report,
  years,
}: {
  report: YearReport | undefined;
  years: number[];
}) {
  const t = useT();
  const describeError = useDescribeError();
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
        text: t('reports.saveFailed', { detail: describeError(err) }),
      });
    }
  }

  const current = report?.targets.filter((x) => x.target !== null) ?? [];
  return (
    <section aria-labelledby={`${id}-title`} className="panel">
      <h2 id={`${id}-title`}>{t('reports.targets.title')}</h2>
      <p>{t('reports.targets.intro')}</p>
      {report ? <TargetGrid key={report.year} report={report} /> : null}
      <h3>{t('reports.targets.one')}</h3>
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
