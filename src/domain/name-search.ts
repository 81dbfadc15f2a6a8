/**
 * Names are searched accent- and case-insensitively: "Sérgio", "sergio" and "SERGIO" are the same
 * key. Words are matched by prefix in any order, so "ama bo" finds "Ama Boateng".
 */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[øØ]/g, 'o')
    .replace(/[łŁ]/g, 'l')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The words of a normalized name, the keys a multi-entry index stores. */
export function nameWords(name: string): string[] {
  const key = normalizeName(name);
  return key === '' ? [] : Array.from(new Set(key.split(' ')));
}

/** Whether every word of the query is the start of some word of the name. */
export function matchesNameQuery(name: string, query: string): boolean {
  const words = nameWords(name);
  const wanted = nameWords(query);
  if (wanted.length === 0) return false;
  return wanted.every((w) => words.some((n) => n.startsWith(w)));
}
