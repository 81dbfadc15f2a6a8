import { describe, expect, it } from 'vitest';
import { DEFAULT_PASS_SHAPES } from '../pass-code.ts';
import {
  composeDutchName,
  guessColumnMapping,
  isMappingFor,
  recognizeHeader,
} from './column-mapping.ts';
import {
  readAmountCents,
  readDutchDate,
  readPaidCell,
  readPhone,
  readPostcode,
} from './import-values.ts';
import { locateTable } from './locate-table.ts';
import {
  countPreview,
  planImportPreview,
  planImportWrites,
  type ExistingPerson,
  type ImportContext,
} from './plan-import.ts';

const TODAY = '2026-11-27';

describe('recognizing Dutch headers', () => {
  it.each([
    ['Lidnummer', 'pass'],
    ['Pasnummer', 'pass'],
    ['Naam', 'name'],
    ['Voornaam', 'firstName'],
    ['Tussenvoegsel', 'infix'],
    ['Achternaam', 'lastName'],
    ['Telefoon', 'phone'],
    ['Tel.', 'phone'],
    ['Postcode', 'postcode'],
    ['Geboortedatum', 'birthDate'],
    ['Geb.datum', 'birthDate'],
    ['Lid sinds', 'memberSince'],
    ['Betaald 2026', 'paidYear'],
    ['Betaald (€)', 'paidAmount'],
    ['Opmerkingen', 'notes'],
    ['Kleur', null],
  ])('%s → %s', (header, field) => {
    expect(recognizeHeader(header)).toBe(field);
  });

  it('reads a plain Naam beside Voornaam as the surname, and each field once', () => {
    expect(guessColumnMapping(['Voornaam', 'Tussenvoegsel', 'Naam', 'Naam'])).toEqual([
      'firstName',
      'infix',
      'lastName',
      null,
    ]);
  });

  it('a saved mapping fits a file with the same headers', () => {
    const saved = { headers: ['Naam', 'Pasnummer'], mapping: ['name', 'pass'] as const };
    expect(isMappingFor(saved, [' naam', 'PASNUMMER'])).toBe(true);
    expect(isMappingFor(saved, ['Naam'])).toBe(false);
  });
});

describe('composing a name the Dutch way', () => {
  it.each([
    [{ firstName: 'Jan', infix: 'van der', lastName: 'Berg' }, 'Jan van der Berg'],
    [{ firstName: ' Ama ', infix: '', lastName: 'Boateng' }, 'Ama Boateng'],
    [{ name: 'Berg, Jan van der' }, 'Jan van der Berg'],
    [{ name: '  Sérgio   Santos ' }, 'Sérgio Santos'],
    [{}, ''],
  ])('%o → %s', (parts, name) => {
    expect(composeDutchName(parts)).toBe(name);
  });
});

describe('reading cells', () => {
  it.each([
    ['31-12-1970', '1970-12-31'],
    ['1-2-1970', '1970-02-01'],
    ['01/02/70', '1970-02-01'],
    ['05.06.2020', '2020-06-05'],
    ['2019-03-04', '2019-03-04'],
    ['1975', '1975-01-01'],
  ])('date %s → %s', (text, date) => {
    expect(readDutchDate(text, TODAY)).toEqual({ ok: true, date });
  });

  it.each(['31-02-1970', '29-02-2023', '13-13-1990', '01-01-2027', 'gisteren', '1850'])(
    'refuses the date %s',
    (text) => {
      expect(readDutchDate(text, TODAY)).toEqual({ ok: false, code: 'date-impossible' });
    },
  );

  it('reads postcodes, phones, amounts and paid cells', () => {
    expect(readPostcode('1104ab')).toBe('1104 AB');
    expect(readPostcode('11O4 AB')).toBe('invalid');
    expect(readPostcode('')).toBeNull();
    expect(readPhone('06-12345678')).toBe('06-12345678');
    expect(readPhone('612345678')).toBe('0612345678');
    expect(readPhone('bel mij')).toBe('invalid');
    expect(readAmountCents('€ 2,50')).toBe(250);
    expect(readAmountCents('1.5')).toBe(150);
    expect(readAmountCents('twee')).toBe('invalid');
    expect(readPaidCell('ja')).toBe(true);
    expect(readPaidCell('X')).toBe(true);
    expect(readPaidCell('nee')).toBe(false);
    expect(readPaidCell('1,00')).toBe(100);
  });
});

describe('locating the table in a sheet', () => {
  it('skips a title row, blank lines and a totals row, keeping spreadsheet row numbers', () => {
    const table = locateTable([
      ['Ledenlijst Bewonersvereniging CJM 2026', '', ''],
      ['', '', ''],
      ['Lidnummer', 'Naam', 'Betaald 2026'],
      ['CJM00417', 'Ama Boateng', 'ja'],
      ['', '', ''],
      ['0041753', 'Kofi Mensah', 'nee'],
      ['Totaal', '2', '1'],
    ]);
    expect(table.headerRowNumber).toBe(3);
    expect(table.headers).toEqual(['Lidnummer', 'Naam', 'Betaald 2026']);
    expect(table.rows.map((r) => r.rowNumber)).toEqual([4, 6]);
    expect(table.skipped).toEqual([
      { rowNumber: 5, why: 'blank' },
      { rowNumber: 7, why: 'totals' },
    ]);
  });
});

