// @vitest-environment jsdom
/**
 * The settings screen and the top-bar sync status: the real app (renderApp, real Dexie on
 * fake-indexeddb) against the real server (Fastify over SQLite, real HTTP through Node's fetch).
 * Here, not next to the component, because it needs the server, which app code may not import;
 * the server runs as a child process because jsdom's browser transform cannot load it.
 */
import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
import { cleanup, configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BuurtpasDb } from '../../src/app/db/database.ts';
import { registerClient } from '../../src/app/db/desk-actions.ts';
import type { Writer } from '../../src/app/db/record-events.ts';
import { useI18nStore } from '../../src/app/i18n/i18n-store.ts';
import { makeClock, renderApp } from '../../src/app/test/render-app.tsx';
import { startChildTestServer, type ChildTestServer } from '../sim/child-test-server.ts';
import { aNewcomer } from './support/newcomer.ts';

// The settings screen is a lazy chunk and the server a child process: on a busy machine either can
// take seconds. Waits are limits for hangs (as in src/app/test/setup.ts), nothing is timed.
configure({ asyncUtilTimeout: 30_000 });

let server: ChildTestServer;
const clock = makeClock('2026-11-27T09:42:00.000Z');

beforeEach(async () => {
  useI18nStore.getState().setLang('nl');
});

afterEach(async () => {
  cleanup();
  await server?.close();
});

const codeFor = (locationId: string, role: 'desk' | 'coordinator' = 'desk') =>
  server.issueCode(locationId, role);
const startTestServer = (options: { minPayloadVersion?: number } = {}) =>
  startChildTestServer({ fixedNow: '2026-11-27T09:42:00.000Z', ...options });

/** Registered at this laptop's desk (renderApp's device, at CJM); not a member unless said. */
function registerHere(db: BuurtpasDb, name: string, code: string, becomesMember = false) {
  const writer: Writer = {
    deviceId: 'dtest0001',
    locationId: 'cjm',
    role: 'desk',
    random: (n) => crypto.getRandomValues(new Uint8Array(n)),
  };
  return registerClient(db, writer, { ...aNewcomer(name), becomesMember }, code, clock.now());
}

async function openSettingsAndConnect(code: string) {
  const user = userEvent.setup();
  const app = await renderApp({ clock });
  await user.click(await screen.findByRole('button', { name: 'Instellingen' }));
  const address = await screen.findByLabelText('Adres van de server');
  // Pasted, not typed: userEvent types without delay, and a fast burst of digits is what the
  // desk's keyboard-wedge detector takes for a pass scan (it then opens the desk).
  await user.clear(address);
  await user.click(address);
  await user.paste(server.baseUrl);
  await user.click(screen.getByLabelText('Koppelcode'));
  await user.paste(code);
  await user.click(screen.getByLabelText('Naam van deze laptop (mag leeg)'));
  await user.paste('Balie test');
  await user.click(screen.getByRole('button', { name: 'Koppelen' }));
  return { user, ...app };
}

const topBar = () => within(screen.getByRole('banner'));

