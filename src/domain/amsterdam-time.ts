/**
 * Days and years are Europe/Amsterdam local time: a visit at 00:30 on 1 January belongs to the
 * new year, whatever the laptop's own time zone is set to.
 */
export const TIME_ZONE = 'Europe/Amsterdam';

const dateParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

type Parts = { date: string; time: string };

// formatToParts is the slow part of a scan and of a push: the same minute is asked for again and
// again (the last one answers first), and a batch spread over many days asks for each of its minutes
// once (a bounded map, emptied when it grows large).
let lastMinute = NaN;
let lastParts: Parts = { date: '', time: '' };
const partsByMinute = new Map<number, Parts>();
const MAX_CACHED_MINUTES = 50_000;

function partsOf(instantMs: number): Parts {
  const minute = Math.floor(instantMs / 60_000);
  if (minute === lastMinute) return lastParts;
  let parts = partsByMinute.get(minute);
  if (!parts) {
    const p: Record<string, string> = {};
    for (const part of dateParts.formatToParts(new Date(minute * 60_000)))
      p[part.type] = part.value;
    parts = { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
    if (partsByMinute.size >= MAX_CACHED_MINUTES) partsByMinute.clear();
    partsByMinute.set(minute, parts);
  }
  lastMinute = minute;
  lastParts = parts;
  return parts;
}

// A push asks for the local date of every fact, often several times, each an ISO string in UTC.
// Amsterdam's offset has been a whole number of hours since 1940, changing on the hour in UTC, so
// from 1970 on the local date is a function of the UTC date and hour: one conversion per UTC hour,
// found by the hour read from the string's digits (no Date.parse; a bounded map like the minutes').
let lastUtcHour = -1;
let lastUtcHourDate = '';
let lastInstant: string | undefined;
const dateByUtcHour = new Map<number, string>();
const MAX_CACHED_HOURS = 50_000;

const readDigit = (s: string, i: number): number => {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -100_000_000;
};

/**
 * For 'YYYY-MM-DDTHH:MM:SS.sssZ' (what toISOString writes) or 'YYYY-MM-DDTHH:MM:SSZ' from 1970 on,
 * hours ..23, minutes and seconds ..59: a number naming its UTC hour; otherwise -1 (the caller
 * parses the string as before). Month and day are not range-checked: the first string of an hour
 * is converted through Date.parse, which refuses an impossible date, and every later string of that
 * hour has the same date digits.
 */
function readUtcHour(s: string): number {
  const n = s.length;
  if (n === 24) {
    if (s.charCodeAt(19) !== 46 || readDigit(s, 20) + readDigit(s, 21) + readDigit(s, 22) < 0)
      return -1;
  } else if (n !== 20) return -1;
  if (s.charCodeAt(n - 1) !== 90) return -1; // 'Z'
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84) return -1;
  if (s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return -1;
  const year =
    readDigit(s, 0) * 1000 + readDigit(s, 1) * 100 + readDigit(s, 2) * 10 + readDigit(s, 3);
  const month = readDigit(s, 5) * 10 + readDigit(s, 6);
  const day = readDigit(s, 8) * 10 + readDigit(s, 9);
  const hour = readDigit(s, 11) * 10 + readDigit(s, 12);
  const minute = readDigit(s, 14) * 10 + readDigit(s, 15);
  const second = readDigit(s, 17) * 10 + readDigit(s, 18);
  if (year < 1970 || month < 0 || day < 0 || hour < 0 || hour > 23) return -1;
  if (minute < 0 || minute > 59 || second < 0 || second > 59) return -1;
  return ((year * 100 + month) * 100 + day) * 100 + hour;
}

/** 'YYYY-MM-DD' in Amsterdam for an instant (ms since epoch or ISO string). */
export function localDateOf(instant: number | string): string {
  if (typeof instant === 'number') return partsOf(instant).date;
  // The rules ask for one fact's date several times in a row (day, visit-day key, day counter,
  // report row): the same string again answers at once.
  if (instant === lastInstant) return lastUtcHourDate;
  const utcHour = readUtcHour(instant);
  if (utcHour < 0) return partsOf(Date.parse(instant)).date;
  if (utcHour === lastUtcHour) {
    lastInstant = instant;
    return lastUtcHourDate;
  }
  let date = dateByUtcHour.get(utcHour);
  if (date === undefined) {
    date = partsOf(Date.parse(instant)).date;
    if (dateByUtcHour.size >= MAX_CACHED_HOURS) dateByUtcHour.clear();
    dateByUtcHour.set(utcHour, date);
  }
  lastUtcHour = utcHour;
  lastUtcHourDate = date;
  lastInstant = instant;
  return date;
}

/** 'HH:mm' in Amsterdam. */
export function localTimeOf(instant: number | string): string {
  return partsOf(typeof instant === 'number' ? instant : Date.parse(instant)).time;
}

export function localYearOf(instant: number | string): number {
  return Number(localDateOf(instant).slice(0, 4));
}

/** 'DD-MM-YYYY', the Dutch way of writing a local date key. */
export function formatDutchDate(localDate: string): string {
  const [y, m, d] = localDate.split('-');
  return `${d}-${m}-${y}`;
}
