/**
 * `GET /api/v1/members/:memberId/facts`: one person's facts, for the access export (inzage) on a
 * laptop that started from a snapshot and so holds no facts older than it (docs/sync-protocol.md,
 * "One person's facts").
 *
 * Who may ask: the same tokens as pull (an enrolled, non-revoked device, or the admin). No role
 * proof is asked: pull already hands every fact to every such token (docs/security.md, "Reads are
 * open to every valid token"), so a coordinator proof here would protect nothing pull does not
 * give away. The coordinator PIN stays where the export is shown, on the laptop. Should reads
 * ever be narrowed (per location, per role), this route must be narrowed with them.
 *
 * Which facts: those whose member id is the record asked for or a record merged into it (chains
 * too), as the projection says (`mergedInto`, the smallest target of a record merged twice):
 * the same set of records the laptop's `readPersonIds` reads. Facts go out as stored, so an
 * erased person's profile facts carry no fields (storage redacted them at the erasure).
 */
import type { FastifyInstance } from 'fastify';
import {
  memberFactsParamsSchema,
  memberFactsQuerySchema,
} from '../../domain/member-admin/member-facts-protocol.ts';
import type { MemberRow } from '../../domain/projection/rows.ts';
import type { Storage } from '../storage/storage.ts';
import { describeIssue, sendApiError } from './api-error.ts';
import { requireToken } from './authenticate.ts';

/** A person's records are few; a cycle or a runaway chain stops here. */
const MAX_PERSON_RECORDS = 64;

/** The record and every record merged into it, breadth first; and whether the person is erased. */
async function readPerson(
  storage: Storage,
  memberId: string,
): Promise<{ memberIds: string[]; erased: boolean }> {
  const ids = [memberId];
  let erased = false;
  let wave = [memberId];
  while (wave.length > 0 && ids.length < MAX_PERSON_RECORDS) {
    const read = await storage.readProjection({ members: { keys: wave } });
    const rows = (read.rows.members ?? []) as MemberRow[];
    const next: string[] = [];
    const into = new Map(rows.map((r) => [r.memberId, r]));
    for (const id of wave) {
      const row = into.get(id);
      if (!row) continue;
      // The person is the record asked for: an erased record merged into it is not an erasure of it.
      if (id === memberId && (row.erased || row.erasedOn !== undefined)) erased = true;
      for (const from of row.mergedFrom ?? []) if (!ids.includes(from)) next.push(from);
    }
    if (next.length === 0) break;
    // A record merged twice belongs where its `mergedInto` points (the smallest target).
    const fromRows = (await storage.readProjection({ members: { keys: next } })).rows.members ?? [];
    const heads = new Set(ids);
    wave = [];
    for (const r of fromRows as MemberRow[])
      if (r.mergedInto && heads.has(r.mergedInto) && !ids.includes(r.memberId)) {
        ids.push(r.memberId);
        wave.push(r.memberId);
      }
  }
  return { memberIds: ids.slice(0, MAX_PERSON_RECORDS), erased };
}

export function registerMemberFactsRoute(app: FastifyInstance, options: { storage: Storage }) {
  const { storage } = options;
  app.get('/api/v1/members/:memberId/facts', async (request, reply) => {
    if (!(await requireToken(storage, request, reply))) return reply;
    const params = memberFactsParamsSchema.safeParse(request.params);
    if (!params.success)
      return sendApiError(reply, 400, 'member-id-invalid', 'expected a lower-case uuid');
    const query = memberFactsQuerySchema.safeParse(request.query);
    if (!query.success)
      return sendApiError(reply, 400, 'query-invalid', describeIssue(query.error, '(query)'));
    const { after, limit } = query.data;
    const person = await readPerson(storage, params.data.memberId);
    const rows = await storage.readMemberEvents(person.memberIds, after, limit + 1);
    const hasMore = rows.length > limit;
    const page = hasMore ? rows.slice(0, limit) : rows;
    const next = page.length > 0 ? page[page.length - 1]!.seq : after;
    const ids = page.map((r) => (JSON.parse(r.json) as { eventId: string }).eventId);
    const voids =
      ids.length > 0
        ? ((await storage.readProjection({ voids: { keys: ids } })).rows.voids ?? [])
        : [];
    // Stored bodies are validated JSON already: spliced in, as pull does.
    const events = page.map((r) => `{"seq":${r.seq},"event":${r.json}}`).join(',');
    reply.header('Cache-Control', 'no-store');
    return reply
      .type('application/json; charset=utf-8')
      .send(
        `{"memberIds":${JSON.stringify(person.memberIds)},"erased":${person.erased},"events":[${events}],"voided":${JSON.stringify(voids.map((v) => v.targetEventId))},"next":${next},"hasMore":${hasMore}}`,
      );
  });
}
