import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb, makeClock, renderApp } from '../test/render-app.tsx';
import { useI18nStore } from '../i18n/i18n-store.ts';
import { readRolePins } from '../db/treasurer-role-pins.ts';
import { saveSyncConnection } from '../db/sync-state.ts';
import { canonicalEventText } from '../../domain/write-authority.ts';
import {
  COORDINATOR_PIN,
  resetUiStores,
  setPins,
  TREASURER_PIN,
} from '../features/treasurer/treasurer-test-kit.ts';

// PBKDF2 (210.000 rounds) and Dexie are slow on a shared machine: the waits are set for hangs in
// src/app/test/setup.ts; nothing is timed. Keys are typed 60 ms apart, as a person types: faster digit bursts are a pass scanner (keyboard wedge).

beforeEach(() => {
  resetUiStores();
  useI18nStore.setState({ lang: 'nl' });
});

async function goToTreasurer(clock = makeClock()) {
  const user = userEvent.setup({ delay: 60 });
  const db = await freshDb('cjm');
  const app = await renderApp({ db, clock });
  await user.click(await screen.findByRole('button', { name: 'Penningmeester' }));
  return { ...app, user, db, clock };
}

describe('RoleGate', () => {
  it('on a fresh install the coordinator sets the coordinator PIN, then the treasurer PIN', async () => {
    const { user, db } = await goToTreasurer();
    expect(
      await screen.findByRole('heading', {
        name: 'Eerste keer: kies de pincode van de coördinator',
      }),
    ).toBeInTheDocument();
    await user.type(screen.getByLabelText('Nieuwe pincode (minstens 5 cijfers)'), '12345');
    await user.type(screen.getByLabelText('Herhaal de nieuwe pincode'), '12345');
    await user.click(screen.getByRole('button', { name: 'Pincode opslaan' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('te makkelijk te raden');
    await user.clear(screen.getByLabelText('Nieuwe pincode (minstens 5 cijfers)'));
    await user.clear(screen.getByLabelText('Herhaal de nieuwe pincode'));
    await user.type(screen.getByLabelText('Nieuwe pincode (minstens 5 cijfers)'), COORDINATOR_PIN);
    await user.type(screen.getByLabelText('Herhaal de nieuwe pincode'), '48231');
    await user.click(screen.getByRole('button', { name: 'Pincode opslaan' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('niet gelijk'));
    await user.clear(screen.getByLabelText('Herhaal de nieuwe pincode'));
    await user.type(screen.getByLabelText('Herhaal de nieuwe pincode'), COORDINATOR_PIN);
    await user.click(screen.getByRole('button', { name: 'Pincode opslaan' }));

    expect(
      await screen.findByRole('heading', {
        name: 'De coördinator stelt de pincode van de penningmeester in',
      }),
    ).toBeInTheDocument();
    await user.type(screen.getByLabelText('Pincode van de coördinator'), COORDINATOR_PIN);
    await user.type(screen.getByLabelText('Nieuwe pincode (minstens 5 cijfers)'), TREASURER_PIN);
    await user.type(screen.getByLabelText('Herhaal de nieuwe pincode'), TREASURER_PIN);
    await user.click(screen.getByRole('button', { name: 'Pincode opslaan' }));

    expect(
      await screen.findByRole('heading', { name: 'Alleen voor de penningmeester' }),
    ).toBeInTheDocument();
    const pins = await readRolePins(db);
    expect([...pins.keys()].sort()).toEqual(['coordinator', 'treasurer']);
    // Only the slow hash is stored and synced, never the PIN.
    const facts = await db.events.where('type').equals('role-pin-set').toArray();
    expect(facts.map((f) => f.event.role)).toEqual(['coordinator', 'coordinator']);
    expect(JSON.stringify(facts)).not.toContain(TREASURER_PIN);
    expect(
      facts.every((f) => f.event.type === 'role-pin-set' && f.event.data.iterations >= 100_000),
    ).toBe(true);
    expect(await db.outbox.count()).toBe(2);

    // Each PIN fact carries a role key; the treasurer's is signed with the coordinator's key,
    // which the server checks (docs/security.md).
    const factOf = (role: string) =>
      facts.map((f) => f.event).find((e) => e.type === 'role-pin-set' && e.data.role === role);
    const coordinatorFact = factOf('coordinator');
    const treasurerFact = factOf('treasurer');
    if (coordinatorFact?.type !== 'role-pin-set' || treasurerFact?.type !== 'role-pin-set')
      throw new Error('expected two PIN facts');
    expect(coordinatorFact.data.wrappedKey).toMatch(/^[A-Za-z0-9+/]{64}$/);
    expect(treasurerFact.proof?.role).toBe('coordinator');
    const publicKey = await crypto.subtle.importKey(
      'raw',
      Uint8Array.from(atob(coordinatorFact.data.publicKey ?? ''), (c) => c.charCodeAt(0)),
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['verify'],
    );
    const verifies = (event: typeof treasurerFact) =>
      crypto.subtle.verify(
        { name: 'ECDSA', hash: 'SHA-256' },
        publicKey,
        Uint8Array.from(atob(treasurerFact.proof?.sig ?? ''), (c) => c.charCodeAt(0)),
        new TextEncoder().encode(canonicalEventText(event)),
      );
    expect(await verifies(treasurerFact)).toBe(true);
    expect(await verifies({ ...treasurerFact, locationId: 'multibron' })).toBe(false);

    await user.type(screen.getByLabelText('Pincode van de penningmeester'), TREASURER_PIN);
    await user.click(screen.getByRole('button', { name: 'Openen' }));
    expect(
      await screen.findByRole('heading', { name: 'Wie moet nog betalen' }),
    ).toBeInTheDocument();
  });

  it('locks when the user leaves: another screen (a scan hand-off) or a hidden tab', async () => {
    const db = await freshDb('cjm');
    await setPins(db);
    const user = userEvent.setup({ delay: 60 });
    await renderApp({ db, clock: makeClock() });
    const open = async () => {
      await user.click(await screen.findByRole('button', { name: 'Penningmeester' }));
      await user.type(await screen.findByLabelText('Pincode van de penningmeester'), TREASURER_PIN);
      await user.click(screen.getByRole('button', { name: 'Openen' }));
      expect(
        await screen.findByRole('heading', { name: 'Wie moet nog betalen' }),
      ).toBeInTheDocument();
    };
    await open();
    await user.click(screen.getByRole('button', { name: 'Balie' }));
    await user.click(await screen.findByRole('button', { name: 'Penningmeester' }));
    expect(await screen.findByLabelText('Pincode van de penningmeester')).toBeInTheDocument();

    await user.type(screen.getByLabelText('Pincode van de penningmeester'), TREASURER_PIN);
    await user.click(screen.getByRole('button', { name: 'Openen' }));
    expect(
      await screen.findByRole('heading', { name: 'Wie moet nog betalen' }),
    ).toBeInTheDocument();
    Object.defineProperty(document, 'visibilityState', { configurable: true, value: 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
    Object.defineProperty(document, 'visibilityState', { configurable: true, value: 'visible' });
    expect(await screen.findByLabelText('Pincode van de penningmeester')).toBeInTheDocument();
  });

  it('on a desk laptop of a server, leaves the first coordinator PIN to the server admin', async () => {
    const db = await freshDb('cjm');
    await saveSyncConnection(db, {
      baseUrl: 'http://127.0.0.1:9',
      token: 'x',
      deviceId: 'desk-cjm-1',
      locationId: 'cjm',
      role: 'desk',
      enrolledAt: '2026-01-01T00:00:00.000Z',
    });
    const user = userEvent.setup({ delay: 60 });
    await renderApp({ db, clock: makeClock() });
    await user.click(await screen.findByRole('button', { name: 'Penningmeester' }));
    expect(
      await screen.findByRole('heading', { name: 'Nog geen pincode van de coördinator' }),
    ).toBeInTheDocument();
    expect(screen.queryByLabelText('Nieuwe pincode (minstens 5 cijfers)')).not.toBeInTheDocument();
  });

  it('locks after five wrong PINs until the wait is over, then opens with the right one', async () => {
    const clock = makeClock('2026-11-27T09:42:00.000Z');
    const db = await freshDb('cjm');
    await setPins(db);
    const user = userEvent.setup({ delay: 60 });
    await renderApp({ db, clock });
    await user.click(await screen.findByRole('button', { name: 'Penningmeester' }));
    const input = await screen.findByLabelText('Pincode van de penningmeester');
    for (let i = 4; i >= 1; i--) {
      await user.type(input, '00000');
      await user.click(screen.getByRole('button', { name: 'Openen' }));
      await waitFor(() =>
        expect(screen.getByRole('alert')).toHaveTextContent(`U kunt het nog ${i} keer proberen.`),
      );
    }
    await user.type(input, '00000');
    await user.click(screen.getByRole('button', { name: 'Openen' }));
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'Te vaak een verkeerde pincode. Probeer het opnieuw om 10:42:30.',
      ),
    );
    // Even the right PIN is not checked during the wait.
    await user.type(input, TREASURER_PIN);
    await user.click(screen.getByRole('button', { name: 'Openen' }));
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent('Probeer het opnieuw om 10:42:30.'),
    );
    expect(screen.queryByRole('heading', { name: 'Wie moet nog betalen' })).not.toBeInTheDocument();
    clock.advance(31_000);
    await user.type(input, TREASURER_PIN);
    await user.click(screen.getByRole('button', { name: 'Openen' }));
    expect(
      await screen.findByRole('heading', { name: 'Wie moet nog betalen' }),
    ).toBeInTheDocument();
  });

  it('locks again after five quiet minutes: the first tap after that locks instead of acting', async () => {
    const clock = makeClock('2026-11-27T09:42:00.000Z');
    const db = await freshDb('cjm');
    await setPins(db);
    const user = userEvent.setup({ delay: 60 });
    await renderApp({ db, clock });
    await user.click(await screen.findByRole('button', { name: 'Penningmeester' }));
    await user.type(await screen.findByLabelText('Pincode van de penningmeester'), TREASURER_PIN);
    await user.click(screen.getByRole('button', { name: 'Openen' }));
    await screen.findByRole('heading', { name: 'Wie moet nog betalen' });
    // Four minutes of use keep it open.
    clock.advance(4 * 60_000);
    await user.click(screen.getByRole('button', { name: 'Kasopmaak' }));
    expect(await screen.findByRole('heading', { name: 'Kasopmaak' })).toBeInTheDocument();
    clock.advance(5 * 60_000 + 1);
    await user.click(screen.getByRole('button', { name: 'Contributiebedrag' }));
    expect(
      await screen.findByRole('heading', { name: 'Alleen voor de penningmeester' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/op slot gegaan omdat het een tijd niet is gebruikt/)).toHaveAttribute(
      'role',
      'status',
    );
    expect(screen.queryByRole('heading', { name: 'Contributiebedrag' })).not.toBeInTheDocument();
    // Locking by hand works too.
    await user.type(screen.getByLabelText('Pincode van de penningmeester'), TREASURER_PIN);
    await user.click(screen.getByRole('button', { name: 'Openen' }));
    await user.click(await screen.findByRole('button', { name: 'Nu vergrendelen' }));
    expect(await screen.findByLabelText('Pincode van de penningmeester')).toBeInTheDocument();
  });

  it('changes the PIN with the current one; the old one no longer opens', async () => {
    const db = await freshDb('cjm');
    await setPins(db);
    const user = userEvent.setup({ delay: 60 });
    await renderApp({ db });
    await user.click(await screen.findByRole('button', { name: 'Penningmeester' }));
    await user.type(await screen.findByLabelText('Pincode van de penningmeester'), TREASURER_PIN);
    await user.click(screen.getByRole('button', { name: 'Openen' }));
    await user.click(await screen.findByRole('button', { name: 'Pincode wijzigen' }));
    await user.type(screen.getByLabelText('Huidige pincode van de penningmeester'), TREASURER_PIN);
    await user.type(screen.getByLabelText('Nieuwe pincode (minstens 5 cijfers)'), '60418');
    await user.type(screen.getByLabelText('Herhaal de nieuwe pincode'), '60418');
    await user.click(screen.getByRole('button', { name: 'Pincode opslaan' }));
    await waitFor(async () =>
      expect((await db.events.where('type').equals('role-pin-set').toArray()).length).toBe(3),
    );
    const newest = (await readRolePins(db)).get('treasurer');
    expect(newest).toBeDefined();
    await user.click(screen.getByRole('button', { name: 'Nu vergrendelen' }));
    await user.type(await screen.findByLabelText('Pincode van de penningmeester'), TREASURER_PIN);
    await user.click(screen.getByRole('button', { name: 'Openen' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Verkeerde pincode'));
    await user.type(screen.getByLabelText('Pincode van de penningmeester'), '60418');
    await user.click(screen.getByRole('button', { name: 'Openen' }));
    expect(
      await screen.findByRole('heading', { name: 'Wie moet nog betalen' }),
    ).toBeInTheDocument();
  });
});
