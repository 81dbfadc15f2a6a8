/**
 * Reads a member list file into rows of text cells, offline, in the browser. Loaded with a dynamic
 * import when the coordinator picks a file, so Papa Parse, chardet and ExcelJS never weigh on the
 * desk's start bundle.
 *
 * CSV: a byte-order mark means UTF-8; otherwise text that decodes as UTF-8 is UTF-8, and anything
 * else is decoded as chardet says (Windows-1252 for the old system's export; ISO-8859-1 is read as
 * Windows-1252, which browsers treat as the same). Papa Parse guesses the separator (`;`, `,`, tab)
 * and keeps quoted separators and line breaks inside their cell.
 *
 * XLSX: every sheet, with real date cells as ISO dates and numbers formatted with leading zeros
 * ("00417") kept as text, so a pass number reads as printed.
 */
import type { CellValue, Workbook, Worksheet } from 'exceljs';

export type SheetRows = { name: string; rows: string[][] };

export type ReadFile =
  | { kind: 'csv'; encoding: string; delimiter: string; sheets: SheetRows[] }
  | { kind: 'xlsx'; sheets: SheetRows[] };

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** The encoding of a CSV file's bytes, as a TextDecoder label. */
export async function detectEncoding(bytes: Uint8Array): Promise<string> {
  if (UTF8_BOM.every((b, i) => bytes[i] === b)) return 'utf-8';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    // Not UTF-8: ask chardet which single-byte code page it is.
  }
  const chardet = await import('chardet');
  const guess = (chardet.detect(bytes) ?? '').toLowerCase();
  if (/^(utf-?16)/.test(guess)) return guess;
  // chardet says ISO-8859-1 for most Western text; Windows-1252 is its superset (€, quotes).
  if (guess === 'iso-8859-15') return 'iso-8859-15';
  return 'windows-1252';
}

/** Windows-1252's characters at 0x80–0x9F (€, curly quotes, Š, …), by byte. */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/**
 * Some TextDecoders (Node 20's among them) read windows-1252 as ISO-8859-1 and give C1 control
 * characters for 0x80–0x9F; no member list holds those, so they are the Windows-1252 characters.
 */
export function fixC1Controls(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

export async function readCsvBytes(bytes: Uint8Array, name = 'CSV'): Promise<ReadFile> {
  const encoding = await detectEncoding(bytes);
  // TextDecoder drops the UTF-8 byte-order mark itself.
  let text = new TextDecoder(encoding).decode(bytes);
  if (encoding === 'windows-1252') text = fixC1Controls(text);
  const { default: Papa } = await import('papaparse');
  // Papa guesses the separator from consistent field counts; blank lines would spoil the guess, so
  // it guesses without them and then reads every line (row numbers must stay as in the file).
  const guess = Papa.parse<string[]>(text, {
    delimiter: '',
    delimitersToGuess: [';', ',', '\t', '|'],
    skipEmptyLines: 'greedy',
    preview: 50,
  });
  const parsed = Papa.parse<string[]>(text, {
    delimiter: guess.meta.delimiter,
    skipEmptyLines: false,
  });
  return {
    kind: 'csv',
    encoding,
    delimiter: parsed.meta.delimiter,
    sheets: [{ name, rows: parsed.data }],
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A cell as the text a person sees in it. */
export function textOfCell(value: CellValue, numFmt?: string): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // ExcelJS gives a date cell as midnight UTC of that day.
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  }
  if (typeof value === 'number') {
    // A number formatted "00000" shows its leading zeros; keep them (a pass number).
    if (numFmt && /^0+$/.test(numFmt) && Number.isInteger(value))
      return String(value).padStart(numFmt.length, '0');
    return String(value);
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'ja' : 'nee';
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) {
      const result = value.result;
      return result === undefined ? '' : textOfCell(result as CellValue, numFmt);
    }
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return String(value);
}

function rowsOfSheet(sheet: Worksheet): string[][] {
  const rows: string[][] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      cells.push(textOfCell(cell.value, cell.numFmt));
    }
    rows[rowNumber - 1] = cells;
  });
  // Rows ExcelJS never saw (empty ones above the first) are blank.
  return Array.from({ length: rows.length }, (_, i) => rows[i] ?? []);
}

export async function readXlsxBytes(bytes: Uint8Array): Promise<ReadFile> {
  const ExcelJS = await loadExcelJs();
  const workbook: Workbook = new ExcelJS.Workbook();
  const copy = new ArrayBuffer(bytes.length);
  new Uint8Array(copy).set(bytes);
  // ExcelJS's types ask for a Node Buffer; in the browser it takes an ArrayBuffer.
  await workbook.xlsx.load(copy as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return {
    kind: 'xlsx',
    sheets: workbook.worksheets.map((sheet) => ({ name: sheet.name, rows: rowsOfSheet(sheet) })),
  };
}

/** ExcelJS as a module, whether the bundler hands over its CommonJS default or the namespace. */
export async function loadExcelJs(): Promise<typeof import('exceljs')> {
  const mod = (await import('exceljs')) as unknown as { default?: typeof import('exceljs') };
  return mod.default ?? (mod as unknown as typeof import('exceljs'));
}

/** Whether the bytes are a ZIP (an XLSX workbook) rather than text. */
export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

export async function readImportFile(file: File): Promise<ReadFile> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (isZip(bytes)) return readXlsxBytes(bytes);
  return readCsvBytes(bytes, file.name);
}
