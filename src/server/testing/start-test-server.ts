/**
 * A real server on a free port over a fresh SQLite file, for HTTP tests (server and app sync
 * tests alike). Gives helpers to enroll devices without going through the CLI.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createAdminToken, enrollDevice, issueEnrollmentCode } from '../auth/enroll-device.ts';
import type { ServerConfig } from '../config/read-server-config.ts';
import { buildServer } from '../http/build-server.ts';
import { openSqliteStorage } from '../storage/sqlite-storage.ts';
import type { DeviceRole, Storage } from '../storage/storage.ts';
import type { SnapshotServiceOptions, SnapshotSource } from '../sync/snapshot-service.ts';

export type TestServer = {
  baseUrl: string;
  app: FastifyInstance;
  storage: Storage;
  dataDir: string;
  sqliteFile: string;
  adminToken: string;
  /** Enrolls a device directly through storage and returns its bearer token. */
  enroll(deviceId: string, options?: { locationId?: string; role?: DeviceRole }): Promise<string>;
  close(): Promise<void>;
};

export type TestServerOptions = Partial<BuildConfig> & {
  nowMs?: () => number;
  /** A snapshot source of the test's own, or `false` for a server that offers none. */
  snapshotSource?: ((storage: Storage) => SnapshotSource) | false;
  snapshotOptions?: SnapshotServiceOptions;
};
export type BuildConfig = Pick<
  ServerConfig,
  | 'staticDir'
  | 'corsOrigin'
  | 'rateLimitPerMinute'
  | 'maxBodyBytes'
  | 'maxClockSkewMs'
  | 'minPayloadVersion'
  | 'enrollmentCodeTtlHours'
>;

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'buurtpas-server-'));
  const sqliteFile = join(dataDir, 'buurtpas.sqlite');
  const storage = openSqliteStorage({ file: sqliteFile });
  const nowMs = options.nowMs ?? Date.now;
  const config = testServerConfig(dataDir, options);
  const app = await buildServer({
    storage,
    config,
    nowMs,
    ...(options.snapshotSource === false
      ? { snapshotSource: false as const }
      : options.snapshotSource
        ? { snapshotSource: options.snapshotSource(storage) }
        : {}),
    ...(options.snapshotOptions ? { snapshotOptions: options.snapshotOptions } : {}),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const adminToken = await createAdminToken(storage, nowMs());
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    app,
    storage,
    dataDir,
    sqliteFile,
    adminToken,
    enroll: enrollerOf(storage, nowMs),
    async close() {
      await app.close();
      await storage.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The server settings tests run with: no rate limit, 2 MB bodies, clocks within ten minutes. */
export function testServerConfig(dataDir: string, options: Partial<BuildConfig> = {}): BuildConfig {
  return {
    staticDir: options.staticDir ?? join(dataDir, 'no-dist'),
    corsOrigin: options.corsOrigin,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 0,
    maxBodyBytes: options.maxBodyBytes ?? 2 * 1024 * 1024,
    maxClockSkewMs: options.maxClockSkewMs ?? 10 * 60_000,
    minPayloadVersion: options.minPayloadVersion ?? 1,
    enrollmentCodeTtlHours: options.enrollmentCodeTtlHours ?? 72,
  };
}

/** Enrolls a device straight through storage (code issued and redeemed), giving its token. */
export function enrollerOf(
  storage: Storage,
  nowMs: () => number,
): (deviceId: string, options?: { locationId?: string; role?: DeviceRole }) => Promise<string> {
  return async (deviceId, enrollOptions = {}) => {
    const issued = await issueEnrollmentCode(storage, {
      locationId: enrollOptions.locationId ?? 'cjm',
      role: enrollOptions.role ?? 'desk',
      ttlHours: 1,
      nowMs: nowMs(),
    });
    if (!issued.ok) throw new Error(issued.code);
    const result = await enrollDevice(storage, {
      code: issued.issued.code,
      deviceId,
      nowMs: nowMs(),
    });
    if (!result.ok) throw new Error(result.code);
    return result.response.token;
  };
}
