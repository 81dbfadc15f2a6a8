/**
 * The access export on a laptop that started from a snapshot, with the server out of reach: made
 * from what is here, and saying — in words, with a retry — that older facts are on the server.
 * (The way with a server is tests/integration/access-export-snapshot.test.ts.)
 */
import { act, configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { SNAPSHOT_KEYS } from '../../db/snapshot-load.ts';
import { saveSyncConnection } from '../../db/sync-state.ts';
import { useI18nStore } from '../../i18n/i18n-store.ts';
import { freshDb, makeClock, renderApp } from '../../test/render-app.tsx';
import {
  openRecord,
  resetUi,
  seedPeople,
  setCoordinatorPin,
  unlockCoordinator,
} from './members-test-kit.ts';

configure({ asyncUtilTimeout: 15_000 });

beforeEach(() => {
  resetUi();
});

async function setup(lang: 'nl', snapshot: boolean) {
  useI18nStore.setState({ lang });
  const db = await freshDb('cjm');
  await setCoordinatorPin(db);
  await seedPeople(db, [
    { n: 1, name: 'Ama Boateng', since: '2026-02-03', pass: '1234567890', visits: ['2026-11-20'] },
  ]);
  // Connected on 1 June to a server that does not answer (nothing listens on port 9).
  await saveSyncConnection(db, {
    baseUrl: 'http://127.0.0.1:9',
    token: 'x'.repeat(43),
    deviceId: 'dtest0001',
    locationId: 'cjm',
    role: 'coordinator',
    enrolledAt: '2026-06-01T08:00:00.000Z',
  });
  if (snapshot)
    await db.meta.put({
      key: SNAPSHOT_KEYS.base,
      value: { seq: 1, checksum: { count: 0, sum: '0000000000000000' } },
    });
  const user = userEvent.setup();
  await renderApp({ db, clock: makeClock('2026-11-27T09:42:00.000Z') });
  return { user };
}

describe('the access export with the server out of reach', () => {
  it('on a snapshot laptop: made from what is here, says what is on the server, offers a retry', async () => {
    const { user } = await setup('nl', true);
    await openRecord(user, 'Ama', 'Ama Boateng openen');
    await unlockCoordinator(user);
    await user.click(await screen.findByRole('button', { name: 'Inzageoverzicht maken' }));
    const view = await screen.findByTestId('access-export');
    expect(view.textContent).toContain('Inzageoverzicht van Ama Boateng');
    expect(view.textContent).toContain('20-11-2026 11:00: Casa Jepie Makandra');
    const notice = await screen.findByRole('alert');
    expect(notice).toHaveTextContent(
      'Gegevens van vóór 01-06-2026 staan alleen op de server en ontbreken hier.',
    );
    expect(notice).toHaveTextContent('Daarvoor is een verbinding met de server nodig.');
    // Trying again while still offline: the same notice, the export still there.
    await user.click(within(notice).getByRole('button', { name: 'Opnieuw proberen' }));
    await waitFor(() =>
      expect(
        within(screen.getByRole('alert')).getByRole('button', { name: 'Opnieuw proberen' }),
      ).toBeEnabled(),
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Gegevens van vóór 01-06-2026');
    expect(screen.getByTestId('access-export')).toBeInTheDocument();
  });

  it('says it in English too', async () => {
    const { user } = await setup('nl', true);
    await openRecord(user, 'Ama', 'Ama Boateng openen');
    await unlockCoordinator(user);
    act(() => useI18nStore.setState({ lang: 'en' }));
    await user.click(await screen.findByRole('button', { name: 'Make access overview' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Data from before 01-06-2026 is on the server only and is missing here. That needs a connection to the server.',
    );
  });

  it('a laptop that holds every fact: no notice', async () => {
    const { user } = await setup('nl', false);
    await openRecord(user, 'Ama', 'Ama Boateng openen');
    await unlockCoordinator(user);
    await user.click(await screen.findByRole('button', { name: 'Inzageoverzicht maken' }));
    await screen.findByTestId('access-export');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Opnieuw proberen' })).toBeNull();
  });
});
