/**
 * Tokens and enrollment codes. Only their sha-256 is stored: a copy of the database does not
 * let anyone push as a device. A token is 32 random bytes, so a fast hash is enough (there is
 * nothing to brute-force); an enrollment code is short enough to type but one-time and expiring.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

// No 0/O, 1/I/L: a volunteer reads the code off a phone or a sheet of paper.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 12;

/** Twelve characters in groups of four, about 59 bits: e.g. `K7QX-M2PD-9RWA`. */
export function generateEnrollmentCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) {
    if (i > 0 && i % 4 === 0) code += '-';
    code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  }
  return code;
}

/** Typed codes vary in case, spaces and dashes; the stored hash is of the bare upper-case form. */
export function normalizeEnrollmentCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

export function hashEnrollmentCode(code: string): string {
  return hashSecret(`enroll:${normalizeEnrollmentCode(code)}`);
}
