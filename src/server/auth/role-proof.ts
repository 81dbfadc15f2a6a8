/**
 * Role proofs on the server: an ECDSA P-256 (SHA-256) signature over `canonicalEventText(event)`
 * by a role key the server knows (docs/security.md). The laptop signs offline when it records a
 * role fact; the server checks at push. Keys are raw uncompressed points (65 bytes, base64), the
 * signature is IEEE P1363 (r‖s, 64 bytes, base64), as WebCrypto makes them.
 */
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { BuurtpasEvent } from '../../domain/events.ts';
import type { GatedRole } from '../../domain/role-pin.ts';
import { canonicalEventText } from '../../domain/write-authority.ts';
import type { RoleKey } from '../storage/storage.ts';

/** base64url sha-256 of the raw point: names a key in a proof. */
export function keyIdOf(publicKeyBase64: string): string {
  return createHash('sha256').update(Buffer.from(publicKeyBase64, 'base64')).digest('base64url');
}

/** The key as node:crypto reads it, or undefined when the bytes are not a P-256 point. */
export function importRolePublicKey(publicKeyBase64: string): KeyObject | undefined {
  const raw = Buffer.from(publicKeyBase64, 'base64');
  if (raw.length !== 65 || raw[0] !== 4) return undefined;
  try {
    return createPublicKey({
      format: 'jwk',
      key: {
        kty: 'EC',
        crv: 'P-256',
        x: raw.subarray(1, 33).toString('base64url'),
        y: raw.subarray(33, 65).toString('base64url'),
      },
    });
  } catch {
    return undefined;
  }
}

export type ProofCheck =
  { kind: 'none' } | { kind: 'proven'; role: GatedRole } | { kind: 'failed'; detail: string };

export type RoleKeyRing = {
  check(event: BuurtpasEvent): ProofCheck;
};

/** The live keys of one push, imported once. */
export function createRoleKeyRing(keys: readonly RoleKey[]): RoleKeyRing {
  const live = new Map<string, { role: GatedRole; key: KeyObject }>();
  for (const k of keys) {
    if (k.revokedAt !== null) continue;
    const key = importRolePublicKey(k.publicKey);
    if (key) live.set(k.keyId, { role: k.role, key });
  }
  return {
    check(event) {
      const proof = event.proof;
      if (!proof) return { kind: 'none' };
      const known = live.get(proof.keyId);
      if (!known) return { kind: 'failed', detail: 'unknown or revoked role key' };
      if (known.role !== proof.role) return { kind: 'failed', detail: 'key of another role' };
      const ok = verify(
        'sha256',
        Buffer.from(canonicalEventText(event), 'utf8'),
        { key: known.key, dsaEncoding: 'ieee-p1363' },
        Buffer.from(proof.sig, 'base64'),
      );
      return ok
        ? { kind: 'proven', role: known.role }
        : { kind: 'failed', detail: 'bad signature' };
    },
  };
}
