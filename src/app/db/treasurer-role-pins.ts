/**
 * Role PINs: the hash facts (synced, `role-pin-set`) and this laptop's count of wrong tries
 * (local meta, never synced: a wait on one laptop should not lock another).
 */
import type { EventOf } from '../../domain/events.ts';
import {
  NO_ATTEMPTS,
  pickCurrentPins,
  type GatedRole,
  type PinAttempts,
  type RolePinFact,
} from '../../domain/role-pin.ts';
import type { BuurtpasDb } from './database.ts';
import { writeEvents, type Writer } from './record-events.ts';
import { readSyncConnection } from './sync-state.ts';

export async function readRolePins(db: BuurtpasDb): Promise<Map<GatedRole, RolePinFact>> {
  const rows = await db.events.where('type').equals('role-pin-set').toArray();
  return pickCurrentPins(
    rows.map((r) => {
      const e = r.event as EventOf<'role-pin-set'>;
      return {
        eventId: e.eventId,
        hlc: e.hlc,
        role: e.data.role,
        iterations: e.data.iterations,
        salt: e.data.salt,
        hash: e.data.hash,
        ...(e.data.publicKey && e.data.wrappedKey && e.data.iv
          ? { publicKey: e.data.publicKey, wrappedKey: e.data.wrappedKey, iv: e.data.iv }
          : {}),
      };
    }),
  );
}

export type PinHash = { iterations: number; salt: string; hash: string };
/** The role key inside a PIN fact (docs/security.md); absent in PIN facts made before it. */
export type RoleKeyMaterial = { publicKey: string; wrappedKey: string; iv: string };

export async function writeRolePin(
  db: BuurtpasDb,
  writer: Writer,
  role: GatedRole,
  pin: PinHash & Partial<RoleKeyMaterial>,
  nowMs: number,
): Promise<void> {
  await writeEvents(
    db,
    writer,
    [{ type: 'role-pin-set', data: { role, algorithm: 'PBKDF2-SHA-256', ...pin } }],
    nowMs,
  );
}

/** What the gate needs: the PINs in force, and whether this laptop is a server's desk device. */
export async function readRoleGateState(
  db: BuurtpasDb,
): Promise<{ pins: Map<GatedRole, RolePinFact>; enrolledAs: 'desk' | 'coordinator' | null }> {
  const [pins, connection] = await Promise.all([readRolePins(db), readSyncConnection(db)]);
  return { pins, enrolledAs: connection?.role ?? null };
}

const attemptsKey = (role: GatedRole) => `rolePinAttempts:${role}`;

export async function readPinAttempts(db: BuurtpasDb, role: GatedRole): Promise<PinAttempts> {
  return ((await db.meta.get(attemptsKey(role)))?.value as PinAttempts | undefined) ?? NO_ATTEMPTS;
}

export async function writePinAttempts(
  db: BuurtpasDb,
  role: GatedRole,
  attempts: PinAttempts,
): Promise<void> {
  await db.meta.put({ key: attemptsKey(role), value: attempts });
}
