/**
 * The push route's body parser (register-sync-routes.ts, parsePushBody) skips secure-json-parse's
 * scans only when they cannot match: every body that parser refuses is refused here the same way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAYLOAD_VERSION } from '../../domain/events.ts';
import { anEvent, makeTestId } from '../testing/build-test-events.ts';
import { startEngineServer, type EngineServer } from '../testing/start-engine-server.ts';

const DESK = 'desk-parse-1';
let server: EngineServer;
let token: string;
beforeAll(async () => {
  server = await startEngineServer('sqlite');
  token = await server.enroll(DESK);
});
afterAll(async () => {
  await server.close();
});

async function push(body: string): Promise<{ status: number; error?: string }> {
  const res = await fetch(`${server.baseUrl}/api/v1/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
  });
  const answer = (await res.json()) as { error?: string };
  return { status: res.status, ...(answer.error ? { error: answer.error } : {}) };
}

const envelope = `"protocol":1,"payloadVersion":${PAYLOAD_VERSION}`;

describe('push body parse', () => {
  it('refuses prototype keys, plain or escaped, and malformed or empty bodies as before', async () => {
    const refused = { status: 400, error: 'json-malformed' };
    expect(await push(`{${envelope},"events":[],"__proto__":{"x":1}}`)).toEqual(refused);
    expect(await push(`{${envelope},"events":[{"__proto__":{}}]}`)).toEqual(refused);
    expect(await push(`{${envelope},"events":[],"\\u005f_proto__":{}}`)).toEqual(refused);
    expect(await push(`{${envelope},"events":[],"constructor":{"prototype":{}}}`)).toEqual(refused);
    expect(await push(`{${envelope},"events":[],"c\\u006fnstructor":{"prototype":{}}}`)).toEqual(
      refused,
    );
    expect(await push(`{${envelope},"events":[`)).toEqual(refused);
    expect(await push('')).toEqual({ status: 400, error: 'body-empty' });
  });

  it('takes a body with escapes, a byte-order mark or those words as values', async () => {
    const memberId = makeTestId();
    const events = [
      anEvent('member-profile-set', { memberId, fields: { name: 'Zo\u00eb' } }, { deviceId: DESK }),
      anEvent('pass-issued', { memberId, code: 'constructor' }, { deviceId: DESK }),
    ];
    const text = JSON.stringify({ protocol: 1, payloadVersion: PAYLOAD_VERSION, events });
    expect(await push(text.replace('Zo\u00eb', 'Zo\\u00eb'))).toEqual({ status: 200 });
    const again = events.map((e) => ({ ...e, eventId: makeTestId() }));
    const body = JSON.stringify({ protocol: 1, payloadVersion: PAYLOAD_VERSION, events: again });
    expect(await push(`\ufeff${body}`)).toEqual({ status: 200 });
    const stored = await server.storage.readEventsAfter(0, 10);
    expect(stored).toHaveLength(4);
    expect(JSON.parse(stored[0]!.json)).toMatchObject({ data: { fields: { name: 'Zo\u00eb' } } });
  });
});
