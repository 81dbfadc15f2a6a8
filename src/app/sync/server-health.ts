/**
 * `/api/v1/health` as the coordinator's laptop reads it (with its token the answer lists every
 * device's last push and pull). Parsed here, at the edge.
 */
import { z } from '../../domain/jitless-zod.ts';
import type { SyncConnection } from '../db/sync-state.ts';
import { call } from './server-api.ts';
import type { Transport } from './sync-engine.ts';

const healthSchema = z.object({
  status: z.string(),
  serverTime: z.string(),
  database: z.object({ engine: z.string(), reachable: z.boolean() }),
  devices: z
    .array(
      z.object({
        deviceId: z.string(),
        name: z.string(),
        locationId: z.string(),
        role: z.string(),
        revokedAt: z.string().nullable(),
        lastSyncAt: z.string().nullable(),
      }),
    )
    .default([]),
});
export type ServerHealth = z.infer<typeof healthSchema>;

export async function fetchServerHealth(
  transport: Transport,
  connection: SyncConnection,
): Promise<{ ok: true; health: ServerHealth } | { ok: false; error: string }> {
  const answer = await call(
    transport,
    'GET',
    `${connection.baseUrl.replace(/\/+$/, '')}/api/v1/health`,
    connection.token,
  );
  if (!answer.ok) return answer;
  // 503 still carries the body: "database unreachable" is something to show, not an error.
  const parsed = healthSchema.safeParse(answer.json);
  return parsed.success
    ? { ok: true, health: parsed.data }
    : { ok: false, error: answer.status >= 500 ? 'server-error' : 'answer-unreadable' };
}
