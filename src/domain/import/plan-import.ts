/**
 * The preview of an import, row by row, and what it will write. Pure: the file's rows, the mapping,
 * what the laptop already holds and "today" in; statuses and writes out.
 *
 * - *new*: nobody here has this pass, name and birth year;
 * - *match* ("already here"): the same pass with the same name, or the same name and birth year
 *   (Buurtpas keeps the birth year, not the date), or, for a row with neither pass nor birth date,
 *   the one person here of that name without a birth year; the coordinator chooses skip or update;
 * - *duplicate*: the same person (pass, or name and birth year) on an earlier row of the file;
 * - *error*: a reason per field; an error row is never imported, not even in part.
 *
 * Importing the same file twice adds nobody: every row of the second run is a match, and an update
 * writes only what differs (a payment only for what is not yet paid).
 */
import {
  composeDutchName,
  yearOfPaidHeader,
  type ColumnMapping,
  type ImportField,
} from './column-mapping.ts';
import {
  normalizeName,
  readAmountCents,
  readDutchDate,
  readPaidCell,
  readPhone,
  readPostcode,
} from './import-values.ts';
import type { SheetRow } from './locate-table.ts';
import { validatePassCode, type PassShape } from '../pass-code.ts';

export type ImportErrorCode =
  | 'name-missing'
  | 'name-too-long'
  | 'date-impossible'
  | 'pass-other-person'
  | 'pass-twice-in-file'
  | 'pass-unreadable'
  | 'postcode-unreadable'
  | 'phone-unreadable'
  | 'amount-unreadable';

export type ImportError = { field: ImportField; code: ImportErrorCode };

export type ImportPerson = {
  name: string;
  pass: string | null;
  phone: string | null;
  postcode: string | null;
  birthYear: number | null;
  memberSince: string | null;
  /** What the list says is paid for this year's contribution, in cents; null: it does not say. */
  paidCents: number | null;
};

export type PreviewRow = {
  rowNumber: number;
  cells: string[];
  status: 'new' | 'match' | 'duplicate' | 'error';
  person: ImportPerson | null;
  errors: ImportError[];
  match?: { memberId: string; by: 'pass' | 'name-birth' | 'name' };
  duplicateOf?: number;
};

export type ExistingPerson = {
  memberId: string;
  name: string;
  birthYear: number | null;
  phone: string;
  postcode: string;
  passes: readonly string[];
  isMember: boolean;
  /** Paid for this year's contribution (voided payments left out), in cents. */
  paidCents: number;
};

export type ImportContext = {
  people: readonly ExistingPerson[];
  /** Every pass code on this laptop (active or revoked) and the person it belongs to. */
  passOwners: ReadonlyMap<string, string>;
  shapes: readonly PassShape[];
  /** Local date (Europe/Amsterdam) of the import. */
  today: string;
  /** This year's contribution amount, for a "ja" in a "Betaald" column. */
  contributionCents: number;
};

function cellOf(row: SheetRow, mapping: ColumnMapping, field: ImportField): string {
  const i = mapping.indexOf(field);
  return i === -1 ? '' : (row.cells[i] ?? '').trim();
}

