/**
 * The report as labelled rows, the one source for the screen's tables and both exports, so the
 * spreadsheet says exactly what the screen says. Words come from t(); numbers stay numbers.
 */
import { LOCATIONS } from '../../../domain/catalog.ts';
import { INDICATORS, ALL_LOCATIONS } from '../../../domain/report/indicators.ts';
import type {
  Figures,
  TargetResult,
  YearReport,
} from '../../../domain/report/build-year-report.ts';
import type { Translate } from '../../i18n/use-t.ts';
import type { Lang } from '../../i18n/i18n-store.ts';

export type FigureRow =
  | { kind: 'section'; label: string }
  | {
      kind: 'row';
      label: string;
      values: (number | null)[];
      format?: 'signed' | 'percent';
      indent?: boolean;
    };

/** Column order: the three locations, then together. */
export const COLUMN_LOCATIONS = [...LOCATIONS.map((l) => l.id), ALL_LOCATIONS];

export function locationLabel(locationId: string, t: Translate): string {
  return (
    LOCATIONS.find((l) => l.id === locationId)?.name ??
    (locationId === ALL_LOCATIONS ? t('reports.col.total') : locationId)
  );
}

export function figureRows(report: YearReport, t: Translate): FigureRow[] {
  const cols: Figures[] = [...report.locations.map((l) => l.figures), report.total];
  const row = (
    label: string,
    pick: (f: Figures) => number | null,
    extra: Partial<Extract<FigureRow, { kind: 'row' }>> = {},
  ): FigureRow => ({ kind: 'row', label, values: cols.map(pick), ...extra });
  const totalOnly = (label: string, value: number): FigureRow => ({
    kind: 'row',
    label,
    values: [...report.locations.map(() => null), value],
  });
  return [
    { kind: 'section', label: t('reports.section.clients') },
    row(t('reports.row.registered'), (f) => f.registeredClients),
    row(
      t('reports.row.registeredPrevious', { year: report.year - 1 }),
      (f) => f.registeredPreviousYear,
    ),
    row(t('reports.row.growth'), (f) => f.growth, { format: 'signed' }),
    row(t('reports.row.growthPercent'), (f) => f.growthPercent, { format: 'percent' }),
    row(t('reports.row.newRegistrations'), (f) => f.newRegistrations),
    totalOnly(t('reports.row.multiLocation'), report.total.multiLocation),
    { kind: 'section', label: t('reports.section.members') },
    row(t('reports.row.members'), (f) => f.members),
    row(t('reports.row.payingMembers'), (f) => f.payingMembers),
    { kind: 'section', label: t('reports.section.reach') },
    row(t('reports.row.reached'), (f) => f.individualsReached),
    row(t('reports.row.both'), (f) => f.serviceAndActivity),
    row(t('reports.row.walkIns'), (f) => f.walkIns),
    { kind: 'section', label: t('reports.section.frequency') },
    row(t('reports.row.under1'), (f) => f.visitFrequency.under1),
    row(t('reports.row.oneToThree'), (f) => f.visitFrequency.oneToThree),
    row(t('reports.row.over3'), (f) => f.visitFrequency.over3),
    { kind: 'section', label: t('reports.section.referrals') },
    row(t('reports.row.referred'), (f) => f.referrals.referred),
    row(t('reports.row.referredWpi'), (f) => f.referrals.bySource.wpi, { indent: true }),
    row(t('reports.row.referredRve'), (f) => f.referrals.bySource.rve, { indent: true }),
    row(t('reports.row.referredOther'), (f) => f.referrals.bySource.other, { indent: true }),
    row(t('reports.row.arrived'), (f) => f.referrals.arrived),
    row(t('reports.row.expected'), (f) => f.referrals.expected),
    row(t('reports.row.noShow'), (f) => f.referrals.noShow),
    row(t('reports.row.active'), (f) => f.referrals.becameActive),
    { kind: 'section', label: t('reports.section.volunteers') },
    row(t('reports.row.volunteers'), (f) => f.volunteers),
    row(t('reports.row.keyHolders'), (f) => f.keyHolders),
  ];
}

/** Targets table: one line per indicator, one cell per column location. */
export function targetGrid(
  report: YearReport,
): { indicator: (typeof INDICATORS)[number]; cells: TargetResult[] }[] {
  return INDICATORS.map((indicator) => ({
    indicator,
    cells: COLUMN_LOCATIONS.map((loc) =>
      report.targets.find((x) => x.indicator === indicator && x.locationId === loc)!,
    ),
  }));
}

const percentFormat = {
  nl: new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }),
};

export function formatPercent(value: number, lang: Lang): string {
  return `${percentFormat[lang].format(value)} %`;
}

export function formatFigure(
  value: number | null,
  format: 'signed' | 'percent' | undefined,
  lang: Lang,
): string {
  if (value === null) return '—';
  const n = percentFormat[lang].format(value);
  if (format === 'percent') return `${value > 0 ? '+' : ''}${n} %`;
  if (format === 'signed') return value > 0 ? `+${n}` : n;
  return n;
}
