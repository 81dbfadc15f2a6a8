/**
 * A real server over either storage engine, for HTTP tests that must hold on both: SQLite in a
 * temp dir always, PostgreSQL in a fresh schema when BUURTPAS_TEST_PG_URL is set (dropped on
 * close). Devices are enrolled through storage, as in start-test-server.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { buildServer } from '../http/build-server.ts';
import { openPostgresStorage } from '../storage/postgres-storage.ts';
import { openSqliteStorage } from '../storage/sqlite-storage.ts';
import type { DeviceRole, Storage, StorageEngine } from '../storage/storage.ts';
import { enrollerOf, testServerConfig } from './start-test-server.ts';

export type EngineServer = {
  engine: StorageEngine;
  baseUrl: string;
  storage: Storage;
  enroll(deviceId: string, options?: { locationId?: string; role?: DeviceRole }): Promise<string>;
  close(): Promise<void>;
};

const pgUrl = process.env.BUURTPAS_TEST_PG_URL;

/** The engines this run can test: SQLite always, PostgreSQL when configured. */
export const TEST_ENGINES: readonly StorageEngine[] = pgUrl ? ['sqlite', 'postgres'] : ['sqlite'];

export async function startEngineServer(
  engine: StorageEngine,
  options: { nowMs?: () => number; maxBodyBytes?: number; rateLimitPerMinute?: number } = {},
): Promise<EngineServer> {
  const dir = mkdtempSync(join(tmpdir(), 'buurtpas-engine-'));
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const storage =
    engine === 'sqlite'
      ? openSqliteStorage({ file: join(dir, 'buurtpas.sqlite') })
      : await openPostgresStorage({ connectionString: pgUrl ?? '', schema, poolSize: 4 });
  const nowMs = options.nowMs ?? Date.now;
  const app = await buildServer({
    storage,
    nowMs,
    config: testServerConfig(dir, options),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    engine,
    baseUrl: `http://127.0.0.1:${port}`,
    storage,
    enroll: enrollerOf(storage, nowMs),
    async close() {
      await app.close();
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
      if (engine === 'postgres') {
        const client = new pg.Client({ connectionString: pgUrl });
        await client.connect();
        try {
          await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        } finally {
          await client.end();
        }
      }
    },
  };
}
