/**
 * `GET /api/v1/facts?ids=<eventId>,<eventId>,…`: stored facts by event id (docs/sync-protocol.md,
 * "Facts by id"). A laptop that started from a snapshot holds the state of the facts before it,
 * not the facts; when a pulled page refers to one of those (a void of a visit, say), it fetches
 * the fact here before applying the page. Shared by the server route and the laptop.
 */
import { z } from './jitless-zod.ts';

/** Event ids as the laptops make them (UUIDv7, lower case), as `events.ts` checks them. */
export const EVENT_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Ids per request: a page's voids are few; the URL stays under 4 kB. */
export const MAX_FACTS_BY_ID = 100;

export const factsByIdQuerySchema = z
  .object({
    ids: z
      .string()
      .max(MAX_FACTS_BY_ID * 37)
      .transform((text) => text.split(','))
      .pipe(z.array(z.string().regex(EVENT_ID_PATTERN)).min(1).max(MAX_FACTS_BY_ID)),
  })
  .strict();

/** The stored facts among the ids asked for, in seq order; unknown ids are left out. */
export type FactsByIdResponse = { events: { seq: number; event: unknown }[] };

export const factsByIdResponseSchema = z.object({
  events: z.array(z.object({ seq: z.number().int().min(1), event: z.unknown() })),
});
