/**
 * Coordinator endpoints: enrollment codes, devices, revocation, the quarantine list. A
 * coordinator device token or an admin token from the CLI (`cli.ts admin-token`).
 * Also `/api/v1/health`: open to all for "is it up, is the database reachable"; with a
 * coordinator or admin token it adds each device's last push and pull (docs/server.md).
 */
import type { FastifyInstance } from 'fastify';
import { z } from '../../domain/jitless-zod.ts';
import { PAYLOAD_VERSION } from '../../domain/events.ts';
import { PROTOCOL_VERSION } from '../../domain/protocol.ts';
import { issueEnrollmentCode } from '../auth/enroll-device.ts';
import type { Device, DeviceActivity, Storage } from '../storage/storage.ts';
import { sendApiError } from './api-error.ts';
import { authenticateRequest, requireAdmin } from './authenticate.ts';

export type AdminRouteOptions = {
  storage: Storage;
  nowMs: () => number;
  enrollmentCodeTtlHours: number;
  minPayloadVersion: number;
  generation: string;
};

export type DeviceWithActivity = Device & {
  lastPushAt: string | null;
  lastPullAt: string | null;
  /** The later of the two: when this device last reached the server. */
  lastSyncAt: string | null;
};

function laterOf(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

async function listDevicesWithActivity(storage: Storage): Promise<DeviceWithActivity[]> {
  const [devices, activity] = await Promise.all([
    storage.listDevices(),
    storage.listDeviceActivity(),
  ]);
  const byId = new Map<string, DeviceActivity>(activity.map((a) => [a.deviceId, a]));
  return devices.map((d) => {
    const a = byId.get(d.deviceId);
    const lastPushAt = a?.lastPushAt ?? null;
    const lastPullAt = a?.lastPullAt ?? null;
    return { ...d, lastPushAt, lastPullAt, lastSyncAt: laterOf(lastPushAt, lastPullAt) };
  });
}

const codeRequestSchema = z
  .object({
    locationId: z.string().min(1).max(64),
    role: z.enum(['desk', 'coordinator']).default('desk'),
    ttlHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .optional(),
  })
  .strict();

const deviceParamsSchema = z.object({ deviceId: z.string().regex(/^[A-Za-z0-9_-]{4,64}$/) });
const quarantineQuerySchema = z
  .object({ limit: z.coerce.number().int().min(1).max(1000).default(100) })
  .strict();

export function registerAdminRoutes(app: FastifyInstance, options: AdminRouteOptions): void {
  const { storage, nowMs } = options;

  app.get('/api/v1/health', async (request, reply) => {
    const started = performance.now();
    let reachable = true;
    try {
      await storage.ping();
    } catch (error) {
      reachable = false;
      request.log.error({ err: error }, 'health: database unreachable');
    }
    const pingMs = Math.round((performance.now() - started) * 10) / 10;
    const base = {
      status: reachable ? 'ok' : 'database-unreachable',
      protocol: PROTOCOL_VERSION,
      payloadVersion: PAYLOAD_VERSION,
      minPayloadVersion: options.minPayloadVersion,
      serverTime: new Date(nowMs()).toISOString(),
      generation: options.generation,
      database: { engine: storage.engine, reachable, pingMs },
    };
    if (!reachable) return reply.code(503).send(base);
    // Device names and sync times only for those who administer devices; no token: the basics.
    const auth = request.headers.authorization
      ? await authenticateRequest(storage, request)
      : undefined;
    const isAdmin =
      auth?.ok === true &&
      (auth.owner.kind === 'admin' || auth.owner.device.role === 'coordinator');
    if (!isAdmin) return reply.send(base);
    return reply.send({ ...base, devices: await listDevicesWithActivity(storage) });
  });

  app.post('/api/v1/admin/enrollment-codes', async (request, reply) => {
    if (!(await requireAdmin(storage, request, reply))) return reply;
    const body = codeRequestSchema.safeParse(request.body);
    if (!body.success)
      return sendApiError(reply, 400, 'body-invalid', body.error.issues[0]?.message);
    const result = await issueEnrollmentCode(storage, {
      locationId: body.data.locationId,
      role: body.data.role,
      ttlHours: body.data.ttlHours ?? options.enrollmentCodeTtlHours,
      nowMs: nowMs(),
    });
    if (!result.ok) return sendApiError(reply, 400, result.code);
    return reply.code(201).send(result.issued);
  });

  app.get('/api/v1/admin/devices', async (request, reply) => {
    if (!(await requireAdmin(storage, request, reply))) return reply;
    return reply.send({ devices: await listDevicesWithActivity(storage) });
  });

  app.post('/api/v1/admin/devices/:deviceId/revoke', async (request, reply) => {
    if (!(await requireAdmin(storage, request, reply))) return reply;
    const params = deviceParamsSchema.safeParse(request.params);
    if (!params.success) return sendApiError(reply, 400, 'device-id-invalid');
    const revoked = await storage.revokeDevice(
      params.data.deviceId,
      new Date(nowMs()).toISOString(),
    );
    if (!revoked) return sendApiError(reply, 404, 'device-unknown');
    return reply.send({ deviceId: params.data.deviceId, revoked: true });
  });

  app.get('/api/v1/admin/quarantine', async (request, reply) => {
    if (!(await requireAdmin(storage, request, reply))) return reply;
    const query = quarantineQuerySchema.safeParse(request.query);
    if (!query.success) return sendApiError(reply, 400, 'query-invalid');
    return reply.send({ items: await storage.listQuarantine(query.data.limit) });
  });
}
