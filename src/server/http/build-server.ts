/**
 * The server as a Fastify instance, without listening: tests call `listen({ port: 0 })` on it,
 * main.ts on the configured port. Storage comes in as an argument, never a module singleton.
 */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyServerOptions,
} from 'fastify';
import { hashSecret } from '../auth/secrets.ts';
import { createRateLimiter } from '../auth/rate-limiter.ts';
import type { ServerConfig } from '../config/read-server-config.ts';
import type { Storage } from '../storage/storage.ts';
import { createSummaryCache } from '../sync/summary-cache.ts';
import { createProjectionSnapshotSource } from '../sync/snapshot-source.ts';
import {
  createSnapshotService,
  type SnapshotServiceOptions,
  type SnapshotSource,
} from '../sync/snapshot-service.ts';
import { sendApiError } from './api-error.ts';
import { bearerTokenOf } from './authenticate.ts';
import { drainRequest } from './drain-request.ts';
import { registerAdminRoutes } from './register-admin-routes.ts';
import { registerFactsByIdRoute } from './facts-by-id-route.ts';
import { registerMemberFactsRoute } from './member-facts-route.ts';
import { registerReportRoutes } from './reports-route.ts';
import { registerSyncRoutes } from './register-sync-routes.ts';
import { registerSnapshotRoutes } from './snapshot-route.ts';
import { SECURITY_HEADERS } from './security-headers.ts';

export type BuildServerOptions = {
  storage: Storage;
  config: Pick<
    ServerConfig,
    | 'staticDir'
    | 'corsOrigin'
    | 'rateLimitPerMinute'
    | 'maxBodyBytes'
    | 'maxClockSkewMs'
    | 'minPayloadVersion'
    | 'enrollmentCodeTtlHours'
  >;
  /**
   * Where the new-laptop snapshot comes from: by default the server's projection; `false` offers
   * none (404), so laptops pull the history instead.
   */
  snapshotSource?: SnapshotSource | false;
  snapshotOptions?: SnapshotServiceOptions;
  /** Fastify logger options; false (the default) for tests. */
  logger?: FastifyServerOptions['logger'];
  loggerInstance?: FastifyBaseLogger;
  /** The server's clock; tests pass a fixed one. */
  nowMs?: () => number;
  /** PEM contents: the server speaks HTTPS itself (docs/server.md, "HTTPS"). */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Addresses of a reverse proxy whose X-Forwarded-* headers are believed (Fastify trustProxy). */
  trustProxy?: string;
  /** Strict-Transport-Security max-age on responses that went out over HTTPS; 0: none. */
  hstsMaxAgeSeconds?: number;
};

/** Files the browser must revalidate every time, or a new release would never reach the desk. */
const NO_CACHE_FILES = new Set(['index.html', 'sw.js', 'registerSW.js', 'manifest.webmanifest']);

function cacheControlFor(filePath: string): string {
  const name = basename(filePath);
  if (NO_CACHE_FILES.has(name)) return 'no-cache';
  // Vite puts content-hashed files under assets/: they never change under the same name.
  if (/[\\/]assets[\\/]/.test(filePath)) return 'public, max-age=31536000, immutable';
  return 'public, max-age=3600';
}

const ERROR_CODES: Record<string, [number, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'body-too-large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'content-type-unsupported'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'json-malformed'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'body-empty'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'content-length-invalid'],
};

