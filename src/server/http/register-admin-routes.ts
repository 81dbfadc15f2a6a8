/**
 * Coordinator endpoints: enrollment codes, devices, revocation, the quarantine list. A
 * coordinator device token or an admin token from the CLI (`cli.ts admin-token`).
 */
import type { FastifyInstance } from 'fastify';
import { z } from '../../domain/jitless-zod.ts';
import { issueEnrollmentCode } from '../auth/enroll-device.ts';
import type { Storage } from '../storage/storage.ts';
import { sendApiError } from './api-error.ts';
import { requireAdmin } from './authenticate.ts';

export type AdminRouteOptions = {
  storage: Storage;
  nowMs: () => number;
  enrollmentCodeTtlHours: number;
};

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
    return reply.send({ devices: await storage.listDevices() });
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
