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

/** 'YYYY-MM-DD' in Amsterdam for an instant (ms since epoch or ISO string). */
export function localDateOf(instant: number | string): string {
  return partsOf(typeof instant === 'number' ? instant : Date.parse(instant)).date;
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
