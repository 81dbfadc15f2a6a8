/**
 * Protocol v1: enroll, push, pull, summary, health. See docs/sync-protocol.md.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from '../../domain/jitless-zod.ts';
import { localDateOf } from '../../domain/amsterdam-time.ts';
import { EVENT_TYPES, PAYLOAD_VERSION } from '../../domain/events.ts';
import {
  enrollRequestSchema,
  PROTOCOL_VERSION,
  pullQuerySchema,
  pushRequestSchema,
  type PushResponse,
} from '../../domain/protocol.ts';
import { enrollDevice } from '../auth/enroll-device.ts';
import type { Device, IncomingEvent, Storage } from '../storage/storage.ts';
import { createRoleKeyRing } from '../auth/role-proof.ts';
import { collectVoidTargets, prepareIncomingEvents } from '../sync/prepare-incoming-events.ts';
import type { SummaryCache } from '../sync/summary-cache.ts';
import { describeIssue, sendApiError } from './api-error.ts';
import { requireDevice, requireToken } from './authenticate.ts';

export type SyncRouteOptions = {
  storage: Storage;
  summaryCache: SummaryCache;
  nowMs: () => number;
  maxClockSkewMs: number;
  minPayloadVersion: number;
  /** This database's generation (read once at start; a restore needs a restart anyway). */
  generation: string;
};

const summaryQuerySchema = z
  .object({ year: z.coerce.number().int().min(2000).max(2100).optional() })
  .strict();

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const ACTIVITY_NOTE_EVERY_MS = 30_000;

