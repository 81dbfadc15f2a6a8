/**
 * Two charts where people would rather look than read, as plain inline SVG: each has a title and
 * a description for screen readers, every bar its value as text, and colours that stay apart in
 * grey print (the location is also written next to each bar group).
 */
import { LOCATIONS } from '../../../domain/catalog.ts';
import type { YearReport } from '../../../domain/report/build-year-report.ts';
import { useLang, useT } from '../../i18n/use-t.ts';
import { formatNumber } from '../../i18n/format.ts';

export const LOCATION_COLOURS: Record<string, string> = {
  cjm: '#0b5d4b',
  multibron: '#1d4f91',
  handreiking: '#8a4b00',
};

export function ChartLegend() {
  return (
    <ul className="chart-legend" aria-hidden="true">
      {LOCATIONS.map((l) => (
        <li key={l.id}>
          <span className="swatch" style={{ background: LOCATION_COLOURS[l.id] }} />
          {l.name}
        </li>
      ))}
    </ul>
  );
}

export function HistoryChart({ report }: { report: YearReport }) {
  const t = useT();
  const lang = useLang();
  const years = report.history;
  // The year's targets for registered clients: a dashed line across that location's bar.
  const targetOf = (locationId: string) =>
    report.targets.find((x) => x.indicator === 'registered-clients' && x.locationId === locationId)
      ?.target ?? null;
  const max = Math.max(
    1,
    ...years.flatMap((y) => Object.values(y.locations)),
    ...LOCATIONS.map((l) => targetOf(l.id) ?? 0),
  );
  const groupWidth = 150;
  const barWidth = 38;
  const height = years.length > 2 ? 220 : 140;
  const top = 24;
  const width = Math.max(480, years.length * groupWidth + 40);
  return (
    <figure className="chart">
      <figcaption>{t('reports.chart.history')}</figcaption>
      <ChartLegend />
      <svg
        role="img"
        aria-labelledby="history-title history-desc"
        viewBox={`0 0 ${width} ${height + top + 40}`}
        width="100%"
        style={{ maxWidth: width }}
      >
        <title id="history-title">{t('reports.chart.history')}</title>
        <desc id="history-desc">{t('reports.chart.historyDesc')}</desc>
        <line x1={20} x2={width - 10} y1={top + height} y2={top + height} stroke="#4a4f55" />
        {years.map((y, i) => (
          <g key={y.year} transform={`translate(${30 + i * groupWidth},0)`}>
            {LOCATIONS.map((l, j) => {
              const value = y.locations[l.id] ?? 0;
              const h = (value / max) * height;
              const x = j * (barWidth + 4);
              return (
                <g key={l.id}>
                  <rect
                    x={x}
                    y={top + height - h}
                    width={barWidth}
                    height={h}
                    fill={LOCATION_COLOURS[l.id]}
                  >
                    <title>
                      {t('reports.chart.bar', {
                        label: `${l.name} ${y.year}`,
                        value: formatNumber(value, lang),
                      })}
                    </title>
                  </rect>
                  <text
                    x={x + barWidth / 2}
                    y={top + height - h - 5}
                    textAnchor="middle"
                    fontSize="13"
                  >
                    {formatNumber(value, lang)}
                  </text>
                  {y.year === report.year && targetOf(l.id) !== null ? (
                    <line
                      className="chart-target"
                      x1={x - 2}
                      x2={x + barWidth + 2}
                      y1={top + height - (targetOf(l.id)! / max) * height}
                      y2={top + height - (targetOf(l.id)! / max) * height}
                    >
                      <title>
                        {t('reports.chart.bar', {
                          label: `${l.name} ${t('reports.chart.targetLine', { year: y.year })}`,
                          value: formatNumber(targetOf(l.id)!, lang),
                        })}
                      </title>
                    </line>
                  ) : null}
                </g>
              );
            })}
            <text
              x={(3 * (barWidth + 4)) / 2}
              y={top + height + 24}
              textAnchor="middle"
              fontSize="16"
              fontWeight="700"
            >
              {y.year}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}

export function ServicesChart({ report }: { report: YearReport }) {
  const t = useT();
  const lang = useLang();
  // Only what was used: a bar of nothing says less than the table below.
  const rows = report.locations.flatMap((l) =>
    l.services.filter((s) => s.uniqueClients > 0).map((s) => ({ ...s, locationId: l.locationId })),
  );
  if (rows.length === 0) return null;
  const max = Math.max(1, ...rows.map((r) => r.uniqueClients));
  const labelWidth = 340;
  const barMax = 320;
  const rowHeight = 26;
  const width = labelWidth + barMax + 200;
  const height = rows.length * rowHeight + 10;
  return (
    <figure className="chart">
      <figcaption>{t('reports.chart.services', { year: report.year })}</figcaption>
      <ChartLegend />
      <svg
        role="img"
        aria-labelledby="services-title services-desc"
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        style={{ maxWidth: width }}
      >
        <title id="services-title">{t('reports.chart.services', { year: report.year })}</title>
        <desc id="services-desc">{t('reports.chart.servicesDesc')}</desc>
        {rows.map((r, i) => {
          const w = (r.uniqueClients / max) * barMax;
          const y = i * rowHeight + 4;
          const location = LOCATIONS.find((l) => l.id === r.locationId)?.name ?? r.locationId;
          return (
            <g key={r.serviceId}>
              <text x={labelWidth - 8} y={y + 17} textAnchor="end" fontSize="14">
                {r.name[lang]}
              </text>
              <rect
                x={labelWidth}
                y={y}
                width={Math.max(w, 1)}
                height={rowHeight - 6}
                fill={LOCATION_COLOURS[r.locationId] ?? '#4a4f55'}
              >
                <title>
                  {t('reports.chart.bar', {
                    label: `${r.name[lang]} (${location})`,
                    value: formatNumber(r.uniqueClients, lang),
                  })}
                </title>
              </rect>
              <text x={labelWidth + w + 6} y={y + 16} fontSize="14">
                {`${formatNumber(r.uniqueClients, lang)} · ${location}`}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