export async function buildServer(options: BuildServerOptions): Promise<FastifyInstance> {
  const { storage, config } = options;
  const nowMs = options.nowMs ?? Date.now;
  const serverOptions: FastifyServerOptions = {
    ...(options.loggerInstance
      ? { loggerInstance: options.loggerInstance }
      : { logger: options.logger ?? false }),
    bodyLimit: config.maxBodyBytes,
    // A push in flight finishes; new requests during shutdown get 503 and the laptop retries.
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // Only the named proxy may say which client and scheme a request came from; anyone else
    // could fake X-Forwarded-For to dodge the rate limit or X-Forwarded-Proto to skip HSTS.
    ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}),
  };
  // Fastify's types pick the http or https server from the options; both serve the same app.
  const app: FastifyInstance = options.tls
    ? (Fastify({
        ...serverOptions,
        https: options.tls,
      } as FastifyServerOptions) as unknown as FastifyInstance)
    : Fastify(serverOptions);
  const hsts =
    (options.hstsMaxAgeSeconds ?? 0) > 0 ? `max-age=${options.hstsMaxAgeSeconds}` : undefined;
  // The API speaks JSON only: text/plain is 415 (docs/sync-protocol.md), not a string body.
  app.removeContentTypeParser('text/plain');
  const summaryCache = createSummaryCache(storage);
  // The projection rows are kept by every push; only events stored before they existed (an
  // upgrade from before migration 004, a bulk load) are applied here, once.
  await summaryCache.refresh();
  const rateLimiter = createRateLimiter(config.rateLimitPerMinute);
  const generation = await storage.readGeneration();

  app.addHook('onRequest', async (request, reply) => {
    reply.headers(SECURITY_HEADERS);
    // HSTS only means something over HTTPS (browsers ignore it on http://), so send it there only.
    if (hsts !== undefined && request.protocol === 'https')
      reply.header('Strict-Transport-Security', hsts);
    const origin = request.headers.origin;
    if (config.corsOrigin !== undefined && origin === config.corsOrigin) {
      reply.header('Access-Control-Allow-Origin', origin);
      reply.header('Vary', 'Origin');
      if (request.method === 'OPTIONS') {
        reply.header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
        reply.header('Access-Control-Allow-Headers', 'Authorization, Content-Type');
        reply.header('Access-Control-Max-Age', '600');
        return reply.code(204).send();
      }
    }
    if (!request.url.startsWith('/api/')) return;
    // Enrollment is keyed on the client address only: a made-up Authorization header must not
    // buy a fresh bucket for guessing codes.
    const token = request.url.startsWith('/api/v1/enroll') ? undefined : bearerTokenOf(request);
    const key = token !== undefined ? `t:${hashSecret(token)}` : `ip:${request.ip}`;
    if (!rateLimiter.take(key, nowMs())) {
      reply.header('Retry-After', '5');
      return sendApiError(reply, 429, 'rate-limited', 'too many requests; retry later');
    }
  });

  app.setErrorHandler(
    async (error: { code?: string; statusCode?: number; message?: string }, request, reply) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') await drainRequest(request.raw);
      const mapped = error.code !== undefined ? ERROR_CODES[error.code] : undefined;
      if (mapped) return sendApiError(reply, mapped[0], mapped[1]);
      const status = error.statusCode ?? 500;
      if (status >= 400 && status < 500)
        return sendApiError(reply, status, 'request-invalid', error.message);
      request.log.error({ err: error }, 'request failed');
      return sendApiError(reply, 500, 'internal');
    },
  );

  registerSyncRoutes(app, {
    storage,
    summaryCache,
    nowMs,
    maxClockSkewMs: config.maxClockSkewMs,
    minPayloadVersion: config.minPayloadVersion,
    generation,
  });
  registerAdminRoutes(app, {
    storage,
    nowMs,
    enrollmentCodeTtlHours: config.enrollmentCodeTtlHours,
    minPayloadVersion: config.minPayloadVersion,
    generation,
  });
  registerReportRoutes(app, { storage, nowMs, projection: summaryCache });
  registerMemberFactsRoute(app, { storage });
  registerFactsByIdRoute(app, { storage });
  const snapshotSource =
    options.snapshotSource ?? createProjectionSnapshotSource(summaryCache, storage, nowMs);
  if (snapshotSource)
    registerSnapshotRoutes(app, {
      storage,
      snapshots: createSnapshotService(snapshotSource, options.snapshotOptions),
    });

  const hasPwa = existsSync(join(config.staticDir, 'index.html'));
  if (hasPwa) {
    await app.register(fastifyStatic, {
      root: config.staticDir,
      // `vite build` writes .br and .gz beside each text asset (vite.config.ts); sent when the
      // browser accepts them, with Vary: Accept-Encoding.
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, filePath) => {
        reply.header('Cache-Control', cacheControlFor(filePath));
      },
    });
  } else {
    app.log.warn(
      { staticDir: config.staticDir },
      'no built PWA found (run vite build); serving the API only',
    );
  }

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (path.startsWith('/api/') || path === '/api') return sendApiError(reply, 404, 'not-found');
    if (hasPwa && (request.method === 'GET' || request.method === 'HEAD')) {
      // Client-side routes (/members/123) load the app shell; the app routes from there.
      reply.header('Cache-Control', 'no-cache');
      return reply.sendFile('index.html');
    }
    return sendApiError(reply, 404, 'not-found');
  });

  return app;
}