describe('settings: connect this laptop and sync', () => {
  it('connects with a one-time code, syncs by itself after a write, and says so in the top bar', async () => {
    server = await startTestServer();
    const { db } = await openSettingsAndConnect(await codeFor('cjm'));
    expect(
      await screen.findByText('Gekoppeld. Deze laptop synchroniseert nu vanzelf.'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(
        /Deze laptop, “Balie test”, is gekoppeld met http:\/\/127\.0\.0\.1:\d+ \(Casa Jepie Makandra\)/,
      ),
    ).toBeInTheDocument();
    // 09:42 UTC is 10:42 in Amsterdam in November.
    expect(
      await topBar().findByText('Alles gesynchroniseerd om 10:42', {}, { timeout: 30_000 }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('safety-comparison')).toHaveTextContent(
      'De tellingen van deze laptop zijn gelijk aan die van de server (0 gebeurtenissen).',
    );

    // A write at the desk: the top bar counts it, then the debounced sync sends it on its own.
    const reg = await registerHere(db, 'Ama Boateng', '123456', true);
    expect(reg.ok).toBe(true);
    const waiting = await db.outbox.count();
    expect(waiting).toBeGreaterThan(1);
    expect(await topBar().findByText(`${waiting} wijzigingen wachten`)).toBeInTheDocument();
    expect(
      await topBar().findByText('Alles gesynchroniseerd om 10:42', {}, { timeout: 30_000 }),
    ).toBeInTheDocument();
    expect(await db.outbox.count()).toBe(0);
    expect(await server.eventCount()).toBe(waiting);
    await waitFor(() =>
      expect(screen.getByTestId('safety-pending')).toHaveTextContent(
        'Alle wijzigingen staan op de server.',
      ),
    );

    useI18nStore.getState().setLang('en');
    expect(await topBar().findByText('Everything synced at 10:42')).toBeInTheDocument();
    expect(topBar().getByRole('button', { name: 'Sync now' })).toBeInTheDocument();
  }, 60_000);

  it('words a wrong or used code so a volunteer knows what to do, and stores no connection', async () => {
    server = await startTestServer();
    const code = await codeFor('cjm');
    await server.enroll('dother001', 'cjm');
    const { db } = await openSettingsAndConnect('ABCD-EFGH-JKLM');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Deze code bestaat niet. Controleer de letters en cijfers, of vraag een nieuwe code.',
    );
    expect(await db.meta.get('sync.connection')).toBeUndefined();
    expect(
      topBar().getByText('Nog niet gekoppeld — alles staat veilig op deze laptop'),
    ).toBeInTheDocument();
    void code;
  }, 60_000);

  it('shows "Offline — alles wordt bewaard" when the network goes away', async () => {
    server = await startTestServer();
    await openSettingsAndConnect(await codeFor('cjm'));
    expect(
      await topBar().findByText('Alles gesynchroniseerd om 10:42', {}, { timeout: 30_000 }),
    ).toBeInTheDocument();
    window.dispatchEvent(new Event('offline'));
    expect(await topBar().findByText('Offline — alles wordt bewaard')).toBeInTheDocument();
    window.dispatchEvent(new Event('online'));
    expect(
      await topBar().findByText('Alles gesynchroniseerd om 10:42', {}, { timeout: 30_000 }),
    ).toBeInTheDocument();
  }, 60_000);

  it('a revoked laptop is told so and can wipe its data after a clear confirmation', async () => {
    server = await startTestServer();
    const { user, db } = await openSettingsAndConnect(await codeFor('cjm'));
    expect(
      await topBar().findByText('Alles gesynchroniseerd om 10:42', {}, { timeout: 30_000 }),
    ).toBeInTheDocument();
    await registerHere(db, 'Kofi', '222222');
    await server.revoke('dtest0001');
    await user.click(topBar().getByRole('button', { name: 'Nu synchroniseren' }));
    expect(
      await topBar().findByText('Deze laptop is ingetrokken. Zie Instellingen.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Deze laptop is ingetrokken' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Gegevens op deze laptop wissen…' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Echt alles wissen?' });
    expect(
      within(dialog).getByText(/wijzigingen zijn nooit bij de server aangekomen en gaan verloren/),
    ).toBeInTheDocument();
    // Changing one's mind leaves everything in place.
    await user.click(within(dialog).getByRole('button', { name: 'Niet wissen' }));
    expect(await Dexie.exists(db.name)).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Gegevens op deze laptop wissen…' }));
    await user.click(screen.getByRole('button', { name: 'Ja, alles wissen' }));
    expect(
      await screen.findByText(
        'Alle gegevens op deze laptop zijn gewist. Sluit dit venster of vernieuw de pagina.',
      ),
    ).toBeInTheDocument();
    expect(await Dexie.exists(db.name)).toBe(false);
  }, 60_000);

  it('426 from the server: "update the app", and the desk keeps recording locally', async () => {
    server = await startTestServer({ minPayloadVersion: 2 });
    const { db } = await openSettingsAndConnect(await codeFor('cjm'));
    await registerHere(db, 'Esi', '333333');
    expect(
      await topBar().findByText(
        'Werk de app bij. Tot dan wordt alles op deze laptop bewaard.',
        {},
        { timeout: 30_000 },
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Werk de app bij' })).toBeInTheDocument();
    const before = await db.outbox.count();
    expect(before).toBeGreaterThan(0);
    await registerHere(db, 'Yaw', '444444');
    expect(await db.outbox.count()).toBeGreaterThan(before);
    expect(await server.eventCount()).toBe(0);
  }, 60_000);
});

describe('settings: coordinator laptop', () => {
  it('makes an enrollment code for a location, lists laptops and revokes one', async () => {
    server = await startTestServer();
    await server.enroll('dmultib01', 'multibron');
    const { user } = await openSettingsAndConnect(await codeFor('cjm', 'coordinator'));
    expect(await screen.findByText('Rol: coördinator')).toBeInTheDocument();
    const admin = within(screen.getByRole('region', { name: 'Laptops beheren (coördinator)' }));
    await user.selectOptions(admin.getByLabelText('Locatie'), 'multibron');
    await user.click(admin.getByRole('button', { name: 'Code maken' }));
    const shown = await admin.findByText(/^Koppelcode voor MultiBron: /);
    const code = shown.textContent!.replace(/^Koppelcode voor MultiBron: /, '');
    // The code works: a laptop can enroll with it.
    const res = await fetch(`${server.baseUrl}/api/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, deviceId: 'dnewlap01', name: 'Balie MultiBron 2' }),
    });
    expect(res.status).toBe(201);

    await user.click(admin.getByRole('button', { name: 'Lijst vernieuwen' }));
    // Laptops are listed by name (an unnamed one by the day it was connected), never by id.
    expect(await admin.findByText('Balie MultiBron 2')).toBeInTheDocument();
    expect(admin.queryByText(/dnewlap01|dmultib01/)).toBeNull();
    await user.click(
      admin.getByRole('button', { name: 'Laptop zonder naam, gekoppeld op 27-11-2026 intrekken' }),
    );
    await user.click(admin.getByRole('button', { name: 'Ja, intrekken' }));
    const row = admin
      .getAllByRole('row')
      .find((r) => within(r).queryByText('—') && !within(r).queryByText(/deze laptop/))!;
    await waitFor(() =>
      expect(within(row).getByText('Ingetrokken op 27-11-2026')).toBeInTheDocument(),
    );
    expect(
      (await server.devices()).find((d) => d.deviceId === 'dmultib01')?.revokedAt,
    ).toBeTruthy();
  }, 60_000);
});
