/**
 * Configuration comes from environment variables (documented in docs/server.md), parsed once
 * here; a wrong value stops the start with a message naming the variable. `npm run setup` writes
 * them to an env file (`loadEnvFile`), which never overrides a variable already set.
 */
import { existsSync } from 'node:fs';
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
  /** PEM files: both set, the server speaks HTTPS itself. */
  tls: { certFile: string; keyFile: string } | undefined;
  /** With TLS: a plain-HTTP port that only redirects to HTTPS (e.g. 80). */
  httpRedirectPort: number | undefined;
  /** Fastify `trustProxy`: the proxy's address(es) whose X-Forwarded-* headers count. */
  trustProxy: string | undefined;
  /** Strict-Transport-Security max-age on HTTPS responses; 0 sends none. */
  hstsMaxAgeSeconds: number;
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
  TLS_CERT: z.string().min(1).optional(),
  TLS_KEY: z.string().min(1).optional(),
  HTTP_REDIRECT_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  TRUST_PROXY: z
    .string()
    .regex(/^[0-9a-fA-F.:/,\s]+$/, 'a comma-separated list of IP addresses or CIDR ranges')
    .optional(),
  HSTS_MAX_AGE: int(31_536_000),
});

/** Where `npm run setup` writes the configuration (and main.ts and cli.ts read it). */
export function resolveConfigFile(env: Record<string, string | undefined>): string | undefined {
  const explicit = env.BUURTPAS_CONFIG;
  if (explicit !== undefined && explicit !== '') return resolve(explicit);
  const local = resolve('buurtpas.env');
  return existsSync(local) ? local : undefined;
}

/** Loads the env file into `process.env` (variables already set win), when there is one. */
export function loadConfigFile(): string | undefined {
  const file = resolveConfigFile(process.env);
  if (file === undefined) return undefined;
  if (!existsSync(file)) throw new Error(`invalid configuration: BUURTPAS_CONFIG: no file ${file}`);
  process.loadEnvFile(file);
  return file;
}

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
  if ((e.TLS_CERT === undefined) !== (e.TLS_KEY === undefined))
    throw new Error(
      'invalid configuration: TLS_CERT and TLS_KEY go together (set both or neither)',
    );
  if (e.HTTP_REDIRECT_PORT !== undefined && e.TLS_CERT === undefined)
    throw new Error('invalid configuration: HTTP_REDIRECT_PORT needs TLS_CERT and TLS_KEY');
  if (e.HTTP_REDIRECT_PORT !== undefined && e.HTTP_REDIRECT_PORT === e.PORT)
    throw new Error('invalid configuration: HTTP_REDIRECT_PORT must differ from PORT');
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
    tls:
      e.TLS_CERT !== undefined && e.TLS_KEY !== undefined
        ? { certFile: resolve(e.TLS_CERT), keyFile: resolve(e.TLS_KEY) }
        : undefined,
    httpRedirectPort: e.HTTP_REDIRECT_PORT,
    trustProxy: e.TRUST_PROXY?.replace(/\s+/g, ''),
    hstsMaxAgeSeconds: e.HSTS_MAX_AGE,
  };
}
