/**
 * Which column of a member list holds what. Rooms keep their lists in the old system's export or
 * in Excel, with Dutch headers that vary a little ("Geb.datum", "Lid sinds", "Betaald 2026"); the
 * headers are recognised here and the coordinator corrects what was not. A mapping is a field per
 * column (or null: not imported).
 */
export type ImportField =
  | 'pass'
  | 'name'
  | 'firstName'
  | 'infix'
  | 'lastName'
  | 'phone'
  | 'postcode'
  | 'birthDate'
  | 'memberSince'
  | 'paidYear'
  | 'paidAmount'
  | 'notes';

export const IMPORT_FIELDS: readonly ImportField[] = [
  'pass',
  'name',
  'firstName',
  'infix',
  'lastName',
  'phone',
  'postcode',
  'birthDate',
  'memberSince',
  'paidYear',
  'paidAmount',
  'notes',
];

export type ColumnMapping = readonly (ImportField | null)[];

/** Lower case, no accents, no punctuation but single spaces: "Geb.datum" → "geb datum". */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/€/g, ' eur ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const HEADER_WORDS: readonly [ImportField, RegExp][] = [
  [
    'pass',
    /^(lid ?nummer|lid ?nr|lidnr|pas ?nummer|pas ?nr|pasnr|pas|barcode|klant ?nummer|klantnr|pas ?code|member ?number|card ?number|pass)$/,
  ],
  ['firstName', /^(voornaam|voornamen|roepnaam|first ?name)$/],
  ['infix', /^(tussenvoegsel|tussenvoegsels|tussenv|tv|voorvoegsel)$/],
  ['lastName', /^(achternaam|familienaam|last ?name|surname)$/],
  ['name', /^(naam|volledige naam|naam lid|name|full ?name)$/],
  ['phone', /^(telefoon|telefoonnummer|tel|tel nr|telnr|mobiel|gsm|telefoon ?nr|phone)$/],
  ['postcode', /^(postcode|pc|post ?code|zip)$/],
  [
    'birthDate',
    /^(geboortedatum|geb datum|gebdatum|geb dat|geboren|geboortejaar|geb jaar|date of birth|birth ?date)$/,
  ],
  [
    'memberSince',
    /^(lid sinds|lidsinds|lid vanaf|lid per|inschrijfdatum|datum inschrijving|ingeschreven|member since)$/,
  ],
  ['paidAmount', /^(betaald eur|betaald bedrag|bedrag betaald|bedrag|contributie eur|paid eur)$/],
  ['paidYear', /^(betaald|contributie|paid) ?(19|20)\d\d$/],
  ['notes', /^(opmerkingen|opmerking|notities|notitie|bijzonderheden|notes)$/],
];

/** The field a header names, or null. */
export function recognizeHeader(header: string): ImportField | null {
  const h = normalizeHeader(header);
  for (const [field, re] of HEADER_WORDS) if (re.test(h)) return field;
  return null;
}

/** The year a "Betaald 2026" header names, or null. */
export function yearOfPaidHeader(header: string): number | null {
  const m = /(19|20)\d\d/.exec(normalizeHeader(header));
  return m ? Number(m[0]) : null;
}

/**
 * A mapping from the headers: each field at most once (the first column that names it), and a
 * plain "Naam" beside "Voornaam" is the surname.
 */
export function guessColumnMapping(headers: readonly string[]): ColumnMapping {
  const fields = headers.map(recognizeHeader);
  const hasFirst = fields.includes('firstName');
  const hasLast = fields.includes('lastName');
  const seen = new Set<ImportField>();
  return fields.map((f) => {
    let field = f;
    if (field === 'name' && hasFirst && !hasLast) field = 'lastName';
    if (field === null || seen.has(field)) return null;
    seen.add(field);
    return field;
  });
}

/** How well a row reads as a header: the number of distinct fields it names. */
export function scoreHeaderRow(cells: readonly string[]): number {
  return new Set(cells.map(recognizeHeader).filter((f) => f !== null)).size;
}

/** A saved mapping still fits a file when its headers are the same ones. */
export function isMappingFor(
  saved: { headers: readonly string[]; mapping: ColumnMapping },
  headers: readonly string[],
): boolean {
  return (
    saved.headers.length === headers.length &&
    saved.headers.every((h, i) => normalizeHeader(h) === normalizeHeader(headers[i] ?? ''))
  );
}

/** Whether a mapping can import at all: it needs a name (whole, or a surname). */
export function hasNameColumn(mapping: ColumnMapping): boolean {
  return mapping.includes('name') || mapping.includes('lastName');
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * A name the Dutch way: "Jan" + "van der" + "Berg" is "Jan van der Berg". A whole name written
 * surname first ("Berg, Jan van der") is turned around the same way.
 */
export function composeDutchName(parts: {
  name?: string;
  firstName?: string;
  infix?: string;
  lastName?: string;
}): string {
  const whole = collapse(parts.name ?? '');
  if (whole !== '') {
    const comma = whole.split(',');
    if (comma.length === 2 && comma[0]!.trim() !== '' && comma[1]!.trim() !== '')
      return collapse(`${comma[1]} ${comma[0]}`);
    return whole;
  }
  return collapse(
    [parts.firstName ?? '', parts.infix ?? '', parts.lastName ?? '']
      .map((p) => p.trim())
      .filter((p) => p !== '')
      .join(' '),
  );
}
