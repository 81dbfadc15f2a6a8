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

// formatToParts is the slow part of a scan; the same minute is asked for again and again.
let lastMinute = NaN;
let lastParts: Parts = { date: '', time: '' };

function partsOf(instantMs: number): Parts {
  const minute = Math.floor(instantMs / 60_000);
  if (minute === lastMinute) return lastParts;
  const p: Record<string, string> = {};
  for (const part of dateParts.formatToParts(new Date(minute * 60_000))) p[part.type] = part.value;
  lastMinute = minute;
  lastParts = { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
  return lastParts;
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
