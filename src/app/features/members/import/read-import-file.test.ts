import { describe, expect, it } from 'vitest';
import { loadExcelJs, readCsvBytes, readXlsxBytes } from './read-import-file.ts';
import { locateTable } from '../../../../domain/import/locate-table.ts';

/** Windows-1252 bytes of a text (only the characters these fixtures use). */
function cp1252(text: string): Uint8Array {
  const special: Record<string, number> = { '€': 0x80, '‘': 0x91, '’': 0x92 };
  return Uint8Array.from([...text].map((c) => special[c] ?? c.charCodeAt(0)));
}

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('reading CSV files as rooms have them', () => {
  it('Windows-1252 from the old system: accents and the euro sign read right', async () => {
    const file = await readCsvBytes(
      cp1252('Lidnummer;Naam;Betaald (€)\r\nCJM00417;Sérgio Gonçalves;€ 2,50\r\n'),
    );
    expect(file.kind === 'csv' && file.encoding).toBe('windows-1252');
    expect(file.sheets[0]!.rows.slice(0, 2)).toEqual([
      ['Lidnummer', 'Naam', 'Betaald (€)'],
      ['CJM00417', 'Sérgio Gonçalves', '€ 2,50'],
    ]);
  });

  it('UTF-8 with a byte-order mark: the mark is not part of the first header', async () => {
    const file = await readCsvBytes(utf8('\uFEFFNaam;Postcode\nZoë Ağaoğlu;1104 AB\n'));
    expect(file.kind === 'csv' && file.encoding).toBe('utf-8');
    expect(file.sheets[0]!.rows[0]).toEqual(['Naam', 'Postcode']);
    expect(file.sheets[0]!.rows[1]).toEqual(['Zoë Ağaoğlu', '1104 AB']);
  });

  it('UTF-8 without a mark', async () => {
    const file = await readCsvBytes(utf8('Naam;Postcode\nJosé;1104 AB\n'));
    expect(file.sheets[0]!.rows[1]).toEqual(['José', '1104 AB']);
  });

  it.each([
    [';', 'Naam;Telefoon\nAma;0612345678\n'],
    [',', 'Naam,Telefoon\nAma,0612345678\n'],
    ['\t', 'Naam\tTelefoon\nAma\t0612345678\n'],
  ])('separator %j', async (delimiter, text) => {
    const file = await readCsvBytes(utf8(text));
    expect(file.kind === 'csv' && file.delimiter).toBe(delimiter);
    expect(file.sheets[0]!.rows[1]).toEqual(['Ama', '0612345678']);
  });

  it('quoted fields keep their separators and line breaks', async () => {
    const file = await readCsvBytes(
      utf8('Naam;Opmerkingen\r\n"Berg; Jan van der";"eerste regel\r\ntweede; regel"\r\n'),
    );
    expect(file.sheets[0]!.rows[1]).toEqual(['Berg; Jan van der', 'eerste regel\r\ntweede; regel']);
  });

  it('blank lines and a totals row are left out, row numbers kept', async () => {
    const file = await readCsvBytes(
      utf8('Lidnummer;Naam\n\n00417;Ama\n;\n00418;Kofi\nTotaal;2\n\n'),
    );
    const table = locateTable(file.sheets[0]!.rows);
    expect(table.rows.map((r) => [r.rowNumber, r.cells[1]])).toEqual([
      [3, 'Ama'],
      [5, 'Kofi'],
    ]);
    expect(table.skipped.filter((s) => s.why === 'totals')).toEqual([
      { rowNumber: 6, why: 'totals' },
    ]);
  });
});

describe('reading XLSX workbooks', () => {
  async function makeWorkbook(): Promise<Uint8Array> {
    const ExcelJS = await loadExcelJs();
    const wb = new ExcelJS.Workbook();
    const notes = wb.addWorksheet('Toelichting');
    notes.addRow(['Deze lijst is van de penningmeester.']);
    const sheet = wb.addWorksheet('Leden 2026');
    sheet.addRow(['Ledenlijst Bewonersvereniging CJM']);
    sheet.addRow([]);
    sheet.addRow(['Pasnummer', 'Voornaam', 'Tussenvoegsel', 'Achternaam', 'Geb.datum']);
    sheet.addRow([417, 'Jan', 'van der', 'Berg', new Date(Date.UTC(1970, 11, 31))]);
    sheet.getCell('A4').numFmt = '00000';
    sheet.addRow(['CJM00418', 'Ama', '', 'Boateng', new Date(Date.UTC(1961, 4, 12))]);
    sheet.addRow([{ formula: 'ROWS(A4:A5)', result: 2 }, 'Totaal']);
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  it('lists every sheet; a title row above the header, date cells and leading zeros read right', async () => {
    const file = await readXlsxBytes(await makeWorkbook());
    expect(file.sheets.map((s) => s.name)).toEqual(['Toelichting', 'Leden 2026']);
    const table = locateTable(file.sheets[1]!.rows);
    expect(table.headerRowNumber).toBe(3);
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['00417', 'Jan', 'van der', 'Berg', '1970-12-31'],
      ['CJM00418', 'Ama', '', 'Boateng', '1961-05-12'],
    ]);
    expect(table.skipped).toEqual([{ rowNumber: 6, why: 'totals' }]);
  });
});