export function registerSyncRoutes(app: FastifyInstance, options: SyncRouteOptions): void {
  const { storage, summaryCache, nowMs } = options;
  // One note per device and kind per half minute: the devices screen shows minutes, and each note
  // is a durable commit of its own (an fsync on SQLite) that every push would otherwise pay again.
  const noted = new Map<string, number>();
  async function noteActivity(deviceId: string, kind: 'push' | 'pull', now: number) {
    const key = `${kind}:${deviceId}`;
    const last = noted.get(key);
    if (last !== undefined && now >= last && now - last < ACTIVITY_NOTE_EVERY_MS) return;
    noted.set(key, now);
    await storage.noteDeviceActivity(deviceId, kind, new Date(now).toISOString());
  }

  app.post('/api/v1/enroll', async (request, reply) => {
    const body = enrollRequestSchema.safeParse(request.body);
    if (!body.success) return sendApiError(reply, 400, 'body-invalid', describeIssue(body.error));
    const result = await enrollDevice(storage, { ...body.data, nowMs: nowMs() });
    if (!result.ok) {
      const status = result.code === 'device-exists' ? 409 : 400;
      return sendApiError(reply, status, result.code);
    }
    return reply.code(201).send(result.response);
  });

  /**
   * The push body checked and its events prepared; undefined when an error was sent. A function of
   * its own so that nothing of the parsed body outlives it: once prepared, the body's 500 event
   * trees are garbage, and a scavenge during the insert need not copy them (docs/server.md, round
   * g14).
   */
  async function readPushBatch(
    request: FastifyRequest,
    reply: FastifyReply,
    device: Device,
  ): Promise<{ batch: IncomingEvent[]; now: number } | undefined> {
    const raw = request.body;
    request.body = undefined;
    // Version questions first: a newer or older client must learn that, not "body-invalid".
    if (!isPlainObject(raw)) {
      sendApiError(reply, 400, 'body-invalid', 'expected a JSON object');
      return;
    }
    if (raw.protocol !== PROTOCOL_VERSION) {
      sendApiError(
        reply,
        400,
        'protocol-unsupported',
        `this server speaks protocol ${PROTOCOL_VERSION}`,
      );
      return;
    }
    if (typeof raw.payloadVersion === 'number' && Number.isInteger(raw.payloadVersion)) {
      if (raw.payloadVersion < options.minPayloadVersion) {
        sendApiError(
          reply,
          426,
          'client-too-old',
          `payload version ${raw.payloadVersion} < minimum ${options.minPayloadVersion}; update the app`,
        );
        return;
      }
      if (raw.payloadVersion > PAYLOAD_VERSION) {
        sendApiError(
          reply,
          400,
          'payload-version-unsupported',
          `this server reads payload versions up to ${PAYLOAD_VERSION}`,
        );
        return;
      }
    }
    const body = pushRequestSchema.safeParse(raw);
    if (!body.success) {
      sendApiError(reply, 400, 'body-invalid', describeIssue(body.error));
      return;
    }
    const now = nowMs();
    const [roleKeys, eventDevices] = await Promise.all([
      storage.listRoleKeys(),
      storage.findEventDevices(collectVoidTargets(body.data.events)),
    ]);
    const batch = prepareIncomingEvents(body.data.events, {
      deviceId: device.deviceId,
      nowMs: now,
      maxClockSkewMs: options.maxClockSkewMs,
      authority: {
        device: { deviceId: device.deviceId, locationId: device.locationId, role: device.role },
        keyRing: createRoleKeyRing(roleKeys),
        eventDevices,
      },
    });
    return { batch, now };
  }

  app.post('/api/v1/push', async (request, reply) => {
    const device = await requireDevice(storage, request, reply);
    if (!device) return reply;
    const read = await readPushBatch(request, reply, device);
    if (!read) return reply;
    const { batch, now } = read;
    const results = await storage.insertEvents(device.deviceId, batch, new Date(now).toISOString());
    await noteActivity(device.deviceId, 'push', now);
    const response: PushResponse = {
      results,
      serverTime: new Date(nowMs()).toISOString(),
      generation: options.generation,
    };
    return reply.send(response);
  });

  app.get('/api/v1/pull', async (request, reply) => {
    const owner = await requireToken(storage, request, reply);
    if (!owner) return reply;
    const query = pullQuerySchema.safeParse(request.query);
    if (!query.success)
      return sendApiError(reply, 400, 'query-invalid', describeIssue(query.error));
    const { after, limit } = query.data;
    let types: string[] | undefined;
    if (query.data.types !== undefined) {
      types = Array.from(
        new Set(
          query.data.types
            .split(',')
            .map((t) => t.trim())
            .filter((t) => t !== ''),
        ),
      );
      const unknown = types.find((t) => !(EVENT_TYPES as readonly string[]).includes(t));
      if (unknown !== undefined || types.length === 0)
        return sendApiError(
          reply,
          400,
          'query-invalid',
          unknown !== undefined ? `types: unknown type ${unknown}` : 'types: empty',
        );
    }
    const rows = await storage.readEventsAfter(after, limit + 1, types);
    const hasMore = rows.length > limit;
    const page = hasMore ? rows.slice(0, limit) : rows;
    const next = page.length > 0 ? (page[page.length - 1]?.seq ?? after) : after;
    // Stored bodies are already validated JSON: splice them in instead of parsing and re-serializing.
    const events = page.map((r) => `{"seq":${r.seq},"event":${r.json}}`).join(',');
    if (owner.kind === 'device') await noteActivity(owner.device.deviceId, 'pull', nowMs());
    return reply
      .type('application/json; charset=utf-8')
      .send(
        `{"events":[${events}],"next":${next},"hasMore":${hasMore},"generation":${JSON.stringify(options.generation)}}`,
      );
  });

  app.get('/api/v1/summary', async (request, reply) => {
    const owner = await requireToken(storage, request, reply);
    if (!owner) return reply;
    const query = summaryQuerySchema.safeParse(request.query);
    if (!query.success)
      return sendApiError(reply, 400, 'query-invalid', describeIssue(query.error));
    const year = query.data.year ?? Number(localDateOf(nowMs()).slice(0, 4));
    return reply.send({ ...(await summaryCache.summaryFor(year)), generation: options.generation });
  });
}
