/**
 * The real server as the simulations run it in their own process: Fastify over a SQLite file on
 * real HTTP, and devices enrolled straight into its storage (no HTTP round for the code).
 */
import { enrollDevice, issueEnrollmentCode } from '../../src/server/auth/enroll-device.ts';
import { buildServer } from '../../src/server/http/build-server.ts';
import { openSqliteStorage } from '../../src/server/storage/sqlite-storage.ts';
import type { Storage } from '../../src/server/storage/storage.ts';

const config = {
  staticDir: '/nonexistent',
  corsOrigin: undefined,
  rateLimitPerMinute: 0,
  maxBodyBytes: 2 * 1024 * 1024,
  maxClockSkewMs: 600_000,
  minPayloadVersion: 1,
  enrollmentCodeTtlHours: 72,
};

/** The server over `file` on `port` (0: a free one), until `stop`. */
export async function serveSqliteFile(file: string, port: number, nowMs: () => number) {
  const storage = openSqliteStorage({ file });
  const app = await buildServer({ storage, config, nowMs });
  await app.listen({ port, host: '127.0.0.1' });
  const address = app.server.address();
  return {
    storage,
    port: typeof address === 'object' && address ? address.port : port,
    stop: async () => {
      await app.close();
      await storage.close();
    },
  };
}

/** A device enrolled with a one-time code issued in the same breath: its token. */
export async function enrollInto(
  storage: Storage,
  deviceId: string,
  locationId: string,
  role: 'desk' | 'coordinator',
  nowMs: number,
): Promise<string> {
  const issued = await issueEnrollmentCode(storage, { locationId, role, ttlHours: 1, nowMs });
  if (!issued.ok) throw new Error(issued.code);
  const result = await enrollDevice(storage, { code: issued.issued.code, deviceId, nowMs });
  if (!result.ok) throw new Error(result.code);
  return result.response.token;
}
