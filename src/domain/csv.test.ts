import { describe, expect, it } from 'vitest';
import { neutralizeFormula, parseDutchCsv, toDutchCsv } from './csv.ts';

describe('toDutchCsv', () => {
  it('writes a BOM, semicolons, decimal commas, Dutch dates and CRLF', () => {
    const csv = toDutchCsv(
      ['Naam', 'Open', 'Sinds'],
      [['Ama', { cents: 250 }, { date: '2026-01-05' }]],
    );
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toBe('\uFEFFNaam;Open;Sinds\r\nAma;"2,50";05-01-2026\r\n');
  });

  it.each([
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+31 6 1234', "'+31 6 1234"],
    ['-1', "'-1"],
    ['@cmd', "'@cmd"],
    ['Ama', 'Ama'],
  ])('neutralises %s', (input, expected) => {
    expect(neutralizeFormula(input)).toBe(expected);
  });

  it('quotes every field holding a comma: amounts, decimals and labels', () => {
    const csv = toDutchCsv(
      ['Dienst', 'Bedrag', 'Gem.'],
      [['Kookclub, Naaiclub', { cents: 250 }, 1.5]],
    );
    expect(csv).toBe('\uFEFFDienst;Bedrag;Gem.\r\n"Kookclub, Naaiclub";"2,50";"1,5"\r\n');
    // Split on commas as well as semicolons (LibreOffice's defaults), no field breaks apart.
    const line = csv.split('\r\n')[1]!;
    const outside = line.replace(/"[^"]*"/g, 'Q');
    expect(outside).toBe('Q;Q;Q');
  });

  it('quotes separators, quotes and newlines, and parses back to the same cells', () => {
    const csv = toDutchCsv(
      ['a', 'b'],
      [
        ['x;y', 'he said "hi"\nbye'],
        [null, { cents: -120 }],
      ],
    );
    expect(parseDutchCsv(csv)).toEqual([
      ['a', 'b'],
      ['x;y', 'he said "hi"\nbye'],
      ['', '-1,20'],
    ]);
  });
});