/** Reads one row into a person, or the reasons it cannot be one. */
export function readImportRow(
  row: SheetRow,
  mapping: ColumnMapping,
  headers: readonly string[],
  context: Pick<ImportContext, 'shapes' | 'today' | 'contributionCents'>,
): { person: ImportPerson | null; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const get = (f: ImportField) => cellOf(row, mapping, f);
  const name = composeDutchName({
    name: get('name'),
    firstName: get('firstName'),
    infix: get('infix'),
    lastName: get('lastName'),
  });
  const nameField: ImportField = mapping.includes('name') ? 'name' : 'lastName';
  if (name === '') errors.push({ field: nameField, code: 'name-missing' });
  else if (name.length > 200) errors.push({ field: nameField, code: 'name-too-long' });

  let pass: string | null = null;
  const rawPass = get('pass');
  if (rawPass !== '') {
    const read = validatePassCode(rawPass, context.shapes);
    if (read.ok) pass = read.code;
    else errors.push({ field: 'pass', code: 'pass-unreadable' });
  }

  const phone = readPhone(get('phone'));
  if (phone === 'invalid') errors.push({ field: 'phone', code: 'phone-unreadable' });
  const postcode = readPostcode(get('postcode'));
  if (postcode === 'invalid') errors.push({ field: 'postcode', code: 'postcode-unreadable' });

  let birthYear: number | null = null;
  const birth = readDutchDate(get('birthDate'), context.today);
  if (birth && !birth.ok) errors.push({ field: 'birthDate', code: 'date-impossible' });
  else if (birth) birthYear = Number(birth.date.slice(0, 4));

  let memberSince: string | null = null;
  const since = readDutchDate(get('memberSince'), context.today);
  if (since && !since.ok) errors.push({ field: 'memberSince', code: 'date-impossible' });
  else if (since) memberSince = since.date;

  let paidCents: number | null = null;
  const paidYearIndex = mapping.indexOf('paidYear');
  const thisYear = Number(context.today.slice(0, 4));
  if (paidYearIndex !== -1 && yearOfPaidHeader(headers[paidYearIndex] ?? '') === thisYear) {
    const paid = readPaidCell(get('paidYear'));
    if (paid === 'invalid') errors.push({ field: 'paidYear', code: 'amount-unreadable' });
    else paidCents = paid === true ? context.contributionCents : paid === false ? 0 : paid;
  }
  if (mapping.includes('paidAmount')) {
    const amount = readAmountCents(get('paidAmount'));
    if (amount === 'invalid') errors.push({ field: 'paidAmount', code: 'amount-unreadable' });
    else if (amount !== null) paidCents = amount;
  }

  if (errors.length > 0) return { person: null, errors };
  return {
    person: {
      name,
      pass,
      phone: phone as string | null,
      postcode: postcode as string | null,
      birthYear,
      memberSince,
      paidCents,
    },
    errors,
  };
}

const personKey = (name: string, birthYear: number | null) =>
  `${normalizeName(name)}|${birthYear ?? ''}`;

function findExisting(
  person: ImportPerson,
  key: string,
  passOwners: ReadonlyMap<string, string>,
  byKey: ReadonlyMap<string, readonly ExistingPerson[]>,
): PreviewRow['match'] {
  const ownerId = person.pass !== null ? passOwners.get(person.pass) : undefined;
  if (ownerId !== undefined) return { memberId: ownerId, by: 'pass' };
  const sameKey = byKey.get(key) ?? [];
  if (person.birthYear !== null && sameKey.length > 0)
    return { memberId: sameKey[0]!.memberId, by: 'name-birth' };
  if (person.birthYear === null && person.pass === null && sameKey.length === 1)
    return { memberId: sameKey[0]!.memberId, by: 'name' };
  return undefined;
}

export function planImportPreview(
  rows: readonly SheetRow[],
  mapping: ColumnMapping,
  headers: readonly string[],
  context: ImportContext,
): PreviewRow[] {
  const byId = new Map(context.people.map((p) => [p.memberId, p]));
  const byKey = new Map<string, ExistingPerson[]>();
  for (const p of context.people) {
    const key = personKey(p.name, p.birthYear);
    byKey.set(key, [...(byKey.get(key) ?? []), p]);
  }
  const passInFile = new Map<string, { rowNumber: number; name: string }>();
  const keyInFile = new Map<string, number>();

  return rows.map((row): PreviewRow => {
    const { person, errors } = readImportRow(row, mapping, headers, context);
    const base = { rowNumber: row.rowNumber, cells: row.cells };
    if (!person) return { ...base, status: 'error', person: null, errors };
    const key = personKey(person.name, person.birthYear);

    if (person.pass !== null) {
      const ownerId = context.passOwners.get(person.pass);
      if (ownerId !== undefined) {
        const owner = byId.get(ownerId);
        if (!owner || normalizeName(owner.name) !== normalizeName(person.name))
          return {
            ...base,
            status: 'error',
            person: null,
            errors: [{ field: 'pass', code: 'pass-other-person' }],
          };
      }
      const earlier = passInFile.get(person.pass);
      if (earlier && normalizeName(earlier.name) !== normalizeName(person.name))
        return {
          ...base,
          status: 'error',
          person: null,
          errors: [{ field: 'pass', code: 'pass-twice-in-file' }],
        };
    }

    const match = findExisting(person, key, context.passOwners, byKey);
    const earlierRow =
      (person.pass !== null ? passInFile.get(person.pass)?.rowNumber : undefined) ??
      keyInFile.get(key);
    if (person.pass !== null && !passInFile.has(person.pass))
      passInFile.set(person.pass, { rowNumber: row.rowNumber, name: person.name });
    if (!keyInFile.has(key)) keyInFile.set(key, row.rowNumber);
    if (earlierRow !== undefined)
      return {
        ...base,
        status: 'duplicate',
        person,
        errors,
        duplicateOf: earlierRow,
        ...(match ? { match } : {}),
      };
    if (match) return { ...base, status: 'match', person, errors, match };
    return { ...base, status: 'new', person, errors };
  });
}

