/**
 * Configuration comes from environment variables only (documented in docs/server.md), parsed
 * once here; a wrong value stops the start with a message naming the variable.
 */
import { resolve } from 'node:path';
import { z } from '../../domain/jitless-zod.ts';

export type ServerConfig = {
  port: number;
  host: string;
  dataDir: string;
  /** Set: PostgreSQL. Unset: SQLite at `<dataDir>/buurtpas.sqlite`. */
  databaseUrl: string | undefined;
  sqliteFile: string;
  staticDir: string;
  logLevel: string;
  corsOrigin: string | undefined;
  rateLimitPerMinute: number;
  maxBodyBytes: number;
  maxClockSkewMs: number;
  minPayloadVersion: number;
  enrollmentCodeTtlHours: number;
  shutdownTimeoutMs: number;
};

const int = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);

const envSchema = z.object({
  PORT: int(8080).pipe(z.number().max(65535)),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().min(1).optional(),
  STATIC_DIR: z.string().min(1).default('./dist'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CORS_ORIGIN: z.string().min(1).optional(),
  RATE_LIMIT_PER_MINUTE: int(1200),
  MAX_BODY_BYTES: int(2 * 1024 * 1024, 1024),
  MAX_CLOCK_SKEW_MS: int(10 * 60_000),
  MIN_PAYLOAD_VERSION: int(1, 1),
  ENROLLMENT_CODE_TTL_HOURS: int(72, 1),
  SHUTDOWN_TIMEOUT_MS: int(15_000, 100),
});

export function readServerConfig(env: Record<string, string | undefined>): ServerConfig {
  // An empty variable means "not set": `DATABASE_URL= npm start` must still pick SQLite.
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `invalid configuration: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'unknown'}`,
    );
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    sqliteFile: resolve(dataDir, 'buurtpas.sqlite'),
    staticDir: resolve(e.STATIC_DIR),
    logLevel: e.LOG_LEVEL,
    corsOrigin: e.CORS_ORIGIN,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    maxBodyBytes: e.MAX_BODY_BYTES,
    maxClockSkewMs: e.MAX_CLOCK_SKEW_MS,
    minPayloadVersion: e.MIN_PAYLOAD_VERSION,
    enrollmentCodeTtlHours: e.ENROLLMENT_CODE_TTL_HOURS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
  };
}
