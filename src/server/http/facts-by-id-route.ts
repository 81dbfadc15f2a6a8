/**
 * `GET /api/v1/facts?ids=<eventId>,…`: stored facts by event id (docs/sync-protocol.md, "Facts by
 * id"), for a laptop that started from a snapshot: it holds the state of the facts before the
 * snapshot, not the facts, and a later void of one of them (a visit, a service use, a walk-in, a
 * registration) can only be taken back with the fact in hand.
 *
 * Who may ask: the same tokens as pull, which hands every fact to every such token anyway
 * (docs/security.md, "Reads are open to every valid token"). Facts go out as stored (clamped,
 * redacted at an erasure), with their seq, so the laptop keeps only those its snapshot stands for.
 */
import type { FastifyInstance } from 'fastify';
import { factsByIdQuerySchema } from '../../domain/facts-by-id-protocol.ts';
import type { Storage } from '../storage/storage.ts';
import { describeIssue, sendApiError } from './api-error.ts';
import { requireToken } from './authenticate.ts';

export function registerFactsByIdRoute(app: FastifyInstance, options: { storage: Storage }) {
  const { storage } = options;
  app.get('/api/v1/facts', async (request, reply) => {
    if (!(await requireToken(storage, request, reply))) return reply;
    const query = factsByIdQuerySchema.safeParse(request.query);
    if (!query.success)
      return sendApiError(reply, 400, 'query-invalid', describeIssue(query.error, '(query)'));
    const rows = await storage.readEventsByIds(query.data.ids);
    rows.sort((a, b) => a.seq - b.seq);
    // Stored bodies are validated JSON already: spliced in, as pull does.
    const events = rows.map((r) => `{"seq":${r.seq},"event":${r.json}}`).join(',');
    reply.header('Cache-Control', 'no-store');
    return reply.type('application/json; charset=utf-8').send(`{"events":[${events}]}`);
  });
}
