/**
 * Reading the cells of a member list: Dutch dates (31-12-1970, 31/12/70, and ISO dates from real
 * Excel date cells), postcodes, phone numbers, "ja"/"x" or an amount for a paid contribution.
 * Each reader gives a value or an error code; nothing is guessed silently.
 */
export type DateRead = { ok: true; date: string } | { ok: false; code: 'date-impossible' };

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30];
  const all = [...days, 31, 31, 30, 31, 30, 31];
  return d <= all[m - 1]!;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A date as a local ISO date. Day first, as Dutch lists write it; a two-digit year is the most
 * recent year with those digits not after `today`. A date after `today` is refused (nobody is
 * born, or became a member, tomorrow).
 */
export function readDutchDate(text: string, today: string): DateRead | null {
  const t = text.trim();
  if (t === '') return null;
  let y: number;
  let m: number;
  let d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(t);
  if (match) {
    y = Number(match[1]);
    m = Number(match[2]);
    d = Number(match[3]);
  } else if ((match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$/.exec(t))) {
    d = Number(match[1]);
    m = Number(match[2]);
    y = Number(match[3]);
    if (match[3]!.length === 2) {
      const thisYear = Number(today.slice(0, 4));
      y += 2000;
      if (y > thisYear) y -= 100;
    }
  } else if ((match = /^(\d{4})$/.exec(t))) {
    // A year alone (a "Geboortejaar" column): the first of January stands in for it.
    y = Number(match[1]);
    m = 1;
    d = 1;
  } else return { ok: false, code: 'date-impossible' };
  if (y < 1900 || !isRealDate(y, m, d)) return { ok: false, code: 'date-impossible' };
  const date = `${y}-${pad(m)}-${pad(d)}`;
  if (date > today) return { ok: false, code: 'date-impossible' };
  return { ok: true, date };
}

/** "1104ab", "1104 AB" → "1104 AB"; null when empty; 'invalid' when not a Dutch postcode. */
export function readPostcode(text: string): string | null | 'invalid' {
  const p = text.replace(/\s+/g, '').toUpperCase();
  if (p === '') return null;
  if (!/^[1-9]\d{3}[A-Z]{2}$/.test(p) || /^\d{4}(SA|SD|SS)$/.test(p)) return 'invalid';
  return `${p.slice(0, 4)} ${p.slice(4)}`;
}

/** A phone number as written (spaces and dashes kept); 'invalid' when it is not one. */
export function readPhone(text: string): string | null | 'invalid' {
  const p = text.trim();
  if (p === '') return null;
  let digits = p.replace(/[\s().-]/g, '');
  // Excel drops a leading zero from a number cell: 612345678 was 0612345678.
  if (/^[1-9]\d{8}$/.test(digits)) digits = `0${digits}`;
  if (!/^\+?\d{6,15}$/.test(digits)) return 'invalid';
  return digits === p.replace(/[\s().-]/g, '') ? p : digits;
}

/** "€ 2,50", "2.50", "2,5", "250" (Excel number) → cents; 'invalid' when not an amount. */
export function readAmountCents(text: string): number | null | 'invalid' {
  const t = text.replace(/€|eur/gi, '').replace(/\s+/g, '');
  if (t === '' || t === '-') return null;
  const m = /^(\d{1,4})(?:[.,](\d{1,2}))?$/.exec(t);
  if (!m) return 'invalid';
  const cents = Number(m[1]) * 100 + (m[2] ? Number(m[2].padEnd(2, '0')) : 0);
  return cents;
}

/**
 * A "Betaald 2026" cell: yes/no words, a cross, or an amount. `true` means paid in full (the
 * year's amount), a number is what was paid in cents, `false` not paid.
 */
export function readPaidCell(text: string): boolean | number | 'invalid' {
  const t = text.trim().toLowerCase();
  if (t === '' || /^(nee|n|no|0|-|niet|false|onwaar)$/.test(t)) return false;
  if (/^(ja|j|yes|y|x|v|✓|✔|1|betaald|waar|true|ok)$/.test(t)) return true;
  const cents = readAmountCents(t);
  if (cents === null) return false;
  if (cents === 'invalid') return 'invalid';
  return cents;
}

/** Names compared as people would: case, accents and spacing do not matter. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
