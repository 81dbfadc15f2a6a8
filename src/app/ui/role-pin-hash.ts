/**
 * PBKDF2-SHA-256 through WebCrypto (`crypto.subtle`): slow on purpose, salted per PIN, so the
 * synced hash does not give the PIN away cheaply. Only the hash, salt and iteration count leave
 * this module; the PIN stays in the form that typed it.
 *
 * The role key (docs/security.md): PBKDF2 gives 64 bytes; the first 32 are the hash (the same
 * bytes a 32-byte derivation gives, so older hash-only facts still open), the last 32 wrap the
 * role's ECDSA P-256 private scalar (AES-GCM). The right PIN unlocks a signer that proves the
 * role to the server; the format matches src/server/auth/set-role-pin.ts.
 */
import { PIN_POLICY } from '../../domain/role-pin.ts';
import type { RoleProof } from '../../domain/events.ts';
import type { GatedRole } from '../../domain/role-pin.ts';
import { canonicalEventText } from '../../domain/write-authority.ts';
import type { BuurtpasEvent } from '../../domain/events.ts';
import type { PinHash, RoleKeyMaterial } from '../db/treasurer-role-pins.ts';

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

async function derive(
  pin: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
  bitLength = 256,
): Promise<Uint8Array<ArrayBuffer>> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    bitLength,
  );
  return new Uint8Array(bits);
}

/** A new hash with a fresh random salt (`random` is the app's byte source; tests pass a seeded one). */
export async function hashRolePin(
  pin: string,
  random: (n: number) => Uint8Array,
  iterations: number = PIN_POLICY.iterations,
): Promise<PinHash> {
  const salt = new Uint8Array(16);
  salt.set(random(16));
  return { iterations, salt: toBase64(salt), hash: toBase64(await derive(pin, salt, iterations)) };
}

export async function verifyRolePin(pin: string, stored: PinHash): Promise<boolean> {
  const actual = await derive(pin, fromBase64(stored.salt), stored.iterations);
  const expected = fromBase64(stored.hash);
  if (actual.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < actual.length; i++) diff |= actual[i]! ^ expected[i]!;
  return diff === 0;
}

function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  return fromBase64(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
}

/** A new PIN hash together with a fresh role key wrapped by it. */
export async function makeRolePinWithKey(
  pin: string,
  random: (n: number) => Uint8Array,
  iterations: number = PIN_POLICY.iterations,
): Promise<PinHash & RoleKeyMaterial> {
  const salt = new Uint8Array(16);
  salt.set(random(16));
  const bits = await derive(pin, salt, iterations, 512);
  const wrapKey = await crypto.subtle.importKey('raw', bits.slice(32), 'AES-GCM', false, [
    'encrypt',
  ]);
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ]);
  const jwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
  const iv = new Uint8Array(12);
  iv.set(random(12));
  const wrapped = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv },
    wrapKey,
    fromBase64Url(jwk.d ?? ''),
  );
  return {
    iterations,
    salt: toBase64(salt),
    hash: toBase64(bits.slice(0, 32)),
    publicKey: toBase64(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey))),
    wrappedKey: toBase64(new Uint8Array(wrapped)),
    iv: toBase64(iv),
  };
}

/** Signs events as a role: made on unlock, kept in memory only while the role is unlocked. */
export type RoleSigner = {
  role: GatedRole;
  keyId: string;
  prove(event: BuurtpasEvent): Promise<RoleProof>;
};

/** The role's signer, when the PIN fact carries a wrapped key and `pin` opens it. */
export async function unlockRoleSigner(
  role: GatedRole,
  pin: string,
  stored: PinHash & Partial<RoleKeyMaterial>,
): Promise<RoleSigner | undefined> {
  if (!stored.publicKey || !stored.wrappedKey || !stored.iv) return undefined;
  const bits = await derive(pin, fromBase64(stored.salt), stored.iterations, 512);
  const wrapKey = await crypto.subtle.importKey('raw', bits.slice(32), 'AES-GCM', false, [
    'decrypt',
  ]);
  let scalar: Uint8Array;
  try {
    scalar = new Uint8Array(
      await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: fromBase64(stored.iv) },
        wrapKey,
        fromBase64(stored.wrappedKey),
      ),
    );
  } catch {
    return undefined;
  }
  const point = fromBase64(stored.publicKey);
  const key = await crypto.subtle.importKey(
    'jwk',
    {
      kty: 'EC',
      crv: 'P-256',
      x: toBase64Url(point.slice(1, 33)),
      y: toBase64Url(point.slice(33, 65)),
      d: toBase64Url(scalar),
    },
    { name: 'ECDSA', namedCurve: 'P-256' },
    false,
    ['sign'],
  );
  const keyId = toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', point)));
  return {
    role,
    keyId,
    async prove(event) {
      const sig = await crypto.subtle.sign(
        { name: 'ECDSA', hash: 'SHA-256' },
        key,
        new TextEncoder().encode(canonicalEventText(event)),
      );
      return { role, keyId, sig: toBase64(new Uint8Array(sig)) };
    },
  };
}
