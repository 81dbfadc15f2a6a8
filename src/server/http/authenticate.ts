/**
 * Bearer tokens: a device token (desk or coordinator) or an admin token from the CLI. Looked up
 * by hash on every request, so a revocation takes effect on the very next request.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { hashSecret } from '../auth/secrets.ts';
import type { Device, Storage, TokenOwner } from '../storage/storage.ts';
import { sendApiError } from './api-error.ts';

export type AuthFailure = 'token-missing' | 'token-invalid' | 'device-revoked';

export function bearerTokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+([A-Za-z0-9._~+/=-]{1,512})\s*$/i.exec(header);
  return match?.[1];
}

export async function authenticateRequest(
  storage: Storage,
  request: FastifyRequest,
): Promise<{ ok: true; owner: TokenOwner } | { ok: false; code: AuthFailure }> {
  const header = request.headers.authorization;
  if (header === undefined || header === '') return { ok: false, code: 'token-missing' };
  const token = bearerTokenOf(request);
  if (token === undefined) return { ok: false, code: 'token-invalid' };
  const owner = await storage.findTokenOwner(hashSecret(token));
  if (!owner) return { ok: false, code: 'token-invalid' };
  if (owner.kind === 'device' && owner.device.revokedAt !== null)
    return { ok: false, code: 'device-revoked' };
  return { ok: true, owner };
}

const AUTH_DETAIL: Record<AuthFailure, string> = {
  'token-missing': 'send Authorization: Bearer <token>',
  'token-invalid': 'unknown token; enroll this device again',
  'device-revoked': 'this device was revoked; wipe its local data and enroll again',
};

/** A device (any role) must be calling; answers 401 itself and returns undefined otherwise. */
export async function requireDevice(
  storage: Storage,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<Device | undefined> {
  const auth = await authenticateRequest(storage, request);
  if (!auth.ok) {
    sendApiError(reply, 401, auth.code, AUTH_DETAIL[auth.code]);
    return undefined;
  }
  if (auth.owner.kind !== 'device') {
    sendApiError(
      reply,
      403,
      'device-token-required',
      'this endpoint takes a device token, not an admin token',
    );
    return undefined;
  }
  return auth.owner.device;
}

/** A coordinator device or an admin token. */
export async function requireCoordinatorOrAdmin(
  storage: Storage,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<TokenOwner | undefined> {
  const auth = await authenticateRequest(storage, request);
  if (!auth.ok) {
    sendApiError(reply, 401, auth.code, AUTH_DETAIL[auth.code]);
    return undefined;
  }
  if (auth.owner.kind === 'device' && auth.owner.device.role !== 'coordinator') {
    sendApiError(
      reply,
      403,
      'role-forbidden',
      'only a coordinator device or an admin token may do this',
    );
    return undefined;
  }
  return auth.owner;
}

/** Any valid token: reading (pull, summary) is open to devices and admins alike. */
export async function requireToken(
  storage: Storage,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<TokenOwner | undefined> {
  const auth = await authenticateRequest(storage, request);
  if (!auth.ok) {
    sendApiError(reply, 401, auth.code, AUTH_DETAIL[auth.code]);
    return undefined;
  }
  return auth.owner;
}
