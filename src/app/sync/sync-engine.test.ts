import { describe, expect, it } from 'vitest';
import { openBuurtpasDb } from '../db/database.ts';
import { saveSyncConnection } from '../db/sync-state.ts';
import { syncOnce, type Transport } from './sync-engine.ts';

const NOW = Date.parse('2026-11-27T09:00:00.000Z');
let counter = 0;

/** `null`: the network is away. */
type Reply = { status: number; body: string } | null;

/**
 * A new laptop's first round, connected and holding nothing: it asks for the summary (to learn
 * the server's generation), then for the snapshot's manifest. The failure the round ends with.
 */
async function runFirstRound(replies: { summary: Reply; manifest?: Reply }) {
  const db = openBuurtpasDb(`sync-engine-answers-${++counter}`);
  await db.open();
  await saveSyncConnection(db, {
    baseUrl: 'https://buurtpas.test/',
    token: 'desk-token-0123456789',
    deviceId: 'ddesk01',
    locationId: 'cjm',
    role: 'desk',
    enrolledAt: '2026-11-01T09:00:00.000Z',
  });
  const sent: string[] = [];
  const transport: Transport = async (url, init) => {
    sent.push(`${init.method} ${url} ${init.headers.authorization} ${init.headers.accept}`);
    const reply = new URL(url).pathname === '/api/v1/snapshot' ? replies.manifest : replies.summary;
    if (!reply) throw new TypeError('Failed to fetch');
    return { status: reply.status, text: async () => reply.body };
  };
  try {
    const outcome = await syncOnce({ db, transport, now: () => NOW });
    return { failure: outcome.kind === 'failed' ? outcome.failure : outcome.kind, sent };
  } finally {
    db.close();
    await db.delete();
  }
}

const json = (value: unknown) => JSON.stringify(value);

// The engine reads a refusal by its status even when its body is not JSON (a proxy's 401 or 429
// page), unlike `call` (server-api.ts), which names such an answer unreadable. The snapshot's
// requests read statuses the same way but for 426, which only a push is answered with.
describe('a refused answer, as the sync engine and the snapshot name it', () => {
  it.each([
    ['no network', null, 'offline', 'offline'],
    ['200, not JSON', { status: 200, body: 'hello' }, 'answer-unreadable', 'answer-unreadable'],
    [
      '401 revoked',
      { status: 401, body: json({ error: 'device-revoked' }) },
      'device-revoked',
      'device-revoked',
    ],
    ['401, not JSON', { status: 401, body: 'Unauthorized' }, 'token-invalid', 'token-invalid'],
    [
      '426 with a code',
      { status: 426, body: json({ error: 'client-too-old' }) },
      'update-required',
      'request-rejected',
    ],
    ['429, not JSON', { status: 429, body: 'Too Many Requests' }, 'rate-limited', 'rate-limited'],
    ['408, empty', { status: 408, body: '' }, 'server-error', 'server-error'],
    [
      '502, not JSON',
      { status: 502, body: '<h1>Bad gateway</h1>' },
      'server-error',
      'server-error',
    ],
    [
      '403 with a code',
      { status: 403, body: json({ error: 'role-forbidden' }) },
      'request-rejected',
      'request-rejected',
    ],
  ] as const)('%s', async (_name, reply, engine, snapshot) => {
    expect((await runFirstRound({ summary: reply })).failure).toBe(engine);
    const manifest = await runFirstRound({ summary: { status: 200, body: '{}' }, manifest: reply });
    expect(manifest.failure).toBe(snapshot);
  });

  it('sends the token to the address without its trailing slash', async () => {
    const { sent } = await runFirstRound({
      summary: { status: 200, body: '{}' },
      manifest: { status: 503, body: '' },
    });
    expect(sent).toEqual([
      'GET https://buurtpas.test/api/v1/summary?year=2026 Bearer desk-token-0123456789 application/json',
      'GET https://buurtpas.test/api/v1/snapshot Bearer desk-token-0123456789 application/json',
    ]);
  });
});
