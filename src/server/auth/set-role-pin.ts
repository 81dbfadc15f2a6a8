/**
 * The server admin sets a role PIN (docs/security.md): the first coordinator PIN when the server
 * is set up, and a forgotten PIN's reset. It makes what a laptop makes when a PIN is set there,
 * in the same format (src/app/ui/role-pin-hash.ts), as a `role-pin-set` fact from the server:
 *
 * - PBKDF2-SHA-256 over the PIN with a fresh 16-byte salt gives 64 bytes: the first 32 are the
 *   PIN hash the gate checks, the last 32 an AES-256-GCM key;
 * - a fresh ECDSA P-256 role key: its public point (raw, base64) goes into the fact and into the
 *   server's role keys; its private scalar is wrapped with that AES key (12-byte IV).
 *
 * A reset revokes the role's earlier keys: a PIN that was forgotten may also have been seen.
 */
import { randomBytes, webcrypto } from 'node:crypto';
import { PAYLOAD_VERSION, type BuurtpasEvent } from '../../domain/events.ts';
import { formatHlc } from '../../domain/hlc.ts';
import { makeUuidV7 } from '../../domain/make-event-id.ts';
import { checkNewPin, PIN_POLICY, type PinFormatProblem } from '../../domain/role-pin.ts';
import type { Storage } from '../storage/storage.ts';
import { keyIdOf } from './role-proof.ts';

const subtle = webcrypto.subtle;
export const SERVER_DEVICE_ID = 'server';

export type RolePinMaterial = {
  iterations: number;
  salt: string;
  hash: string;
  publicKey: string;
  wrappedKey: string;
  iv: string;
};

const b64 = (bytes: ArrayBuffer | Uint8Array) =>
  Buffer.from(bytes as Uint8Array).toString('base64');

export async function makeRolePinMaterial(
  pin: string,
  iterations: number = PIN_POLICY.iterations,
): Promise<RolePinMaterial> {
  const salt = randomBytes(16);
  const base = await subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = new Uint8Array(
    await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base, 512),
  );
  const wrapKey = await subtle.importKey('raw', bits.slice(32), 'AES-GCM', false, ['encrypt']);
  const pair = (await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair;
  const jwk = await subtle.exportKey('jwk', pair.privateKey);
  const scalar = Buffer.from(jwk.d ?? '', 'base64url');
  const iv = randomBytes(12);
  const wrapped = await subtle.encrypt({ name: 'AES-GCM', iv }, wrapKey, scalar);
  return {
    iterations,
    salt: b64(salt),
    hash: b64(bits.slice(0, 32)),
    publicKey: b64(await subtle.exportKey('raw', pair.publicKey)),
    wrappedKey: b64(wrapped),
    iv: b64(iv),
  };
}

export type SetRolePinResult =
  | { ok: true; eventId: string; keyId: string; revoked: number }
  | { ok: false; code: PinFormatProblem };

export async function setRolePinFromServer(
  storage: Storage,
  request: { role: 'treasurer' | 'coordinator'; pin: string; reset: boolean; nowMs: number },
): Promise<SetRolePinResult> {
  const problem = checkNewPin(request.pin, request.pin);
  if (problem) return { ok: false, code: problem };
  const material = await makeRolePinMaterial(request.pin);
  const now = new Date(request.nowMs).toISOString();
  const revoked = request.reset ? await storage.revokeRoleKeys(request.role, now) : 0;
  const event = {
    eventId: makeUuidV7(request.nowMs, randomBytes(10)),
    v: PAYLOAD_VERSION,
    type: 'role-pin-set',
    at: now,
    hlc: formatHlc({ wallMs: request.nowMs, counter: 0 }, SERVER_DEVICE_ID),
    deviceId: SERVER_DEVICE_ID,
    locationId: SERVER_DEVICE_ID,
    role: 'server',
    data: { role: request.role, algorithm: 'PBKDF2-SHA-256', ...material },
  } as BuurtpasEvent;
  const keyId = keyIdOf(material.publicKey);
  await storage.insertEvents(
    SERVER_DEVICE_ID,
    [
      {
        kind: 'valid',
        event,
        registersKey: {
          keyId,
          role: request.role,
          publicKey: material.publicKey,
          createdAt: now,
        },
      },
    ],
    now,
  );
  return { ok: true, eventId: event.eventId, keyId, revoked };
}
