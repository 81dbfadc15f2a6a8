/**
 * Test data for the treasurer's screens: members, memberships, payments and visits written as
 * facts through the real write path, and the role PINs set the way the coordinator sets them.
 */
import { act } from '@testing-library/react';
import type { EventDraft, Writer } from '../../db/record-events.ts';
import { writeEvents } from '../../db/record-events.ts';
import type { BuurtpasDb } from '../../db/database.ts';
import { writeRolePin } from '../../db/treasurer-role-pins.ts';
import { useNavStore } from '../../context/nav-store.ts';
import { useRoleSessionStore } from '../../ui/role-session-store.ts';
import { hashRolePin } from '../../ui/role-pin-hash.ts';
import { seededRandom } from '../../test/render-app.tsx';
import { DEFAULT_OWES_FILTER } from '../../../domain/treasurer/owes-list.ts';
import { useTreasurerStore } from './treasurer-store.ts';

export const COORDINATOR_PIN = '48213';
export const TREASURER_PIN = '73914';

export function aWriter(overrides: Partial<Writer> = {}): Writer {
  return {
    deviceId: 'dtest0001',
    locationId: 'cjm',
    role: 'desk',
    random: seededRandom(11),
    ...overrides,
  };
}

export function resetUiStores(): void {
  act(() => {
    useNavStore.setState({ screen: 'desk' });
    useRoleSessionStore.setState({ lastActivity: {} });
    useTreasurerStore.setState({
      tab: 'owes',
      associationId: null,
      year: null,
      filter: DEFAULT_OWES_FILTER,
      memberId: null,
    });
  });
}

export async function setPins(db: BuurtpasDb, atIso = '2026-01-05T10:00:00.000Z'): Promise<void> {
  const writer = aWriter({ role: 'coordinator', random: seededRandom(5) });
  await writeRolePin(
    db,
    writer,
    'coordinator',
    await hashRolePin(COORDINATOR_PIN, writer.random),
    Date.parse(atIso),
  );
  await writeRolePin(
    db,
    writer,
    'treasurer',
    await hashRolePin(TREASURER_PIN, writer.random),
    Date.parse(atIso) + 1000,
  );
}

let seq = 0;
/** A fixed-shape uuid so tests can name people. */
export function memberUuid(n: number): string {
  return `0190a000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
}

export type SeedMember = {
  n: number;
  name: string;
  since: string;
  locationId?: string;
  payments?: { year: number; cents: number; at?: string; method?: 'cash' | 'bank' | 'pin' }[];
  visit?: string;
};

export async function seedMembers(
  db: BuurtpasDb,
  members: readonly SeedMember[],
  writer: Writer = aWriter(),
): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const m of members) {
    const memberId = memberUuid(m.n);
    ids[m.name] = memberId;
    const locationId = m.locationId ?? 'cjm';
    const at = Date.parse(`${m.since}T09:00:00.000Z`) + ++seq;
    const drafts: EventDraft[] = [
      { type: 'client-registered', data: { memberId, locationId } },
      { type: 'member-profile-set', data: { memberId, fields: { name: m.name } } },
      { type: 'membership-started', data: { memberId, associationId: 'bv-cjm', date: m.since } },
    ];
    await writeEvents(db, { ...writer, locationId }, drafts, at);
    for (const p of m.payments ?? []) {
      await writeEvents(
        db,
        writer,
        [
          {
            type: 'payment-recorded',
            data: {
              memberId,
              associationId: 'bv-cjm',
              year: p.year,
              amountCents: p.cents,
              method: p.method ?? 'cash',
            },
          },
        ],
        Date.parse(p.at ?? `${p.year}-03-01T10:00:00.000Z`) + ++seq,
      );
    }
    if (m.visit)
      await writeEvents(
        db,
        { ...writer, locationId },
        [{ type: 'visit-recorded', data: { memberId, locationId } }],
        Date.parse(`${m.visit}T10:00:00.000Z`) + ++seq,
      );
  }
  return ids;
}
