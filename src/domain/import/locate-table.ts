/**
 * The member table inside a sheet as rooms have them: a title row or two above the header
 * ("Ledenlijst Bewonersvereniging 2026"), blank lines between blocks, a totals row at the bottom.
 * Rows keep their number as the spreadsheet shows it (1-based), so errors can name them.
 */
import { scoreHeaderRow } from './column-mapping.ts';

export type SheetRow = { rowNumber: number; cells: string[] };

export type LocatedTable = {
  /** Row number of the header (1-based); 0 when no header was recognised. */
  headerRowNumber: number;
  headers: string[];
  rows: SheetRow[];
  /** Rows left out as blank or as a totals line, by row number. */
  skipped: { rowNumber: number; why: 'blank' | 'totals' }[];
};

const HEADER_SEARCH_ROWS = 15;

export function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

/** A "Totaal: 312" line, or a row of sums: not a person. */
export function isTotalsRow(cells: readonly string[]): boolean {
  const filled = cells.map((c) => c.trim()).filter((c) => c !== '');
  if (filled.length === 0) return false;
  if (filled.slice(0, 3).some((c) => /^(sub)?tota(a)?l(en)?\b|^som\b|^aantal\b|^total\b/i.test(c)))
    return true;
  return false;
}

export function locateTable(raw: readonly (readonly string[])[]): LocatedTable {
  const rows = raw.map((cells) => cells.map((c) => c ?? ''));
  // Blank lines at the end (the file's last line break, Excel's used range) are not worth a word.
  while (rows.length > 0 && isBlankRow(rows[rows.length - 1]!)) rows.pop();
  let headerIndex = -1;
  let best = 0;
  for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
    const score = scoreHeaderRow(rows[i]!);
    // The first row that names at least two fields; a title row names none.
    if (score >= 2 && score > best) {
      headerIndex = i;
      best = score;
      break;
    }
  }
  if (headerIndex === -1) {
    // No recognisable header: the first non-blank row is the header, the coordinator maps it.
    headerIndex = rows.findIndex((r) => !isBlankRow(r));
  }
  if (headerIndex === -1) return { headerRowNumber: 0, headers: [], rows: [], skipped: [] };
  const headerCells = rows[headerIndex]!;
  // Header cells may be fewer than a data row's; the widest row sets the column count.
  const width = Math.max(...rows.slice(headerIndex).map((r) => r.length));
  const headers = Array.from({ length: width }, (_, i) => (headerCells[i] ?? '').trim());
  const out: SheetRow[] = [];
  const skipped: LocatedTable['skipped'] = [];
  for (let i = headerIndex + 1; i < rows.length; i++) {
    const cells = Array.from({ length: width }, (_, c) => rows[i]![c] ?? '');
    if (isBlankRow(cells)) skipped.push({ rowNumber: i + 1, why: 'blank' });
    else if (isTotalsRow(cells)) skipped.push({ rowNumber: i + 1, why: 'totals' });
    else out.push({ rowNumber: i + 1, cells });
  }
  return { headerRowNumber: headerIndex + 1, headers, rows: out, skipped };
}
