/**
 * Test data for the Members screen, written as facts through the real write path, and the
 * coordinator PIN set the way the first start sets it.
 */
import { act, screen } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import type { BuurtpasDb } from '../../db/database.ts';
import { writeEvents, type EventDraft, type Writer } from '../../db/record-events.ts';
import { writeRolePin } from '../../db/treasurer-role-pins.ts';
import { useNavStore } from '../../context/nav-store.ts';
import { seededRandom } from '../../test/render-app.tsx';
import { hashRolePin } from '../../ui/role-pin-hash.ts';
import { useRoleSessionStore } from '../../ui/role-session-store.ts';
import { resetMembersStore } from './members-store.ts';

export const COORDINATOR_PIN = '48213';

export function aWriter(overrides: Partial<Writer> = {}): Writer {
  return {
    deviceId: 'dtest0001',
    locationId: 'cjm',
    role: 'desk',
    random: seededRandom(11),
    ...overrides,
  };
}

export function memberUuid(n: number): string {
  return `0190a000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
}

export function resetUi(): void {
  act(() => {
    useNavStore.setState({ screen: 'desk' });
    useRoleSessionStore.setState({ lastActivity: {} });
    resetMembersStore();
  });
}

export async function setCoordinatorPin(db: BuurtpasDb): Promise<void> {
  const writer = aWriter({ role: 'coordinator', random: seededRandom(5) });
  await writeRolePin(
    db,
    writer,
    'coordinator',
    await hashRolePin(COORDINATOR_PIN, writer.random),
    Date.parse('2026-01-05T10:00:00.000Z'),
  );
}

export type SeedPerson = {
  n: number;
  name: string;
  since: string;
  locationId?: string;
  pass?: string;
  fields?: { phone?: string; postcode?: string; birthYear?: number | null };
  visits?: string[];
  member?: boolean;
};

let tick = 0;

/** Registers people as the desk would: registration, profile, pass, membership, visits. */
export async function seedPeople(
  db: BuurtpasDb,
  people: readonly SeedPerson[],
  writer: Writer = aWriter(),
): Promise<Record<number, string>> {
  const ids: Record<number, string> = {};
  for (const p of people) {
    const memberId = memberUuid(p.n);
    ids[p.n] = memberId;
    const locationId = p.locationId ?? 'cjm';
    const drafts: EventDraft[] = [
      { type: 'client-registered', data: { memberId, locationId } },
      {
        type: 'member-profile-set',
        data: { memberId, fields: { name: p.name, consentDate: p.since, ...p.fields } },
      },
    ];
    if (p.pass) drafts.push({ type: 'pass-issued', data: { memberId, code: p.pass } });
    if (p.member)
      drafts.push({
        type: 'membership-started',
        data: { memberId, associationId: 'bv-cjm', date: p.since },
      });
    await writeEvents(
      db,
      { ...writer, locationId },
      drafts,
      Date.parse(`${p.since}T09:00:00.000Z`) + ++tick,
    );
    for (const day of p.visits ?? []) {
      await writeEvents(
        db,
        { ...writer, locationId },
        [{ type: 'visit-recorded', data: { memberId, locationId } }],
        Date.parse(`${day}T10:00:00.000Z`) + ++tick,
      );
    }
  }
  return ids;
}

/** Opens the Members screen and a person's record by typing a name or pass number. */
export async function openRecord(
  user: UserEvent,
  query: string,
  buttonName: string | RegExp,
): Promise<void> {
  await user.click(await screen.findByRole('button', { name: 'Leden' }));
  await user.type(await screen.findByLabelText('Naam of pasnummer'), query);
  await user.click(await screen.findByRole('button', { name: buttonName }));
}

/** Unlocks the coordinator gate shown on screen. */
export async function unlockCoordinator(user: UserEvent): Promise<void> {
  await user.type(
    await screen.findByLabelText('Pincode van de coördinator', {}, { timeout: 5000 }),
    COORDINATOR_PIN,
  );
  await user.click(screen.getByRole('button', { name: 'Openen' }));
  // PBKDF2 with 210.000 iterations takes a moment; wait until the gate is open.
  await screen.findByRole('button', { name: 'Nu vergrendelen' }, { timeout: 10_000 });
}
