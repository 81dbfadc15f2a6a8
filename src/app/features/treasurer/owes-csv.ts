/**
 * The "who still owes" list as a CSV for Dutch Excel (src/domain/csv.ts does the format rules:
 * semicolons, BOM, decimal comma, dd-mm-jjjj, formula neutralisation).
 */
import { findLocation } from '../../../domain/catalog.ts';
import { toDutchCsv } from '../../../domain/csv.ts';
import type { OwesRow } from '../../../domain/treasurer/owes-list.ts';
import type { Translate } from '../../i18n/use-t.ts';

export function buildOwesCsv(rows: readonly OwesRow[], t: Translate): string {
  const header = [
    'name',
    'locations',
    'memberSince',
    'registered',
    'lastVisit',
    'paid',
    'open',
    'status',
  ].map((c) => t(`treasurer.col.${c}`));
  return toDutchCsv(
    header,
    rows.map((r) => [
      r.name,
      r.locations.map((l) => findLocation(l)?.name ?? l).join(', '),
      r.memberSince ? { date: r.memberSince } : '',
      r.registeredOn ? { date: r.registeredOn } : '',
      r.lastVisit ? { date: r.lastVisit } : '',
      { cents: r.paidCents },
      { cents: r.openCents },
      t(`treasurer.status.${r.status}`),
    ]),
  );
}

/** Hands the text to the browser as a file download (a Blob URL, revoked after the click). */
export function downloadTextFile(
  fileName: string,
  text: string,
  type = 'text/csv;charset=utf-8',
): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
