/**
 * Exports of the year report: CSV the Dutch way (toDutchCsv: semicolons, BOM, formula-safe, every
 * field with a comma quoted) and XLSX (write-xlsx.ts with ExcelJS, loaded only when asked for, so
 * it stays out of the desk's bundle).
 * Both carry the same three parts as the screen: figures, targets, services.
 */
import { toDutchCsv, type CsvCell } from '../../../domain/csv.ts';
import type { YearReport } from '../../../domain/report/build-year-report.ts';
import type { Translate } from '../../i18n/use-t.ts';
import type { Lang } from '../../i18n/i18n-store.ts';
import { COLUMN_LOCATIONS, figureRows, locationLabel, targetGrid } from './report-rows.ts';
import type { Sheet } from './write-xlsx.ts';

export type { Sheet } from './write-xlsx.ts';

export function reportSheets(report: YearReport, t: Translate, lang: Lang): Sheet[] {
  const locationHeader = COLUMN_LOCATIONS.map((l) => locationLabel(l, t));
  const figures: CsvCell[][] = [];
  let section = '';
  for (const r of figureRows(report, t)) {
    if (r.kind === 'section') section = r.label;
    else figures.push([section, r.label, ...r.values]);
  }
  const targets: CsvCell[][] = [];
  for (const line of targetGrid(report)) {
    for (const cell of line.cells) {
      targets.push([
        t(`reports.indicator.${line.indicator}`),
        locationLabel(cell.locationId, t),
        cell.result,
        cell.target,
        cell.achievement?.percent ?? null,
        cell.achievement ? t(`reports.band.${cell.achievement.band}`) : null,
      ]);
    }
  }
  const services: CsvCell[][] = [];
  for (const l of report.locations) {
    for (const s of l.services) {
      services.push([
        locationLabel(l.locationId, t),
        `${s.name[lang]}${s.retired ? ` ${t('reports.retired')}` : ''}`,
        t(`reports.kind.${s.kind}`),
        s.uniqueClients,
        s.uses,
        s.walkIns,
      ]);
    }
  }
  return [
    {
      name: t('reports.figures'),
      header: [t('reports.col.section'), t('reports.col.indicator'), ...locationHeader],
      rows: figures,
    },
    {
      name: t('reports.tab.targets'),
      header: [
        t('reports.col.indicator'),
        t('reports.col.location'),
        t('reports.col.result'),
        t('reports.col.target'),
        t('reports.col.percent'),
        t('reports.col.band'),
      ],
      rows: targets,
    },
    {
      name: t('reports.services'),
      // Excel allows 31 characters: "Diensten en activiteiten per locatie" would be cut mid-word.
      sheetName: t('reports.sheet.services'),
      header: [
        t('reports.col.location'),
        t('reports.col.service'),
        t('reports.col.kind'),
        t('reports.col.unique'),
        t('reports.col.uses'),
        t('reports.col.walkIns'),
      ],
      rows: services,
    },
  ];
}

/** One CSV file: the three parts one after the other, each under its own title row. */
export function reportCsv(report: YearReport, t: Translate, lang: Lang): string {
  const sheets = reportSheets(report, t, lang);
  const rows: CsvCell[][] = [];
  for (const [i, s] of sheets.entries()) {
    if (i > 0) rows.push([]);
    rows.push([s.name]);
    rows.push(s.header);
    rows.push(...s.rows);
  }
  return toDutchCsv([t('reports.heading', { year: report.year })], rows);
}

export async function reportXlsx(
  report: YearReport,
  t: Translate,
  lang: Lang,
): Promise<Uint8Array> {
  const { writeXlsx } = await import('./write-xlsx.ts');
  return writeXlsx(reportSheets(report, t, lang));
}

export function downloadFile(name: string, data: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
