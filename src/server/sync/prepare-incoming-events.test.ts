import { describe, expect, it } from 'vitest';
import { anEvent, makeTestId } from '../testing/build-test-events.ts';
import { prepareIncomingEvents } from './prepare-incoming-events.ts';

const DESK = 'desk-test-1';
const options = {
  deviceId: DESK,
  nowMs: Date.parse('2026-03-10T12:00:00.000Z'),
  maxClockSkewMs: 60_000,
};

describe('prepareIncomingEvents', () => {
  it('refuses a NUL in the free text of a hot fact as in any other (the hot path leaves it to zod)', () => {
    const memberId = makeTestId();
    const at = '2026-03-10T10:00:00.000Z';
    const named = (name: string) =>
      anEvent('member-profile-set', { memberId, fields: { name } }, { deviceId: DESK, at });
    const pass = (code: string) =>
      anEvent('pass-issued', { memberId, code }, { deviceId: DESK, at });
    const results = prepareIncomingEvents(
      [named('Ama'), named('A\u0000ma'), pass('P-1'), pass('P\u00001')],
      options,
    );
    expect(results.map((r) => r.kind)).toEqual(['valid', 'invalid', 'valid', 'invalid']);
    for (const r of results.filter((x) => x.kind === 'invalid')) {
      expect(r).toMatchObject({ reason: 'event-invalid', detail: 'NUL character in a text field' });
    }
  });
});
