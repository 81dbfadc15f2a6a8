/**
 * The year report as an Excel workbook, written with ExcelJS, the library the member import reads
 * XLSX with (one spreadsheet library both ways). Imported only when the coordinator asks for a
 * spreadsheet, so ExcelJS is never part of the desk's start bundle.
 *
 * What makes it read and print well: a bold, frozen header that repeats on every printed page,
 * column widths from the content, fit to one page wide (landscape when the sheet is wide), amounts
 * and dates as real numbers and dates, sheet names that stay meaningful within Excel's 31
 * characters. Strings are never formulas in ExcelJS, so no cell can run; characters XML 1.0 does
 * not allow (control characters, U+FFFE, U+FFFF, lone surrogates) are left out, since one of them
 * makes the whole file unreadable.
 */
import type { CsvCell } from '../../../domain/csv.ts';

export type Sheet = {
  /** The part's title (CSV title row; the sheet name unless `sheetName` is given). */
  name: string;
  /** A name for the workbook tab that fits Excel's 31 characters. */
  sheetName?: string;
  header: string[];
  rows: CsvCell[][];
};

/** Text without the characters XML 1.0 forbids. */
export function stripXmlInvalid(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    '',
  );
}

/**
 * Sheet names: at most 31 characters, none of []:*?/\ and unique. A long name is cut at a word
 * boundary rather than mid-word.
 */
export function makeSheetName(name: string, used: Set<string>): string {
  const clean = stripXmlInvalid(name)
    .replace(/[[\]:*?/\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  let base = clean;
  if (base.length > 31) {
    const cut = base.slice(0, 31);
    const space = cut.lastIndexOf(' ');
    base = (space >= 12 ? cut.slice(0, space) : cut).trim();
  }
  base ||= 'Blad';
  let out = base;
  for (let i = 2; used.has(out.toLowerCase()); i++) out = `${base.slice(0, 28)} ${i}`;
  used.add(out.toLowerCase());
  return out;
}

type CellValue = string | number | Date | null;

function valueOf(cell: CsvCell): { value: CellValue; numFmt?: string } {
  if (cell === null || cell === undefined) return { value: null };
  if (typeof cell === 'number') return { value: Number.isFinite(cell) ? cell : null };
  if (typeof cell === 'object' && 'date' in cell) {
    const [y, m, d] = cell.date.split('-').map(Number);
    return { value: new Date(Date.UTC(y!, m! - 1, d!)), numFmt: 'dd-mm-yyyy' };
  }
  if (typeof cell === 'object' && 'cents' in cell)
    return { value: cell.cents / 100, numFmt: '#,##0.00' };
  return { value: stripXmlInvalid(String(cell)) };
}

function displayLength(cell: CsvCell): number {
  if (cell === null || cell === undefined) return 0;
  if (typeof cell === 'object') return 10;
  return String(cell).length;
}

/** Column widths (in characters) that fit the content, within reason. */
export function columnWidths(sheet: Sheet): number[] {
  return sheet.header.map((h, i) => {
    let longest = h.length;
    for (const r of sheet.rows) longest = Math.max(longest, displayLength(r[i]));
    return Math.min(60, Math.max(8, longest + 2));
  });
}

async function loadExcelJs(): Promise<typeof import('exceljs')> {
  const mod = (await import('exceljs')) as unknown as { default?: typeof import('exceljs') };
  return mod.default ?? (mod as unknown as typeof import('exceljs'));
}

export async function writeXlsx(sheets: readonly Sheet[]): Promise<Uint8Array> {
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Buurtpas';
  const used = new Set<string>();
  for (const s of sheets) {
    const widths = columnWidths(s);
    // Wider than an A4 portrait page holds at a readable size: print it landscape.
    const wide = widths.reduce((a, b) => a + b, 0) > 90;
    const ws = workbook.addWorksheet(makeSheetName(s.sheetName ?? s.name, used), {
      views: [{ state: 'frozen', ySplit: 1 }],
      pageSetup: {
        paperSize: 9,
        orientation: wide ? 'landscape' : 'portrait',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
      },
    });
    ws.pageSetup.printTitlesRow = '1:1';
    ws.columns = widths.map((width) => ({ width }));
    const header = ws.addRow(s.header.map((h) => stripXmlInvalid(h)));
    header.font = { bold: true };
    for (const cells of s.rows) {
      const values = cells.map(valueOf);
      const row = ws.addRow(values.map((v) => v.value));
      values.forEach((v, i) => {
        if (v.numFmt) row.getCell(i + 1).numFmt = v.numFmt;
      });
    }
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
