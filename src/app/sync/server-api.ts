/**
 * The calls besides push/pull/summary: enrolling this laptop with a one-time code, and the
 * coordinator's device administration (docs/sync-protocol.md, "Admin endpoints"). Answers are
 * parsed here, at the edge; callers get codes, never sentences (the settings screen words them).
 */
import { z } from '../../domain/jitless-zod.ts';
import { enrollRequestSchema } from '../../domain/protocol.ts';
import type { BuurtpasDb } from '../db/database.ts';
import { readMeta } from '../db/desk-setup.ts';
import { saveSyncConnection, type SyncConnection } from '../db/sync-state.ts';
import { sendRequest, type Transport } from './server-request.ts';

export type ApiFailure = { ok: false; error: string };

/** A readable answer: its body parsed (undefined when empty). */
export type Answer = { ok: true; status: number; json: unknown };

export { browserTransport } from './browser-transport.ts';

/** The address as the volunteer typed it, made a base URL: "buurtpas.nl" → "https://buurtpas.nl". */
export function normalizeServerAddress(input: string): string | null {
  const trimmed = input.trim().replace(/\/+$/, '');
  if (trimmed === '') return null;
  const withScheme = /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  try {
    const url = new URL(withScheme);
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}

/** Why no answer could be read: the network, or a body that is not JSON. */
export type CallFailure = { ok: false; error: 'offline' | 'server-error' | 'answer-unreadable' };

/**
 * One request to the server with this laptop's token (`sendRequest`): any answer whose body is
 * JSON (or empty: `json` undefined) comes back with its status, whatever the status, so each
 * caller maps a refusal to its own failure codes (the health check even reads a 503's body).
 */
export async function call(
  transport: Transport,
  method: 'GET' | 'POST',
  url: string,
  token: string | null,
  body?: unknown,
): Promise<Answer | CallFailure> {
  const sent = await sendRequest(transport, method, url, token, body);
  if (!sent.ok) return { ok: false, error: 'offline' };
  const { status, text } = sent;
  try {
    return { ok: true, status, json: text === '' ? undefined : JSON.parse(text) };
  } catch {
    return { ok: false, error: status >= 500 ? 'server-error' : 'answer-unreadable' };
  }
}

/** The admin calls' refusal: the server's own code when it gave one, else a generic one. */
async function callAdmin(...request: Parameters<typeof call>): Promise<Answer | ApiFailure> {
  const answer = await call(...request);
  if (!answer.ok || (answer.status >= 200 && answer.status < 300)) return answer;
  const code = (answer.json as { error?: unknown } | null | undefined)?.error;
  if (typeof code === 'string' && /^[a-z0-9-]{2,60}$/.test(code)) return { ok: false, error: code };
  return { ok: false, error: answer.status >= 500 ? 'server-error' : 'request-rejected' };
}

const enrollAnswerSchema = z.object({
  deviceId: z.string(),
  token: z.string().min(16),
  locationId: z.string(),
  role: z.enum(['desk', 'coordinator']).default('desk'),
});

/**
 * Exchanges a one-time code for this laptop's token and stores the connection. The laptop
 * proposes the device id it already stamps its events with, so its earlier offline work is its own.
 */
export async function enrollLaptop(options: {
  db: BuurtpasDb;
  transport: Transport;
  baseUrl: string;
  code: string;
  name?: string;
  now: () => number;
}): Promise<{ ok: true; connection: SyncConnection } | ApiFailure> {
  const deviceId = await readMeta<string>(options.db, 'deviceId');
  if (!deviceId) return { ok: false, error: 'device-unknown' };
  const request = enrollRequestSchema.safeParse({
    code: options.code,
    deviceId,
    ...(options.name?.trim() ? { name: options.name.trim() } : {}),
  });
  if (!request.success) return { ok: false, error: 'code-invalid' };
  const answer = await callAdmin(
    options.transport,
    'POST',
    `${options.baseUrl}/api/v1/enroll`,
    null,
    request.data,
  );
  if (!answer.ok) return answer;
  const parsed = enrollAnswerSchema.safeParse(answer.json);
  if (!parsed.success || parsed.data.deviceId !== deviceId)
    return { ok: false, error: 'answer-unreadable' };
  const connection: SyncConnection = {
    baseUrl: options.baseUrl,
    token: parsed.data.token,
    deviceId,
    locationId: parsed.data.locationId,
    role: parsed.data.role,
    enrolledAt: new Date(options.now()).toISOString(),
  };
  await saveSyncConnection(options.db, connection);
  return { ok: true, connection };
}

const codeAnswerSchema = z.object({
  code: z.string(),
  locationId: z.string(),
  role: z.enum(['desk', 'coordinator']),
  expiresAt: z.string(),
});
export type EnrollmentCode = z.infer<typeof codeAnswerSchema>;

/** A coordinator makes a one-time code for a new laptop at a location. */
export async function createEnrollmentCode(
  transport: Transport,
  connection: SyncConnection,
  request: { locationId: string; role: 'desk' | 'coordinator' },
): Promise<{ ok: true; code: EnrollmentCode } | ApiFailure> {
  const answer = await callAdmin(
    transport,
    'POST',
    `${connection.baseUrl}/api/v1/admin/enrollment-codes`,
    connection.token,
    request,
  );
  if (!answer.ok) return answer;
  const parsed = codeAnswerSchema.safeParse(answer.json);
  return parsed.success
    ? { ok: true, code: parsed.data }
    : { ok: false, error: 'answer-unreadable' };
}

const devicesAnswerSchema = z.object({
  devices: z.array(
    z.object({
      deviceId: z.string(),
      name: z.string().nullable().optional(),
      locationId: z.string(),
      role: z.string(),
      createdAt: z.string(),
      revokedAt: z.string().nullable().optional(),
    }),
  ),
});
export type DeviceListing = z.infer<typeof devicesAnswerSchema>['devices'][number];

export async function listDevices(
  transport: Transport,
  connection: SyncConnection,
): Promise<{ ok: true; devices: DeviceListing[] } | ApiFailure> {
  const answer = await callAdmin(
    transport,
    'GET',
    `${connection.baseUrl}/api/v1/admin/devices`,
    connection.token,
  );
  if (!answer.ok) return answer;
  const parsed = devicesAnswerSchema.safeParse(answer.json);
  return parsed.success
    ? { ok: true, devices: parsed.data.devices }
    : { ok: false, error: 'answer-unreadable' };
}

export async function revokeDevice(
  transport: Transport,
  connection: SyncConnection,
  deviceId: string,
): Promise<{ ok: true } | ApiFailure> {
  const answer = await callAdmin(
    transport,
    'POST',
    `${connection.baseUrl}/api/v1/admin/devices/${encodeURIComponent(deviceId)}/revoke`,
    connection.token,
  );
  return answer.ok ? { ok: true } : answer;
}
