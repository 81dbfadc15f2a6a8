/**
 * `GET /api/v1/snapshot` (the manifest) and `GET /api/v1/snapshot/:id/:index` (one page, gzip).
 * docs/sync-protocol.md, "Snapshot". Any enrolled device may read it, as it may pull.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Storage } from '../storage/storage.ts';
import type { SnapshotService } from '../sync/snapshot-service.ts';
import { sendApiError } from './api-error.ts';
import { requireToken } from './authenticate.ts';

const pageParamsSchema = z
  .object({
    id: z.string().regex(/^[0-9a-z-]{1,100}$/),
    index: z.coerce.number().int().min(0).max(10_000_000),
  })
  .strict();

export function registerSnapshotRoutes(
  app: FastifyInstance,
  options: { storage: Storage; snapshots: SnapshotService },
): void {
  const { storage, snapshots } = options;

  app.get('/api/v1/snapshot', async (request, reply) => {
    if (!(await requireToken(storage, request, reply))) return reply;
    reply.header('Cache-Control', 'no-store');
    return reply.send(await snapshots.manifest());
  });

  app.get('/api/v1/snapshot/:id/:index', async (request, reply) => {
    if (!(await requireToken(storage, request, reply))) return reply;
    const params = pageParamsSchema.safeParse(request.params);
    if (!params.success) return sendApiError(reply, 400, 'query-invalid', 'snapshot id or page');
    const { id, index } = params.data;
    const acceptsGzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    const body = acceptsGzip ? snapshots.page(id, index) : snapshots.pageText(id, index);
    // A newer snapshot replaced this one: the laptop starts again from a new manifest.
    if (body === undefined) return sendApiError(reply, 410, 'snapshot-gone', id);
    if (body === 'out-of-range') return sendApiError(reply, 404, 'page-unknown', String(index));
    reply.header('Cache-Control', 'private, max-age=3600, immutable');
    reply.header('Content-Type', 'application/json; charset=utf-8');
    if (acceptsGzip) reply.header('Content-Encoding', 'gzip');
    return reply.send(body);
  });
}
