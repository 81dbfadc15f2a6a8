/** This laptop's randomness and its device id, made once on first start (see db/desk-setup.ts). */
export function randomBytes(n: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(n));
}

export function makeDeviceId(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(12);
  let id = 'd';
  for (const b of bytes) id += alphabet[b % alphabet.length];
  return id;
}
