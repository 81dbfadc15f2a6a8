/**
 * CSV that Dutch Excel opens correctly: semicolon separator, UTF-8 with a byte-order mark,
 * decimal comma, dates dd-mm-jjjj, CRLF line ends. Every field holding a comma is quoted, so a
 * program that also splits on commas (LibreOffice's first-time import settings) reads it right. A cell that starts with =, +, -, @, tab or
 * carriage return is prefixed with an apostrophe so a spreadsheet never runs it as a formula
 * (OWASP "CSV injection"); numbers are written as numbers and are not affected.
 */
export type CsvCell = string | number | null | undefined | { date: string } | { cents: number };

const BOM = '\uFEFF';

export function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function formatCell(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  let text: string;
  if (typeof cell === 'number') {
    text = Number.isInteger(cell) ? String(cell) : String(cell).replace('.', ',');
    return text.includes(',') ? `"${text}"` : text;
  }
  if (typeof cell === 'object' && 'date' in cell) {
    const [y, m, d] = cell.date.split('-');
    text = `${d}-${m}-${y}`;
  } else if (typeof cell === 'object' && 'cents' in cell) {
    const sign = cell.cents < 0 ? '-' : '';
    const abs = Math.abs(cell.cents);
    return `"${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}"`;
  } else {
    text = neutralizeFormula(String(cell));
  }
  // A comma is quoted too: LibreOffice's import dialog ticks comma, semicolon and tab by default,
  // and an unquoted "2,50" or "Kookclub, Naaiclub" would split into two columns.
  return /[";,\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toDutchCsv(
  header: readonly string[],
  rows: readonly (readonly CsvCell[])[],
): string {
  const lines = [
    header.map((h) => formatCell(h)).join(';'),
    ...rows.map((r) => r.map(formatCell).join(';')),
  ];
  return BOM + lines.join('\r\n') + '\r\n';
}

/** Reads back what `toDutchCsv` wrote (for tests and for imports): cells as strings. */
export function parseDutchCsv(text: string): string[][] {
  const src = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && src[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
