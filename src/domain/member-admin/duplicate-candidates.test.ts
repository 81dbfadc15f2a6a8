import { describe, expect, it } from 'vitest';
import {
  checkMerge,
  findDuplicateCandidates,
  nameKeyOf,
  type DuplicateInput,
} from './duplicate-candidates.ts';

const m = (memberId: string, name: string, more: Partial<DuplicateInput> = {}): DuplicateInput => ({
  memberId,
  name,
  ...more,
});

describe('nameKeyOf', () => {
  it.each([
    ['Ama Boateng', 'ama boateng'],
    ['BOATENG, Áma', 'ama boateng'],
    ['  Sérgio   da  Silva ', 'da sergio silva'],
    ['', ''],
  ])('%j → %j', (name, key) => expect(nameKeyOf(name)).toBe(key));
});

describe('findDuplicateCandidates', () => {
  it.each<{
    title: string;
    members: DuplicateInput[];
    pairs: { ids: [string, string]; matches: string[]; strength: string }[];
  }>([
    {
      title: 'different names are no pair',
      members: [m('a', 'Ama Boateng'), m('b', 'Ama Mensah')],
      pairs: [],
    },
    {
      title: 'same name in another order and case, nothing else known',
      members: [m('b', 'Boateng Ama'), m('a', 'ama boateng')],
      pairs: [{ ids: ['a', 'b'], matches: ['name'], strength: 'name-only' }],
    },
    {
      title: 'same name and birth year',
      members: [
        m('a', 'Ama Boateng', { birthYear: 1961 }),
        m('b', 'Ama Boateng', { birthYear: 1961 }),
      ],
      pairs: [{ ids: ['a', 'b'], matches: ['name', 'birth-year'], strength: 'strong' }],
    },
    {
      title: 'same name, birth years differ: two people',
      members: [
        m('a', 'Ama Boateng', { birthYear: 1961 }),
        m('b', 'Ama Boateng', { birthYear: 1990 }),
      ],
      pairs: [],
    },
    {
      title: 'one birth year unknown, postcode written differently, phone +31 vs 06',
      members: [
        m('a', 'Ama Boateng', { birthYear: 1961, postcode: '1103 AB', phone: '+31 6 1234 5678' }),
        m('b', 'Ama Boateng', { postcode: '1103ab', phone: '06-12345678' }),
      ],
      pairs: [{ ids: ['a', 'b'], matches: ['name', 'postcode', 'phone'], strength: 'strong' }],
    },
    {
      title: 'three records of one name give three pairs, strong first',
      members: [
        m('c', 'Jan Pinas'),
        m('a', 'Jan Pinas', { postcode: '1103AB' }),
        m('b', 'Jan Pinas', { postcode: '1103 AB' }),
      ],
      pairs: [
        { ids: ['a', 'b'], matches: ['name', 'postcode'], strength: 'strong' },
        { ids: ['a', 'c'], matches: ['name'], strength: 'name-only' },
        { ids: ['b', 'c'], matches: ['name'], strength: 'name-only' },
      ],
    },
    { title: 'empty names are never a pair', members: [m('a', ''), m('b', '  ')], pairs: [] },
  ])('$title', ({ members, pairs }) => {
    expect(
      findDuplicateCandidates(members).map((p) => ({
        ids: p.memberIds,
        matches: p.matches,
        strength: p.strength,
      })),
    ).toEqual(pairs);
  });

  it('does not depend on input order', () => {
    const people = [
      m('c', 'Jan Pinas'),
      m('a', 'Jan Pinas', { postcode: '1103AB' }),
      m('b', 'Jan Pinas', { postcode: '1103 AB' }),
      m('d', 'Ama Boateng'),
    ];
    expect(findDuplicateCandidates([...people].reverse())).toEqual(findDuplicateCandidates(people));
  });
});

describe('checkMerge', () => {
  const live = (memberId: string) => ({ memberId, erased: false, mergedInto: null });
  it.each([
    ['two live records', live('a'), live('b'), null],
    ['into itself', live('a'), live('a'), 'merge-same-member'],
    ['from an erased record', { ...live('a'), erased: true }, live('b'), 'merge-erased'],
    [
      'into a record merged away',
      live('a'),
      { ...live('b'), mergedInto: 'c' },
      'merge-already-merged',
    ],
    ['unknown record', live('a'), undefined, 'merge-unknown'],
  ] as const)('%s → %s', (_t, from, into, problem) => expect(checkMerge(from, into)).toBe(problem));
});
