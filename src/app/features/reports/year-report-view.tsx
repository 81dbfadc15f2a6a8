/**
 * The year report on screen and on paper: the seed's performance table with targets and legend
 * colours, the figures per location, the charts, the services, and the definitions. The toolbar
 * prints (the browser makes the A4 PDF, see reports.css) and exports CSV and XLSX.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { localDateOf } from '../../../domain/amsterdam-time.ts';
import { ACHIEVEMENT_BANDS } from '../../../domain/report/achievement.ts';
import type { TargetResult, YearReport } from '../../../domain/report/build-year-report.ts';
import { formatLocalDate, formatNumber } from '../../i18n/format.ts';
import { useLang, useT } from '../../i18n/use-t.ts';
import { HistoryChart, ServicesChart } from './report-charts.tsx';
import { downloadFile, reportCsv, reportXlsx } from './report-export.ts';
import {
  COLUMN_LOCATIONS,
  figureRows,
  formatFigure,
  formatPercent,
  locationLabel,
  targetGrid,
} from './report-rows.ts';
import { useDescribeError } from '../../ui/describe-error.ts';

const DEFINITIONS = [
  'time',
  'registered',
  'new',
  'members',
  'reached',
  'both',
  'frequency',
  'walkIns',
  'referrals',
  'volunteers',
  'uses',
  'corrections',
] as const;

function TargetCell({ cell }: { cell: TargetResult }) {
  const t = useT();
  const lang = useLang();
  const a = cell.achievement;
  return (
    <td className={a ? `band band-${a.band}` : 'band-none'}>
      <span className="result">{formatNumber(cell.result, lang)}</span>
      {cell.target === null ? (
        <span className="target muted">{t('reports.cell.noTarget')}</span>
      ) : (
        <span className="target">
          {t('reports.cell.target', { target: formatNumber(cell.target, lang) })}
          {a ? ` · ${formatPercent(a.percent, lang)} · ${t(`reports.band.${a.band}`)}` : ''}
        </span>
      )}
    </td>
  );
}

/**
 * A part of the report the coordinator can fold away (open at first). Printing opens every part,
 * so the paper report is always whole.
 */
function Fold({
  id,
  title,
  className,
  children,
}: {
  id: string;
  title: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <details open className={`report-fold${className ? ` ${className}` : ''}`}>
      <summary>
        <h3 id={id}>{title}</h3>
      </summary>
      {children}
    </details>
  );
}

export function ReportLegend() {
  const t = useT();
  return (
    <section className="legend" aria-labelledby="legend-title">
      <h3 id="legend-title">{t('reports.legend')}</h3>
      <ul>
        {ACHIEVEMENT_BANDS.map((b) => (
          <li key={b}>
            <span className={`band band-${b} swatch-band`}>{t(`reports.band.${b}`)}</span>{' '}
            {t(`reports.legend.${b}`)}
          </li>
        ))}
      </ul>
      <p className="muted">{t('reports.legend.boundary')}</p>
    </section>
  );
}

