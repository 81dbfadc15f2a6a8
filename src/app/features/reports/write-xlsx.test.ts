import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { makeSheetName, stripXmlInvalid, writeXlsx, type Sheet } from './write-xlsx.ts';

const WIDE: Sheet = {
  name: 'Klanten, leden en bereik',
  header: ['Onderdeel', 'Indicator', 'Casa Jepie Makandra', 'MultiBron', 'De Handreiking', 'Samen'],
  rows: [
    ['Klanten', 'Ingeschreven klanten op 31 december', 3, 0, 0, 3],
    ['Leden', 'Betaald \uFFFE\uFFFF\u0001bedrag', { cents: 250 }, { date: '2026-01-05' }, null, 1],
  ],
};

const NARROW: Sheet = {
  name: 'Diensten en activiteiten per locatie',
  sheetName: 'Diensten en activiteiten',
  header: ['Dienst', 'Aantal'],
  rows: [['=SOM(A1)', 2]],
};

describe('writeXlsx (ExcelJS)', () => {
  it('writes a file whose XML is valid: no U+FFFE, U+FFFF or control characters', async () => {
    const bytes = await writeXlsx([WIDE]);
    const files = unzipSync(bytes);
    const all = Object.values(files)
      .map((f) => strFromU8(f))
      .join('');
    // eslint-disable-next-line no-control-regex
    expect(all).not.toMatch(/[\uFFFE\uFFFF\u0001]/);
    expect(stripXmlInvalid('a\uFFFEb\uD800c\u0007d')).toBe('abcd');
  });

  it('reads back: bold frozen header, widths, landscape fit-to-width when wide, real numbers and dates', async () => {
    const bytes = await writeXlsx([WIDE, NARROW]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as Parameters<typeof wb.xlsx.load>[0]);
    const [wide, narrow] = wb.worksheets;
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Klanten, leden en bereik',
      'Diensten en activiteiten',
    ]);
    expect(wide!.getRow(1).font?.bold).toBe(true);
    expect(wide!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(wide!.pageSetup).toMatchObject({
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    });
    expect(narrow!.pageSetup.orientation).toBe('portrait');
    expect(wide!.getColumn(2).width).toBeGreaterThanOrEqual(35);
    expect(wide!.getCell('C3').value).toBe(2.5);
    expect(wide!.getCell('D3').value).toEqual(new Date(Date.UTC(2026, 0, 5)));
    expect(wide!.getCell('B3').value).toBe('Betaald bedrag');
    // A text that looks like a formula stays text.
    expect(narrow!.getCell('A2').value).toBe('=SOM(A1)');
  });

  it('makes sheet names within 31 characters, cut at a word, unique', () => {
    const used = new Set<string>();
    expect(makeSheetName('Diensten en activiteiten per locatie', used)).toBe(
      'Diensten en activiteiten per',
    );
    expect(makeSheetName('Leden [2026]: a/b', used)).toBe('Leden 2026 a b');
    expect(makeSheetName('leden 2026 a b', used)).toBe('leden 2026 a b 2');
  });
});
