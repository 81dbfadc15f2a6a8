/**
 * Enrollment: a coordinator issues a one-time code for a location and role; a laptop trades it
 * for a random bearer token. Shared by the CLI and the admin endpoint.
 */
import { findLocation } from '../../domain/catalog.ts';
import type { EnrollResponse } from '../../domain/protocol.ts';
import type { DeviceRole, Storage } from '../storage/storage.ts';
import {
  generateEnrollmentCode,
  generateToken,
  hashEnrollmentCode,
  hashSecret,
} from './secrets.ts';

export type IssuedCode = { code: string; locationId: string; role: DeviceRole; expiresAt: string };

export type IssueCodeResult =
  { ok: true; issued: IssuedCode } | { ok: false; code: 'location-unknown' };

export async function issueEnrollmentCode(
  storage: Storage,
  request: { locationId: string; role: DeviceRole; ttlHours: number; nowMs: number },
): Promise<IssueCodeResult> {
  if (!findLocation(request.locationId)) return { ok: false, code: 'location-unknown' };
  const code = generateEnrollmentCode();
  const expiresAt = new Date(request.nowMs + request.ttlHours * 3_600_000).toISOString();
  await storage.createEnrollmentCode({
    codeHash: hashEnrollmentCode(code),
    locationId: request.locationId,
    role: request.role,
    createdAt: new Date(request.nowMs).toISOString(),
    expiresAt,
  });
  return {
    ok: true,
    issued: { code, locationId: request.locationId, role: request.role, expiresAt },
  };
}

export type EnrollResult =
  | { ok: true; response: EnrollResponse & { role: DeviceRole } }
  | { ok: false; code: 'code-invalid' | 'code-used' | 'code-expired' | 'device-exists' };

export async function enrollDevice(
  storage: Storage,
  request: { code: string; deviceId: string; name?: string | undefined; nowMs: number },
): Promise<EnrollResult> {
  const token = generateToken();
  const result = await storage.redeemEnrollmentCode({
    codeHash: hashEnrollmentCode(request.code),
    deviceId: request.deviceId,
    name: request.name ?? '',
    tokenHash: hashSecret(token),
    now: new Date(request.nowMs).toISOString(),
  });
  if (!result.ok) return result;
  return {
    ok: true,
    response: {
      deviceId: result.device.deviceId,
      token,
      locationId: result.device.locationId,
      role: result.device.role,
    },
  };
}

export async function createAdminToken(storage: Storage, nowMs: number): Promise<string> {
  const token = generateToken();
  await storage.createAdminToken(hashSecret(token), new Date(nowMs).toISOString());
  return token;
}
