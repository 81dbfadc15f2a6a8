import { describe, expect, it } from 'vitest';
import type { SyncConnection } from '../db/sync-state.ts';
import { fetchPersonFacts } from './member-facts-client.ts';
import { listDevices, revokeDevice } from './server-api.ts';
import { fetchServerHealth } from './server-health.ts';
import type { Transport } from './sync-engine.ts';

const connection: SyncConnection = {
  baseUrl: 'https://buurtpas.test',
  token: 'coordinator-token',
  deviceId: 'dcoord01',
  locationId: 'cjm',
  role: 'coordinator',
  enrolledAt: '2026-11-01T09:00:00.000Z',
};
const memberId = '0a1b2c3d-0000-4000-8000-000000000001';

type Sent = { url: string; method: string; headers: Record<string, string> };

/** `null` as the answer: the network is away. */
function transportAnswering(answer: { status: number; body: string } | null) {
  const sent: Sent[] = [];
  const transport: Transport = async (url, init) => {
    sent.push({ url, method: init.method, headers: init.headers });
    if (!answer) throw new TypeError('Failed to fetch');
    return { status: answer.status, text: async () => answer.body };
  };
  return { transport, sent };
}

async function readCodes(answer: { status: number; body: string } | null) {
  const { transport } = transportAnswering(answer);
  const [admin, facts, health] = await Promise.all([
    listDevices(transport, connection),
    fetchPersonFacts(transport, connection, memberId),
    fetchServerHealth(transport, connection),
  ]);
  return {
    admin: admin.ok ? 'ok' : admin.error,
    facts: facts.ok ? 'ok' : facts.error,
    health: health.ok ? 'ok' : health.error,
  };
}

const json = (value: unknown) => JSON.stringify(value);

// One shared call reads every answer; each caller words a refusal in its own failure codes.
// The rows are what each caller said before the call was shared.
describe('the one server call, mapped to each caller failure union', () => {
  it.each([
    ['no network', null, 'offline', 'offline', 'offline'],
    [
      '500, not JSON',
      { status: 500, body: '<h1>oops</h1>' },
      'server-error',
      'server-error',
      'server-error',
    ],
    ['502, empty', { status: 502, body: '' }, 'server-error', 'server-error', 'server-error'],
    [
      '503 with a code',
      { status: 503, body: json({ error: 'db-down' }) },
      'db-down',
      'server-error',
      'server-error',
    ],
    [
      '404, empty',
      { status: 404, body: '' },
      'request-rejected',
      'answer-unreadable',
      'answer-unreadable',
    ],
    [
      '401 revoked',
      { status: 401, body: json({ error: 'device-revoked' }) },
      'device-revoked',
      'device-revoked',
      'answer-unreadable',
    ],
    [
      '401 other code',
      { status: 401, body: json({ error: 'token-unknown' }) },
      'token-unknown',
      'token-invalid',
      'answer-unreadable',
    ],
    [
      '401, not a code',
      { status: 401, body: json({ error: 'Bad Token!' }) },
      'request-rejected',
      'token-invalid',
      'answer-unreadable',
    ],
    [
      '401, not JSON',
      { status: 401, body: 'Unauthorized' },
      'answer-unreadable',
      'answer-unreadable',
      'answer-unreadable',
    ],
    [
      '429 with a code',
      { status: 429, body: json({ error: 'rate-limited' }) },
      'rate-limited',
      'rate-limited',
      'answer-unreadable',
    ],
    [
      '429, no code',
      { status: 429, body: json({}) },
      'request-rejected',
      'rate-limited',
      'answer-unreadable',
    ],
    [
      '403 with a code',
      { status: 403, body: json({ error: 'role-forbidden' }) },
      'role-forbidden',
      'request-rejected',
      'answer-unreadable',
    ],
    [
      '400, null',
      { status: 400, body: 'null' },
      'request-rejected',
      'request-rejected',
      'answer-unreadable',
    ],
    [
      '200, not JSON',
      { status: 200, body: 'hello' },
      'answer-unreadable',
      'answer-unreadable',
      'answer-unreadable',
    ],
    [
      '200, empty',
      { status: 200, body: '' },
      'answer-unreadable',
      'answer-unreadable',
      'answer-unreadable',
    ],
  ] as const)('%s', async (_name, answer, admin, facts, health) => {
    expect(await readCodes(answer)).toEqual({ admin, facts, health });
  });

  it('sends the token and no body on a GET; a 503 health answer is read; an empty 200 revokes', async () => {
    const body = {
      status: 'database-unreachable',
      serverTime: '2026-11-27T12:00:00.000Z',
      database: { engine: 'sqlite', reachable: false },
    };
    const { transport, sent } = transportAnswering({ status: 503, body: json(body) });
    const health = await fetchServerHealth(transport, {
      ...connection,
      baseUrl: 'https://b.test/',
    });
    expect(health).toEqual({ ok: true, health: { ...body, devices: [] } });
    expect(sent).toEqual([
      {
        url: 'https://b.test/api/v1/health',
        method: 'GET',
        headers: { accept: 'application/json', authorization: 'Bearer coordinator-token' },
      },
    ]);
    const revoke = transportAnswering({ status: 200, body: '' });
    expect(await revokeDevice(revoke.transport, connection, 'd 1')).toEqual({ ok: true });
    expect(revoke.sent.map((s) => `${s.method} ${s.url}`)).toEqual([
      'POST https://buurtpas.test/api/v1/admin/devices/d%201/revoke',
    ]);
  });
});
