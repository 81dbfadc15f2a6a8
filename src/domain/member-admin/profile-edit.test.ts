import { describe, expect, it } from 'vitest';
import { changedProfileFields, profileEditInputOf, validateProfileEdit } from './profile-edit.ts';

describe('validateProfileEdit', () => {
  it.each([
    [
      { name: ' Ama  Boateng ', phone: '', postcode: '1103ab', birthYear: '1961' },
      {
        ok: true,
        fields: { name: 'Ama Boateng', phone: '', postcode: '1103 AB', birthYear: 1961 },
      },
    ],
    [
      { name: '', phone: '12', postcode: '0000AA', birthYear: '2100' },
      {
        ok: false,
        errors: {
          name: 'name-required',
          phone: 'phone-invalid',
          postcode: 'postcode-invalid',
          birthYear: 'birth-year-invalid',
        },
      },
    ],
  ])('%j', (input, expected) => expect(validateProfileEdit(input, 2026)).toEqual(expected));
});

describe('changedProfileFields', () => {
  it.each([
    [
      'nothing changed',
      { name: 'Ama', phone: '06' },
      { name: 'Ama', phone: '06', postcode: '', birthYear: null },
      {},
    ],
    [
      'only the phone',
      { name: 'Ama', phone: '06' },
      { name: 'Ama', phone: '0612345678', postcode: '', birthYear: null },
      { phone: '0612345678' },
    ],
    [
      'a cleared postcode',
      { name: 'Ama', postcode: '1103 AB' },
      { name: 'Ama', phone: '', postcode: '', birthYear: null },
      { postcode: '' },
    ],
    ['a birth year added', { name: 'Ama' }, { name: 'Ama', birthYear: 1961 }, { birthYear: 1961 }],
  ])('%s', (_t, current, next, changed) =>
    expect(changedProfileFields(current, next)).toEqual(changed),
  );

  it('round-trips the stored fields through the form unchanged', () => {
    const stored = {
      name: 'Ama Boateng',
      phone: '06 1234 5678',
      postcode: '1103 AB',
      birthYear: 1961,
    };
    const v = validateProfileEdit(profileEditInputOf(stored), 2026);
    expect(v.ok && changedProfileFields(stored, v.fields)).toEqual({});
  });
});
