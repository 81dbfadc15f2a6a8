import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb, makeClock, renderApp } from '../../../test/render-app.tsx';
import { useI18nStore } from '../../../i18n/i18n-store.ts';
import {
  resetUi,
  seedPeople,
  setCoordinatorPin,
  unlockCoordinator,
  type SeedPerson,
} from '../members-test-kit.ts';

beforeEach(() => {
  resetUi();
  useI18nStore.setState({ lang: 'nl' });
});

const AMA: SeedPerson = {
  n: 1,
  name: 'Ama Boateng',
  since: '2026-02-03',
  pass: '1234567890',
  fields: { birthYear: 1961 },
  visits: [],
  member: true,
};

/** The old system's export: Windows-1252, semicolons, a blank line and a totals row. */
const OLD_SYSTEM_CSV = [
  'Lidnummer;Voornaam;Tussenvoegsel;Achternaam;Geb.datum;Postcode;Lid sinds;Betaald 2026',
  'CJM00417;Sérgio;;Gonçalves;12-05-1961;1104ab;01-03-2015;ja',
  '0041753;Jan;van der;Berg;31-02-1970;;;nee',
  'cjm00420;Kofi;;Mensah;;1102 XY;;"1,00"',
  '1234567890;Ama;;Boateng;03-04-1961;;;',
  ';;;;;;;',
  'Totaal;;;;;;;3',
  '',
].join('\r\n');

function cp1252File(text: string, name: string): File {
  const bytes = Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
  return new File([bytes], name, { type: 'text/csv' });
}

async function setup() {
  const db = await freshDb('cjm');
  await setCoordinatorPin(db);
  await seedPeople(db, [AMA]);
  const user = userEvent.setup();
  const clock = makeClock('2026-11-27T09:42:00.000Z');
  const app = await renderApp({ db, clock });
  await user.click(await screen.findByRole('button', { name: 'Leden' }));
  await user.click(
    await screen.findByRole('button', { name: 'Ledenlijst importeren' }, { timeout: 15_000 }),
  );
  await unlockCoordinator(user);
  return { ...app, db, user };
}

async function chooseFile(user: ReturnType<typeof userEvent.setup>, file: File) {
  await user.upload(
    await screen.findByLabelText('Bestand kiezen (CSV of Excel)', {}, { timeout: 10_000 }),
    file,
  );
  await screen.findByRole('heading', { name: 'Welke kolom is wat?' }, { timeout: 15_000 });
}

describe('importing a member list', () => {
  it('maps Dutch headers, previews row by row, imports, and a second import adds nobody', async () => {
    const { db, user } = await setup();
    const file = cp1252File(OLD_SYSTEM_CSV, 'leden-oud-systeem.csv');
    await chooseFile(user, file);

    expect(screen.getByText(/Tekenset windows-1252, scheidingsteken ;/)).toBeInTheDocument();
    expect(screen.getByText('2 lege regels of totaalregels overgeslagen.')).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: 'Kolom Lidnummer is' })).toHaveValue('pass'),
    );
    expect(screen.getByRole('combobox', { name: 'Kolom Geb.datum is' })).toHaveValue('birthDate');
    expect(screen.getByRole('combobox', { name: 'Kolom Achternaam is' })).toHaveValue('lastName');
    expect(screen.getByText('Sérgio · Jan · Kofi')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Voorbeeld bekijken' }));
    expect(
      await screen.findByText(
        '2 nieuw · 1 al hier · 0 mogelijk dubbel in het bestand · 1 met een fout',
      ),
    ).toBeInTheDocument();
    const rowOf = (n: number) =>
      screen
        .getAllByRole('row')
        .find((r) => within(r).queryAllByRole('cell')[0]?.textContent === String(n))!;
    expect(within(rowOf(2)).getByText('Nieuw')).toBeInTheDocument();
    expect(within(rowOf(2)).getByText('Sérgio Gonçalves')).toBeInTheDocument();
    expect(
      within(rowOf(3)).getByText('Fout: Geb.datum 31-02-1970 bestaat niet of ligt in de toekomst'),
    ).toBeInTheDocument();
    expect(within(rowOf(5)).getByText('Al hier (zelfde pas)')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Regels met een fout downloaden (CSV)' }),
    ).toBeInTheDocument();

    const before = await db.members.count();
    await user.click(screen.getByRole('button', { name: '2 personen importeren' }));
    expect(
      await screen.findByText('Klaar: 2 nieuw, 0 bijgewerkt.', {}, { timeout: 15_000 }),
    ).toBeInTheDocument();
    expect(await db.members.count()).toBe(before + 2);
    const sergio = await db.passes.get('CJM00417');
    const kofi = await db.passes.get('cjm00420');
    expect(sergio?.status).toBe('active');
    expect(kofi?.status).toBe('active');
    expect((await db.members.get(sergio!.memberId))?.name).toBe('Sérgio Gonçalves');
    expect((await db.members.get(sergio!.memberId))?.fields.postcode).toBe('1104 AB');
    const payments = await db.payments.toArray();
    expect(payments.map((p) => [p.memberId, p.amountCents, p.method]).sort()).toEqual(
      [
        [sergio!.memberId, 250, 'import'],
        [kofi!.memberId, 100, 'import'],
      ].sort(),
    );
    const sergioMembership = await db.memberships
      .where('memberId')
      .equals(sergio!.memberId)
      .first();
    expect(sergioMembership?.opened).toContain('2015-03-01');
    // Written like desk work: every fact is waiting in the outbox for sync.
    expect(await db.outbox.count()).toBe(await db.events.count());

    // The same file again: nobody new, nothing to write.
    await user.click(screen.getByRole('button', { name: 'Ander bestand kiezen' }));
    await chooseFile(user, file);
    await user.click(screen.getByRole('button', { name: 'Voorbeeld bekijken' }));
    expect(
      await screen.findByText(
        '0 nieuw · 3 al hier · 0 mogelijk dubbel in het bestand · 1 met een fout',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Er is niets te importeren: iedereen is al hier.')).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'Bijwerken met wat de lijst zegt' }));
    expect(screen.getByText('Er is niets te importeren: iedereen is al hier.')).toBeInTheDocument();
    await waitFor(async () => expect(await db.members.count()).toBe(before + 2));
  });
});
