/**
 * PBKDF2-SHA-256 through WebCrypto (`crypto.subtle`): slow on purpose, salted per PIN, so the
 * synced hash does not give the PIN away cheaply. Only the hash, salt and iteration count leave
 * this module; the PIN stays in the form that typed it.
 */
import { PIN_POLICY } from '../../domain/role-pin.ts';
import type { PinHash } from '../db/treasurer-role-pins.ts';

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
): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    256,
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