function context(people: ExistingPerson[] = [], passes: [string, string][] = []): ImportContext {
  return {
    people,
    passOwners: new Map(passes),
    shapes: DEFAULT_PASS_SHAPES,
    today: TODAY,
    contributionCents: 250,
  };
}

const HEADERS = ['Pasnummer', 'Naam', 'Geboortedatum', 'Postcode', 'Lid sinds', 'Betaald 2026'];
const MAPPING = guessColumnMapping(HEADERS);
const row = (rowNumber: number, ...cells: string[]) => ({ rowNumber, cells });

const ama: ExistingPerson = {
  memberId: 'm-ama',
  name: 'Ama Boateng',
  birthYear: 1970,
  phone: '',
  postcode: '',
  passes: ['CJM00417'],
  isMember: true,
  paidCents: 0,
};

describe('the preview', () => {
  it('names each row: new, already here, duplicate within the file, error with a reason', () => {
    const preview = planImportPreview(
      [
        row(2, 'CJM00417', 'Ama Boateng', '', '', '', 'ja'),
        row(3, '0041753', 'Kofi Mensah', '12-05-1961', '1104ab', '01-03-2015', ''),
        row(4, '', 'kofi  mensah', '12-05-1961', '', '', ''),
        row(5, '', 'Jan Jansen', '1970', '', '', ''),
        row(6, '', '', '', '', '', ''),
        row(7, '', 'Piet Puk', '31-02-1970', '', '', ''),
        row(8, 'CJM00417', 'Someone Else', '', '', '', ''),
        row(9, '', 'Els de Wit', '', '11O4AB', '', ''),
      ],
      MAPPING,
      HEADERS,
      context(
        [{ ...ama, memberId: 'm-jan', name: 'Jan Jansen', passes: [] }, ama],
        [['CJM00417', 'm-ama']],
      ),
    );
    expect(preview.map((r) => [r.rowNumber, r.status])).toEqual([
      [2, 'match'],
      [3, 'new'],
      [4, 'duplicate'],
      [5, 'match'],
      [6, 'error'],
      [7, 'error'],
      [8, 'error'],
      [9, 'error'],
    ]);
    expect(preview[0]!.match).toEqual({ memberId: 'm-ama', by: 'pass' });
    expect(preview[2]!.duplicateOf).toBe(3);
    expect(preview[3]!.match).toEqual({ memberId: 'm-jan', by: 'name-birth' });
    expect(preview[4]!.errors).toEqual([{ field: 'name', code: 'name-missing' }]);
    expect(preview[5]!.errors).toEqual([{ field: 'birthDate', code: 'date-impossible' }]);
    expect(preview[6]!.errors).toEqual([{ field: 'pass', code: 'pass-other-person' }]);
    expect(preview[7]!.errors).toEqual([{ field: 'postcode', code: 'postcode-unreadable' }]);
    expect(preview[1]!.person).toEqual({
      name: 'Kofi Mensah',
      pass: '0041753',
      phone: null,
      postcode: '1104 AB',
      birthYear: 1961,
      memberSince: '2015-03-01',
      paidCents: 0,
    });
    expect(countPreview(preview)).toEqual({ new: 1, match: 2, duplicate: 1, error: 4 });
  });

  it('the same pass on two people in one file is an error on the second', () => {
    const preview = planImportPreview(
      [row(2, '12345678', 'A One', '', '', '', ''), row(3, '12345678', 'B Two', '', '', '', '')],
      MAPPING,
      HEADERS,
      context(),
    );
    expect(preview[1]!.errors).toEqual([{ field: 'pass', code: 'pass-twice-in-file' }]);
  });
});

describe('what an import writes', () => {
  const rows = [
    row(2, 'CJM00417', 'Ama Boateng', '01-01-1970', '1104 AB', '', '1,00'),
    row(3, '0041753', 'Kofi Mensah', '', '', '', 'ja'),
    row(4, '0041753', 'Kofi Mensah', '', '', '', 'ja'),
  ];

  it('skip writes only the new; update writes only what differs', () => {
    const ctx = context([ama], [['CJM00417', 'm-ama']]);
    const preview = planImportPreview(rows, MAPPING, HEADERS, ctx);
    const skip = planImportWrites(preview, { matches: 'skip', duplicates: 'skip' }, ctx);
    expect(skip).toEqual([{ kind: 'new', rowNumber: 3, person: preview[1]!.person }]);
    const update = planImportWrites(preview, { matches: 'update', duplicates: 'skip' }, ctx);
    expect(update[0]).toEqual({
      kind: 'update',
      rowNumber: 2,
      memberId: 'm-ama',
      profile: { postcode: '1104 AB' },
      pass: null,
      membershipFrom: null,
      paymentCents: 100,
    });
  });

  it('after the import, the same file again writes nothing', () => {
    const after = context(
      [
        { ...ama, postcode: '1104 AB', paidCents: 100 },
        {
          memberId: 'm-kofi',
          name: 'Kofi Mensah',
          birthYear: null,
          phone: '',
          postcode: '',
          passes: ['0041753'],
          isMember: true,
          paidCents: 250,
        },
      ],
      [
        ['CJM00417', 'm-ama'],
        ['0041753', 'm-kofi'],
      ],
    );
    const preview = planImportPreview(rows, MAPPING, HEADERS, after);
    expect(countPreview(preview)).toMatchObject({ new: 0, match: 2 });
    for (const matches of ['skip', 'update'] as const)
      expect(planImportWrites(preview, { matches, duplicates: 'import' }, after)).toEqual([]);
  });
});
