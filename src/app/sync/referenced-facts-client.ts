/**
 * Before a pulled page is applied on a laptop that started from a snapshot: the facts the page
 * refers to that the laptop lacks (a void of a visit older than the snapshot, say) are fetched by
 * id (`GET /api/v1/facts`) and kept unapplied (db/referenced-facts-store.ts), so the page's voids
 * take back exactly what they take back on every other replica.
 *
 * A failed fetch ends the round before the page is applied: the cursor stays, the outbox is not
 * touched, and the next round asks again. Facts stored before a failure are harmless (at or below
 * the snapshot's seq they change neither state nor checksum).
 */
import type { BuurtpasEvent } from '../../domain/events.ts';
import { factsByIdResponseSchema, MAX_FACTS_BY_ID } from '../../domain/facts-by-id-protocol.ts';
import type { BuurtpasDb } from '../db/database.ts';
import { parseFetchedFacts, type FetchedFact } from '../db/member-facts-store.ts';
import {
  readDeferredVoidTargets,
  readMissingReferences,
  storeReferencedFacts,
} from '../db/referenced-facts-store.ts';

export type ReferencedFactsOutcome =
  | { ok: true; asked: number; stored: number }
  | { ok: false; failure: 'answer-unreadable' | 'update-required'; detail: string };

/**
 * `getJson` is the engine's call (it throws the engine's failure when offline or refused): this
 * module only says whether an answer it got is readable.
 */
export async function fetchMissingReferences(
  db: BuurtpasDb,
  events: readonly { event: BuurtpasEvent }[],
  getJson: (path: string) => Promise<unknown>,
): Promise<ReferencedFactsOutcome> {
  const missing = await readMissingReferences(db, events);
  if (missing.length === 0) return { ok: true, asked: 0, stored: 0 };
  const fetched = await fetchFactsById(missing, getJson);
  if (!fetched.ok) return fetched;
  return { ok: true, asked: missing.length, stored: await storeReferencedFacts(db, fetched.facts) };
}

/**
 * Before a snapshot being loaded is finished: the facts this laptop voided meanwhile that it
 * lacks (older than the snapshot; db/snapshot-own-writes.ts), so their voids, applied at the
 * end, take back what they take back on every other replica.
 */
export async function fetchDeferredVoidTargets(
  db: BuurtpasDb,
  getJson: (path: string) => Promise<unknown>,
): Promise<ReferencedFactsOutcome> {
  const missing = await readDeferredVoidTargets(db);
  if (!missing || missing.ids.length === 0) return { ok: true, asked: 0, stored: 0 };
  const fetched = await fetchFactsById(missing.ids, getJson);
  if (!fetched.ok) return fetched;
  const stored = await storeReferencedFacts(db, fetched.facts, missing.seq);
  return { ok: true, asked: missing.ids.length, stored };
}

async function fetchFactsById(
  ids: readonly string[],
  getJson: (path: string) => Promise<unknown>,
): Promise<{ ok: true; facts: FetchedFact[] } | Extract<ReferencedFactsOutcome, { ok: false }>> {
  const asked = new Set(ids);
  const fetched: FetchedFact[] = [];
  for (let i = 0; i < ids.length; i += MAX_FACTS_BY_ID) {
    const part = ids.slice(i, i + MAX_FACTS_BY_ID);
    const answer = factsByIdResponseSchema.safeParse(
      await getJson(`/api/v1/facts?ids=${part.join(',')}`),
    );
    if (!answer.success) return { ok: false, failure: 'answer-unreadable', detail: 'facts answer' };
    const facts = parseFetchedFacts(answer.data.events);
    // A fact this version cannot read: as on pull, the app must be updated first.
    if (!facts) return { ok: false, failure: 'update-required', detail: 'facts answer: a fact' };
    // Only what was asked for: a garbled or foreign answer stores nothing.
    if (facts.some((f) => !asked.has(f.event.eventId)))
      return { ok: false, failure: 'answer-unreadable', detail: 'facts answer: not asked for' };
    fetched.push(...facts);
  }
  return { ok: true, facts: fetched };
}