export function YearReportView({ report, nowMs }: { report: YearReport; nowMs: number }) {
  const t = useT();
  const describeError = useDescribeError();
  const lang = useLang();
  const [exportState, setExportState] = useState<
    { kind: 'idle' } | { kind: 'busy' } | { kind: 'failed'; detail: string }
  >({ kind: 'idle' });
  const today = localDateOf(nowMs);
  const running = today <= `${report.year}-12-31`;
  const headers = COLUMN_LOCATIONS.map((l) => locationLabel(l, t));

  useEffect(() => {
    const openAll = () =>
      document.querySelectorAll<HTMLDetailsElement>('details.report-fold').forEach((d) => {
        d.open = true;
      });
    window.addEventListener('beforeprint', openAll);
    return () => window.removeEventListener('beforeprint', openAll);
  }, []);

  async function exportAs(kind: 'csv' | 'xlsx') {
    setExportState({ kind: 'busy' });
    try {
      if (kind === 'csv')
        downloadFile(
          `jaarverslag-${report.year}.csv`,
          reportCsv(report, t, lang),
          'text/csv;charset=utf-8',
        );
      else
        downloadFile(
          `jaarverslag-${report.year}.xlsx`,
          (await reportXlsx(report, t, lang)) as BlobPart,
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        );
      setExportState({ kind: 'idle' });
    } catch (e) {
      setExportState({ kind: 'failed', detail: describeError(e) });
    }
  }

  return (
    <article className="year-report" aria-labelledby="report-heading">
      <div className="report-toolbar no-print">
        <button type="button" onClick={() => window.print()}>
          {t('reports.print')}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => void exportAs('csv')}
          disabled={exportState.kind === 'busy'}
        >
          {t('reports.csv')}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => void exportAs('xlsx')}
          disabled={exportState.kind === 'busy'}
        >
          {t('reports.xlsx')}
        </button>
        <span role="status">
          {exportState.kind === 'busy'
            ? t('reports.exporting')
            : exportState.kind === 'failed'
              ? t('reports.exportFailed', { detail: exportState.detail })
              : ''}
        </span>
      </div>
      <h2 id="report-heading">{t('reports.heading', { year: report.year })}</h2>
      <p className="muted">
        {running
          ? t('reports.asOf', { date: formatLocalDate(today), year: report.year })
          : t('reports.asOfFinal', { date: formatLocalDate(today) })}
      </p>
      <p className="muted no-print">{t('reports.localData')}</p>

      <p className="muted no-print">{t('reports.fold.hint')}</p>
      <Fold id="performance-title" title={t('reports.performance')}>
        <p className="muted">{t('reports.performance.intro')}</p>
        <table className="report-table performance">
          <thead>
            <tr>
              <th scope="col">{t('reports.col.indicator')}</th>
              {headers.map((h) => (
                <th scope="col" key={h}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {targetGrid(report).map((line) => (
              <tr key={line.indicator}>
                <th scope="row">{t(`reports.indicator.${line.indicator}`)}</th>
                {line.cells.map((cell) => (
                  <TargetCell key={cell.locationId} cell={cell} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <ReportLegend />
      </Fold>

      <Fold id="figures-title" title={t('reports.figures')} className="page-break-before">
        <table className="report-table figures">
          <thead>
            <tr>
              <th scope="col">{t('reports.col.indicator')}</th>
              {headers.map((h) => (
                <th scope="col" key={h}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {figureRows(report, t).map((r) =>
              r.kind === 'section' ? (
                <tr key={r.label} className="section-row">
                  <th scope="rowgroup" colSpan={headers.length + 1}>
                    {r.label}
                  </th>
                </tr>
              ) : (
                <tr key={r.label}>
                  <th scope="row" className={r.indent ? 'indent' : undefined}>
                    {r.label}
                  </th>
                  {r.values.map((v, i) => (
                    <td key={headers[i]} className="num">
                      {formatFigure(v, r.format, lang)}
                    </td>
                  ))}
                </tr>
              ),
            )}
          </tbody>
        </table>
      </Fold>

      <Fold id="charts-title" title={t('reports.charts')} className="charts page-break-before">
        <HistoryChart report={report} />
        <ServicesChart report={report} />
      </Fold>

      <Fold id="services-title-table" title={t('reports.services')} className="page-break-before">
        {report.locations.map((l) => (
          <table className="report-table services" key={l.locationId}>
            <caption>{locationLabel(l.locationId, t)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.col.service')}</th>
                <th scope="col">{t('reports.col.kind')}</th>
                <th scope="col">{t('reports.col.unique')}</th>
                <th scope="col">{t('reports.col.uses')}</th>
                <th scope="col">{t('reports.col.walkIns')}</th>
              </tr>
            </thead>
            <tbody>
              {l.services.length === 0 ? (
                <tr>
                  <td colSpan={5}>{t('reports.noServices')}</td>
                </tr>
              ) : (
                l.services.map((s) => (
                  <tr key={s.serviceId}>
                    <th scope="row">
                      {s.name[lang]}{' '}
                      {s.retired ? <span className="muted">{t('reports.retired')}</span> : null}
                    </th>
                    <td>{t(`reports.kind.${s.kind}`)}</td>
                    <td className="num">{formatNumber(s.uniqueClients, lang)}</td>
                    <td className="num">{formatNumber(s.uses, lang)}</td>
                    <td className="num">{formatNumber(s.walkIns, lang)}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        ))}
      </Fold>

      <Fold id="definitions-title" title={t('reports.definitions')} className="definitions">
        <ul>
          {DEFINITIONS.map((d) => (
            <li key={d}>{t(`reports.def.${d}`)}</li>
          ))}
        </ul>
      </Fold>
    </article>
  );
}
