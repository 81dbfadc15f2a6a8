import { describe, expect, it } from 'vitest';
import { localDateOf } from '../amsterdam-time.ts';
import { retentionCutoff, selectRetention, type RetentionInput } from './retention.ts';

const person = (
  memberId: string,
  contactDays: string[],
  more: Partial<RetentionInput> = {},
): RetentionInput => ({
  memberId,
  erased: false,
  mergedInto: null,
  contactDays,
  openLocations: ['cjm'],
  ...more,
});

describe('retentionCutoff', () => {
  it.each([
    ['2026-11-27', 2, '2024-11-27'],
    ['2028-02-29', 2, '2026-02-28'],
    ['2026-01-01', 5, '2021-01-01'],
  ])('%s minus %i years is %s', (today, years, cutoff) =>
    expect(retentionCutoff(today, years)).toBe(cutoff),
  );
});

describe('selectRetention (today 2026-11-27, 2 years)', () => {
  const today = '2026-11-27';
  it.each<{ title: string; members: RetentionInput[]; ids: string[] }>([
    { title: 'seen within two years: kept', members: [person('a', ['2024-11-27'])], ids: [] },
    {
      title: 'last seen the day before the cutoff: listed',
      members: [person('a', ['2023-05-01', '2024-11-26'])],
      ids: ['a'],
    },
    { title: 'no contact known at all: listed', members: [person('a', [])], ids: ['a'] },
    {
      title: 'erased people are not listed again',
      members: [person('a', ['2020-01-01'], { erased: true })],
      ids: [],
    },
    {
      title:
        'a merged record seen recently keeps its survivor; the merged record itself is not listed',
      members: [person('a', ['2020-01-01']), person('b', ['2026-10-01'], { mergedInto: 'a' })],
      ids: [],
    },
    {
      title: 'longest unseen first',
      members: [
        person('a', ['2024-01-01']),
        person('b', ['2019-06-01']),
        person('c', ['2022-03-03']),
      ],
      ids: ['b', 'c', 'a'],
    },
  ])('$title', ({ members, ids }) => {
    expect(selectRetention(members, today, 2).map((r) => r.memberId)).toEqual(ids);
  });

  it('reports the last contact and where the person is still registered', () => {
    const rows = selectRetention(
      [person('a', ['2023-01-05', '2022-01-01'], { openLocations: ['multibron', 'cjm'] })],
      today,
      2,
    );
    expect(rows).toEqual([
      { memberId: 'a', lastSeen: '2023-01-05', openLocations: ['cjm', 'multibron'] },
    ]);
  });

  it('takes the years as set by the coordinator', () => {
    const members = [person('a', ['2025-06-01']), person('b', ['2023-06-01'])];
    expect(selectRetention(members, today, 1).map((r) => r.memberId)).toEqual(['b', 'a']);
    expect(selectRetention(members, today, 5)).toEqual([]);
  });

  it('uses Amsterdam dates: a visit at 23:30 UTC on 26-11-2024 is 27-11-2024 in Amsterdam, so it is within two years', () => {
    const day = localDateOf('2024-11-26T23:30:00.000Z');
    expect(day).toBe('2024-11-27');
    expect(selectRetention([person('a', [day])], today, 2)).toEqual([]);
    expect(
      selectRetention([person('a', [localDateOf('2024-11-26T22:30:00.000Z')])], today, 2).map(
        (r) => r.memberId,
      ),
    ).toEqual(['a']);
  });
});
