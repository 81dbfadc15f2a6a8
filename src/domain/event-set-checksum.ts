/**
 * An order-independent checksum of a set of event ids: the sum, modulo 2^64, of a 64-bit FNV-1a
 * hash of each id, with the count beside it. Two replicas holding the same events print the same
 * checksum whatever order they received them in; a missing or extra event changes it.
 */
const MASK = (1n << 64n) - 1n;
const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;

export function hashEventId(eventId: string): bigint {
  let h = FNV_OFFSET;
  for (let i = 0; i < eventId.length; i++) {
    h ^= BigInt(eventId.charCodeAt(i));
    h = (h * FNV_PRIME) & MASK;
  }
  return h;
}

export type EventSetChecksum = { count: number; sum: string };

export function addToChecksum(acc: { count: number; sum: bigint }, eventId: string): void {
  acc.count++;
  acc.sum = (acc.sum + hashEventId(eventId)) & MASK;
}

export function checksumOf(eventIds: Iterable<string>): EventSetChecksum {
  const acc = { count: 0, sum: 0n };
  for (const id of eventIds) addToChecksum(acc, id);
  return { count: acc.count, sum: acc.sum.toString(16).padStart(16, '0') };
}
