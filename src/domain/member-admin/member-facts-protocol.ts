/**
 * `GET /api/v1/members/<memberId>/facts?after=<seq>&limit=<n>`: one person's facts from the
 * server, for an access export on a laptop that holds no facts older than its snapshot
 * (docs/sync-protocol.md, "One person's facts"). Shared by the server route and the laptop.
 */
import { z } from '../jitless-zod.ts';
import { MAX_PULL_LIMIT } from '../protocol.ts';

/** Member ids are UUIDs, lower case, as the laptops make them (make-event-id.ts). */
export const MEMBER_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const memberFactsParamsSchema = z
  .object({ memberId: z.string().regex(MEMBER_ID_PATTERN, 'not a member id') })
  .strict();

export const memberFactsQuerySchema = z
  .object({
    after: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(1000),
  })
  .strict();

export type MemberFactsResponse = {
  /** The record asked for and every record merged into it (chains too), as the server knows them. */
  memberIds: string[];
  /** The person is erased: profile facts carry no fields (the server redacted them). */
  erased: boolean;
  events: { seq: number; event: unknown }[];
  /** Which of this page's facts are voided on the server. */
  voided: string[];
  next: number;
  hasMore: boolean;
};

export const memberFactsResponseSchema = z.object({
  memberIds: z.array(z.string().regex(MEMBER_ID_PATTERN)).min(1),
  erased: z.boolean(),
  events: z.array(z.object({ seq: z.number().int().min(1), event: z.unknown() })),
  voided: z.array(z.string()),
  next: z.number().int().min(0),
  hasMore: z.boolean(),
});
