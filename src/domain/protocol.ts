/**
 * Sync protocol v1: the wire shapes the app and the server share. Parsed once at each edge.
 * The full description with examples is docs/sync-protocol.md.
 */
import { z } from './jitless-zod.ts';
import type { BuurtpasEvent, EventType } from './events.ts';
import type { EventSetChecksum } from './event-set-checksum.ts';
import type { Summary } from './summary.ts';

export const PROTOCOL_VERSION = 1;
export const MAX_PUSH_EVENTS = 1000;
export const MAX_PULL_LIMIT = 5000;

/**
 * What a desk needs to scan and take money: who people are, their passes, registrations,
 * memberships and payments (and the voids and settings that change those). A new laptop pulls
 * these first (`types=`), then the full history from 0, skipping what it already holds.
 */
export const PRIORITY_TYPES: readonly EventType[] = [
  'client-registered',
  'client-deregistered',
  'member-profile-set',
  'member-erased',
  'members-merged',
  'pass-issued',
  'pass-revoked',
  'membership-started',
  'membership-ended',
  'payment-recorded',
  'contribution-waived',
  'contribution-amount-set',
  'event-voided',
  'service-defined',
  'service-retired',
];

/** The push body: events are checked one by one after this, so one bad event cannot block a batch. */
export const pushRequestSchema = z
  .object({
    protocol: z.literal(PROTOCOL_VERSION),
    /** The newest payload version this client writes; older clients are told to update (426). */
    payloadVersion: z.number().int().min(1),
    events: z.array(z.unknown()).max(MAX_PUSH_EVENTS),
  })
  .strict();
export type PushRequest = { protocol: 1; payloadVersion: number; events: BuurtpasEvent[] };

export type PushResult =
  | { eventId: string; status: 'inserted'; seq: number }
  | { eventId: string; status: 'duplicate'; seq: number }
  | { eventId: string; status: 'quarantined'; reason: string }
  /** The server holds this eventId with other content: the laptop keeps its copy and shows it. */
  | { eventId: string; status: 'conflict'; seq: number };

/** `generation` changes when the server is restored from a backup (docs/sync-protocol.md). */
export type PushResponse = { results: PushResult[]; serverTime: string; generation?: string };

export const pushResponseSchema = z.object({
  results: z.array(
    z.union([
      z.object({ eventId: z.string(), status: z.literal('inserted'), seq: z.number().int() }),
      z.object({ eventId: z.string(), status: z.literal('duplicate'), seq: z.number().int() }),
      z.object({ eventId: z.string(), status: z.literal('quarantined'), reason: z.string() }),
      z.object({ eventId: z.string(), status: z.literal('conflict'), seq: z.number().int() }),
    ]),
  ),
  serverTime: z.string(),
  generation: z.string().max(64).optional(),
});

export const pullQuerySchema = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(1000),
  /** Comma-separated event types: only those (a new laptop's priority pull). Checked by the route. */
  types: z.string().max(2000).optional(),
});

export type PulledEvent = { seq: number; event: BuurtpasEvent };
export type PullResponse = {
  events: PulledEvent[];
  next: number;
  hasMore: boolean;
  generation?: string;
};

export const pullResponseSchema = z.object({
  events: z.array(z.object({ seq: z.number().int(), event: z.unknown() })),
  next: z.number().int(),
  hasMore: z.boolean(),
  generation: z.string().max(64).optional(),
});

export type SummaryResponse = {
  summary: Summary;
  checksum: EventSetChecksum;
  lastSeq: number;
  generation?: string;
};

/** The laptop proposes the device id it already stamps its events with; the server keeps it. */
export const enrollRequestSchema = z
  .object({
    code: z.string().trim().min(4).max(64),
    deviceId: z.string().regex(/^[A-Za-z0-9_-]{4,64}$/),
    // No control characters (a NUL cannot be stored in PostgreSQL text).
    name: z
      .string()
      .trim()
      .max(100)
      // eslint-disable-next-line no-control-regex -- refusing control characters is the point
      .regex(/^[^\u0000-\u001f\u007f]*$/)
      .optional(),
  })
  .strict();
export type EnrollResponse = { deviceId: string; token: string; locationId: string };

/** Error bodies are codes; the app words them. */
export type ApiError = { error: string; detail?: string };
