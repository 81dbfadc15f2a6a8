/**
 * The access export (inzage) with the person's whole history: this laptop's facts, and when the
 * server can be reached, the person's facts from `GET /api/v1/members/:id/facts` (docs/sync-
 * protocol.md, "One person's facts"). Asked every time the export is made and the laptop is
 * connected: a laptop that started from a snapshot lacks the facts before it, and any laptop may
 * lag behind the server by a sync. Offline the export is made from what is here, and says which
 * part is on the server.
 */
import type { AccessExport } from '../../domain/member-admin/access-export.ts';
import { memberFactsResponseSchema } from '../../domain/member-admin/member-facts-protocol.ts';
import type { BuurtpasDb } from '../db/database.ts';
import { resolveMember } from '../db/desk-actions.ts';
import { readAccessExport } from '../db/member-admin-queries.ts';
import {
  parseFetchedFacts,
  readMissingHistory,
  redactForErased,
  storeFetchedFacts,
  type FetchedFact,
} from '../db/member-facts-store.ts';
import { readSyncConnection, type SyncConnection } from '../db/sync-state.ts';
import { call, type Answer } from './server-api.ts';
import type { Transport } from './sync-engine.ts';
import type { SyncFailure } from './sync-retry.ts';

/** The sync engine's failures a fetch can meet (not an app too old to read a fact), or none tried. */
export type MemberFactsFailure = Exclude<SyncFailure, 'update-required'> | 'not-connected';

export type PersonFacts = {
  memberIds: string[];
  erased: boolean;
  facts: FetchedFact[];
  voided: string[];
};

const PAGE = 1000;
/** A person's facts are hundreds, a few thousand for a daily visitor over years. */
const MAX_PAGES = 200;

/** A refusal of `GET …/facts` in the export's words. */
function readMemberFactsRefusal(answer: Answer): MemberFactsFailure {
  if (answer.status >= 500) return 'server-error';
  // An empty refusal was never read as one (its body is not JSON): kept so.
  if (answer.json === undefined) return 'answer-unreadable';
  const code = (answer.json as { error?: unknown } | null)?.error;
  if (answer.status === 401) return code === 'device-revoked' ? 'device-revoked' : 'token-invalid';
  if (answer.status === 429) return 'rate-limited';
  return 'request-rejected';
}

/**
 * Every fact of the person on the server, page by page. When the person's records change between
 * pages (a merge pushed meanwhile) the walk starts once more, so no record's early facts are missed.
 */
export async function fetchPersonFacts(
  transport: Transport,
  connection: SyncConnection,
  memberId: string,
): Promise<{ ok: true; person: PersonFacts } | { ok: false; error: MemberFactsFailure }> {
  for (let attempt = 0; attempt < 2; attempt++) {
    let after = 0;
    let memberIds: string[] | null = null;
    let erased = false;
    const facts: FetchedFact[] = [];
    const voided: string[] = [];
    let changed = false;
    for (let page = 0; page < MAX_PAGES; page++) {
      const answer = await call(
        transport,
        'GET',
        `${connection.baseUrl}/api/v1/members/${encodeURIComponent(memberId)}/facts?after=${after}&limit=${PAGE}`,
        connection.token,
      );
      if (!answer.ok) return answer;
      if (answer.status < 200 || answer.status >= 300)
        return { ok: false, error: readMemberFactsRefusal(answer) };
      const parsed = memberFactsResponseSchema.safeParse(answer.json);
      if (!parsed.success) return { ok: false, error: 'answer-unreadable' };
      const body = parsed.data;
      const events = parseFetchedFacts(body.events);
      if (!events || (body.hasMore && body.next <= after))
        return { ok: false, error: 'answer-unreadable' };
      if (memberIds === null) memberIds = body.memberIds;
      else if (body.memberIds.join() !== memberIds.join()) {
        changed = true;
        break;
      }
      erased ||= body.erased;
      facts.push(...events);
      voided.push(...body.voided);
      after = body.next;
      if (!body.hasMore) return { ok: true, person: { memberIds, erased, facts, voided } };
    }
    if (!changed) return { ok: false, error: 'answer-unreadable' };
  }
  return { ok: false, error: 'answer-unreadable' };
}

export type AccessExportResult =
  | { kind: 'unknown' }
  | {
      kind: 'made';
      data: AccessExport;
      /** `server`: the whole history (the server's facts were added); `here`: this laptop's only. */
      source: 'server' | 'here';
      /** With `here`: facts before this time may be on the server only (null: not known when). */
      missingBefore?: string | null;
      /** Why the server's facts are not in it (`here` on a laptop that lacks some). */
      failure?: MemberFactsFailure;
      /** How many of the server's facts this laptop kept (older than its snapshot). */
      stored?: number;
    };

/** The export as complete as this laptop can make it now. Never changes a fact it holds. */
export async function makeAccessExport(options: {
  db: BuurtpasDb;
  transport: Transport;
  memberId: string;
  nowMs: number;
}): Promise<AccessExportResult> {
  const { db, transport, memberId, nowMs } = options;
  const [connection, missing] = await Promise.all([readSyncConnection(db), readMissingHistory(db)]);
  const local = async (failure: MemberFactsFailure): Promise<AccessExportResult> => {
    const data = await readAccessExport(db, memberId, nowMs);
    if (!data) return { kind: 'unknown' };
    return missing.kind === 'complete'
      ? { kind: 'made', data, source: 'here' }
      : { kind: 'made', data, source: 'here', missingBefore: missing.before, failure };
  };
  if (!connection) return local('not-connected');
  // The record this one was merged into is the person (as the export itself reads it).
  const record = await resolveMember(db, memberId);
  if (!record) return { kind: 'unknown' };
  const fetched = await fetchPersonFacts(transport, connection, record.memberId);
  if (!fetched.ok) return local(fetched.error);
  const { person } = fetched;
  const facts = await redactForErased(db, person.facts, person.erased);
  const stored = await storeFetchedFacts(db, facts);
  const data = await readAccessExport(db, memberId, nowMs, {
    memberIds: person.memberIds,
    events: facts.map((f) => f.event),
    voided: person.voided,
  });
  if (!data) return { kind: 'unknown' };
  return { kind: 'made', data, source: 'server', stored };
}