export type ImportChoices = {
  /** Rows already here: leave them, or bring their record up to what the list says. */
  matches: 'skip' | 'update';
  /** Rows that repeat an earlier row of the file: leave them out, or import them as well. */
  duplicates: 'skip' | 'import';
};

export type PersonWrite =
  | { kind: 'new'; rowNumber: number; person: ImportPerson }
  | {
      kind: 'update';
      rowNumber: number;
      memberId: string;
      profile: { phone?: string; postcode?: string; birthYear?: number };
      pass: string | null;
      membershipFrom: string | null;
      paymentCents: number;
    };

/** What the import writes for the rows the coordinator chose; updates only where something differs. */
export function planImportWrites(
  preview: readonly PreviewRow[],
  choices: ImportChoices,
  context: Pick<ImportContext, 'people' | 'today'>,
): PersonWrite[] {
  const byId = new Map(context.people.map((p) => [p.memberId, p]));
  const writes: PersonWrite[] = [];
  const issued = new Set<string>();
  for (const row of preview) {
    const person = row.person;
    if (!person) continue;
    // A repeat of a person already here is never a second person.
    const repeatsNew = row.status === 'duplicate' && !row.match && choices.duplicates === 'import';
    if (row.status === 'new' || repeatsNew) {
      // A pass on two rows of one person goes to the first row only.
      const pass = person.pass !== null && !issued.has(person.pass) ? person.pass : null;
      if (pass) issued.add(pass);
      writes.push({ kind: 'new', rowNumber: row.rowNumber, person: { ...person, pass } });
      continue;
    }
    if (row.status !== 'match' || choices.matches !== 'update' || !row.match) continue;
    const here = byId.get(row.match.memberId);
    if (!here) continue;
    const profile: { phone?: string; postcode?: string; birthYear?: number } = {};
    if (person.phone !== null && person.phone !== here.phone) profile.phone = person.phone;
    if (person.postcode !== null && person.postcode !== here.postcode)
      profile.postcode = person.postcode;
    if (person.birthYear !== null && person.birthYear !== here.birthYear)
      profile.birthYear = person.birthYear;
    const pass =
      person.pass !== null && !here.passes.includes(person.pass) && !issued.has(person.pass)
        ? person.pass
        : null;
    if (pass) issued.add(pass);
    const membershipFrom = here.isMember ? null : (person.memberSince ?? context.today);
    const paymentCents = Math.max(0, (person.paidCents ?? 0) - here.paidCents);
    if (Object.keys(profile).length === 0 && !pass && !membershipFrom && paymentCents === 0)
      continue;
    writes.push({
      kind: 'update',
      rowNumber: row.rowNumber,
      memberId: here.memberId,
      profile,
      pass,
      membershipFrom,
      paymentCents,
    });
  }
  return writes;
}

/** Counts for the preview's summary line. */
export function countPreview(preview: readonly PreviewRow[]): Record<PreviewRow['status'], number> {
  const counts = { new: 0, match: 0, duplicate: 0, error: 0 };
  for (const r of preview) counts[r.status]++;
  return counts;
}
