import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { checkInByPass } from '../../db/desk-actions.ts';
import { writeEvents } from '../../db/record-events.ts';
import { freshDb, makeClock, renderApp } from '../../test/render-app.tsx';
import { useI18nStore } from '../../i18n/i18n-store.ts';
import {
  aWriter,
  openRecord,
  resetUi,
  seedPeople,
  setCoordinatorPin,
  unlockCoordinator,
  type SeedPerson,
} from './members-test-kit.ts';

// The members screen is its own chunk: on a machine shared by many test runs its first load can
// take seconds. Waiting longer makes no passing test slower; nothing here asserts speed.
configure({ asyncUtilTimeout: 15_000 });

beforeEach(() => {
  resetUi();
  useI18nStore.setState({ lang: 'nl' });
});

const AMA: SeedPerson = {
  n: 1,
  name: 'Ama Boateng',
  since: '2026-02-03',
  pass: '1234567890',
  fields: { phone: '0612345678', postcode: '1103 AB', birthYear: 1961 },
  visits: ['2026-11-20'],
  member: true,
};

async function setup(people: readonly SeedPerson[] = [AMA], options: { pin?: boolean } = {}) {
  const db = await freshDb('cjm');
  if (options.pin !== false) await setCoordinatorPin(db);
  const ids = await seedPeople(db, people);
  const user = userEvent.setup();
  const clock = makeClock('2026-11-27T09:42:00.000Z');
  const app = await renderApp({ db, clock });
  return { ...app, db, ids, user, clock };
}

describe('finding and editing a record', () => {
  it('finds by pass number, shows purposes and registrations, and saves only the changed field', async () => {
    const { db, user, ids } = await setup();
    await openRecord(user, '1234567890', 'Ama Boateng openen');
    expect(
      await screen.findByRole('heading', { name: 'Gegevens van Ama Boateng' }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Telefoon')).toHaveAccessibleDescription(
      'Niet verplicht: om terug te bellen.',
    );
    expect(screen.getByLabelText('Postcode')).toHaveAccessibleDescription(
      'Niet verplicht: om te weten welke buurten we bereiken.',
    );
    expect(
      screen.getByText('Casa Jepie Makandra: ingeschreven sinds 03-02-2026'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Bewonersvereniging Casa Jepie Makandra: lid sinds 03-02-2026'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Toestemming voor het bewaren van deze gegevens gegeven op 03-02-2026.'),
    ).toBeInTheDocument();

    const phone = screen.getByLabelText('Telefoon');
    await user.clear(phone);
    await user.type(phone, '12');
    await user.click(screen.getByRole('button', { name: 'Wijzigingen opslaan' }));
    expect(
      await screen.findByText(
        'Dit is geen telefoonnummer. Alleen cijfers, eventueel met + vooraan.',
      ),
    ).toBeInTheDocument();
    expect(phone).toHaveAttribute('aria-invalid', 'true');

    await user.clear(phone);
    // Pasted, not typed: userEvent types without delay, and a burst of digits that fast is what
    // the keyboard-wedge detector on every screen takes for a pass scan.
    await user.click(phone);
    await user.paste('0687654321');
    await user.click(screen.getByRole('button', { name: 'Wijzigingen opslaan' }));
    expect(await screen.findByText('1 gegeven opgeslagen.')).toBeInTheDocument();
    const edits = (await db.events.where('memberId').equals(ids[1]!).toArray()).filter(
      (e) => e.type === 'member-profile-set',
    );
    expect(edits.at(-1)?.event.data).toEqual({ memberId: ids[1], fields: { phone: '0687654321' } });
    expect((await db.members.get(ids[1]!))?.fields.phone).toBe('0687654321');
    expect(await db.outbox.where('eventId').equals(edits.at(-1)!.eventId).count()).toBe(1);

    await user.click(screen.getByRole('button', { name: 'Wijzigingen opslaan' }));
    expect(await screen.findByText('Er was niets veranderd.')).toBeInTheDocument();
  });

  it('finds by part of the name, accent-insensitively', async () => {
    const { user } = await setup([{ ...AMA, name: 'Áma Boateng' }]);
    await openRecord(user, 'ama bo', 'Áma Boateng openen');
    expect(
      await screen.findByRole('heading', { name: 'Gegevens van Áma Boateng' }),
    ).toBeInTheDocument();
  });
});

describe('passes', () => {
  it('revokes a lost pass and issues a new one: the old pass is refused at the desk, the new one checks in', async () => {
    const { db, user, ids, clock } = await setup();
    await openRecord(user, 'Ama', 'Ama Boateng openen');
    await user.click(await screen.findByRole('button', { name: 'Pas kwijt of kapot: nieuwe pas' }));
    expect(
      screen.getByText(
        'De oude pas 1234567890 wordt ingetrokken: daarmee kan niemand meer inchecken.',
      ),
    ).toBeInTheDocument();
    await user.click(
      screen.getByRole('radio', { name: 'Voorgedrukte pas: nummer scannen of typen' }),
    );
    await user.type(screen.getByLabelText('Pasnummer van de nieuwe pas'), '1234567890');
    await user.click(screen.getByRole('button', { name: 'Nieuwe pas uitgeven' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Deze pas is al van iemand anders.');

    await user.click(screen.getByRole('radio', { name: 'Maak een nieuw nummer (daarna printen)' }));
    await user.click(screen.getByRole('button', { name: 'Nieuwe pas uitgeven' }));
    const status = await screen.findByText(/^Nieuwe pas \d{10} uitgegeven\.$/);
    const newCode = /(\d{10})/.exec(status.textContent ?? '')![1]!;
    expect(newCode).not.toBe('1234567890');
    await waitFor(() => expect(screen.getByText('Ingetrokken: Pas kwijt')).toBeInTheDocument());

    const revoked = await db.events.where('type').equals('pass-revoked').toArray();
    expect(revoked.map((r) => r.event.data)).toEqual([
      { memberId: ids[1], code: '1234567890', reason: 'Pas kwijt' },
    ]);
    const desk = aWriter();
    expect((await checkInByPass(db, desk, '1234567890', clock.now())).kind).toBe('pass-revoked');
    const ok = await checkInByPass(db, desk, newCode, clock.now());
    expect(ok.kind).toBe('checked-in');
    expect(ok.kind === 'checked-in' && ok.member.memberId).toBe(ids[1]);
  });

  it('prints a pass on an ID-1 sheet with Code 128 and QR drawn as SVG, loaded only then', async () => {
    const { user } = await setup();
    await openRecord(user, 'Ama', 'Ama Boateng openen');
    await user.click(await screen.findByRole('button', { name: 'Pas printen' }));
    const card = await screen.findByTestId('pass-card', {}, { timeout: 30_000 });
    expect(within(card).getByText('Casa Jepie Makandra')).toBeInTheDocument();
    expect(within(card).getByText('Ama Boateng')).toBeInTheDocument();
    expect(within(card).getByText('1234567890')).toBeInTheDocument();
    expect(
      within(card)
        .getByRole('img', { name: 'Streepjescode van pas 1234567890' })
        .querySelector('svg'),
    ).not.toBeNull();
    expect(
      within(card).getByRole('img', { name: 'QR-code van pas 1234567890' }).querySelector('svg'),
    ).not.toBeNull();
    expect(document.querySelector('style')?.textContent).toContain(
      '@page { size: 85.6mm 54mm; margin: 0 }',
    );
    await user.click(screen.getByRole('button', { name: 'Terug' }));
    expect(
      await screen.findByRole('heading', { name: 'Gegevens van Ama Boateng' }),
    ).toBeInTheDocument();
    expect(
      [...document.querySelectorAll('style')].some((s) => s.textContent?.includes('85.6mm')),
    ).toBe(false);
  });

  it('lists a pass number issued to two people offline; the others get a new pass and the conflict is gone', async () => {
    const { db, user, ids } = await setup([
      AMA,
      { n: 2, name: 'Ben Akkerman', since: '2026-03-01' },
    ]);
    await writeEvents(
      db,
      aWriter({ deviceId: 'dother0001', locationId: 'multibron' }),
      [{ type: 'pass-issued', data: { memberId: ids[2]!, code: '1234567890' } }],
      Date.parse('2026-03-02T10:00:00.000Z'),
    );
    await user.click(await screen.findByRole('button', { name: 'Leden' }));
    await user.click(screen.getByRole('button', { name: 'Dubbele pasnummers' }));
    await unlockCoordinator(user);
    const conflict = await screen.findByRole('article', { name: 'Pas 1234567890' });
    expect(
      within(conflict).getByText('Ama Boateng: houdt deze pas (een scan vindt deze persoon)'),
    ).toBeInTheDocument();
    expect(
      within(conflict).getByText('Ben Akkerman: heeft dezelfde pas gekregen'),
    ).toBeInTheDocument();
    await user.click(
      within(conflict).getByRole('button', { name: 'Anderen een nieuwe pas geven' }),
    );
    expect(await screen.findByText(/^Nieuwe passen: Ben Akkerman \d{10}\./)).toBeInTheDocument();
    expect(await screen.findByText('Geen dubbele pasnummers.')).toBeInTheDocument();
    const issued = (await db.events.where('memberId').equals(ids[2]!).toArray())
      .filter((e) => e.type === 'pass-issued')
      .map((e) => (e.event.data as { code: string }).code);
    expect(issued).toHaveLength(2);
    const fresh = issued.find((c) => c !== '1234567890')!;
    const scan = await checkInByPass(db, aWriter(), fresh, Date.parse('2026-11-27T09:42:00.000Z'));
    expect(scan.kind === 'checked-in' && scan.member.name).toBe('Ben Akkerman');
  });
});

describe('privacy', () => {
  it('makes an access export with the person’s facts, behind the coordinator PIN', async () => {
    const { db, user, ids } = await setup();
    const desk = aWriter();
    await writeEvents(
      db,
      desk,
      [
        {
          type: 'payment-recorded',
          data: {
            memberId: ids[1]!,
            associationId: 'bv-cjm',
            year: 2026,
            amountCents: 250,
            method: 'cash',
          },
        },
      ],
      Date.parse('2026-11-20T10:05:00.000Z'),
    );
    await writeEvents(
      db,
      desk,
      [
        {
          type: 'service-used',
          data: { memberId: ids[1]!, locationId: 'cjm', serviceId: 'cjm:formulierenbrigade' },
        },
      ],
      Date.parse('2026-11-20T10:10:00.000Z'),
    );
    await openRecord(user, 'Ama', 'Ama Boateng openen');
    expect(screen.queryByRole('button', { name: 'Inzageoverzicht maken' })).toBeNull();
    await unlockCoordinator(user);
    await user.click(await screen.findByRole('button', { name: 'Inzageoverzicht maken' }));
    const view = await screen.findByTestId('access-export');
    const text = view.textContent ?? '';
    expect(text).toContain('Inzageoverzicht van Ama Boateng');
    expect(text).toContain('Telefoon: 0612345678');
    expect(text).toContain('Geboortejaar: 1961');
    expect(text).toContain('03-02-2026: Casa Jepie Makandra, ingeschreven');
    expect(text).toContain('1234567890, uitgegeven');
    expect(text).toMatch(/20-11-2026: €\s2,50 voor 2026 \(contant\)/);
    expect(text).toContain(
      '03-02-2026 10:00: Naam: Ama Boateng; Toestemming gegeven op: 03-02-2026; Telefoon: 0612345678',
    );
    expect(text).toContain('20-11-2026 11:00: Casa Jepie Makandra');
    expect(text).toContain('20-11-2026 11:10: Formulierenbrigade, Casa Jepie Makandra');
    expect(screen.getByRole('button', { name: 'Download als JSON' })).toBeInTheDocument();
  });

  it('erases after typing the name: gone from the members table and from every stored event; counts stay', async () => {
    const { db, user, ids } = await setup();
    await openRecord(user, 'Ama', 'Ama Boateng openen');
    await unlockCoordinator(user);
    expect(
      await screen.findByText(
        /Anonieme tellingen \(bezoeken, betalingen, diensten\) blijven/,
        {},
        { timeout: 30_000 },
      ),
    ).toBeInTheDocument();
    await user.click(await screen.findByRole('button', { name: 'Wissen…' }));
    // Pasted, not typed: keys without any delay between them read as a scanner burst, whose keys
    // the wedge gives back to the field only after a quiet moment (possibly after the next step).
    await user.click(screen.getByLabelText('Typ ter bevestiging de naam: Ama Boateng'));
    await user.paste('Ama Mensah');
    await user.click(screen.getByRole('button', { name: 'Definitief wissen' }));
    expect(
      await screen.findByText('De naam klopt niet. Typ hem precies zoals hierboven.'),
    ).toBeInTheDocument();
    expect((await db.members.get(ids[1]!))?.erased).toBe(false);

    await user.clear(screen.getByLabelText('Typ ter bevestiging de naam: Ama Boateng'));
    await user.click(screen.getByLabelText('Typ ter bevestiging de naam: Ama Boateng'));
    await user.paste('ama boateng');
    await user.click(screen.getByRole('button', { name: 'Definitief wissen' }));
    expect(
      await screen.findByText('Deze persoon is gewist. Alleen anonieme tellingen zijn bewaard.'),
    ).toBeInTheDocument();

    const row = await db.members.get(ids[1]!);
    expect(row).toMatchObject({ erased: true, name: '', nameWords: [], fields: {} });
    const stored = JSON.stringify(await db.events.toArray());
    for (const personal of ['Ama', 'Boateng', '0612345678', '1103 AB', '1961'])
      expect(stored).not.toContain(personal);
    expect(await db.events.where('type').equals('visit-recorded').count()).toBe(1);
    expect(await db.events.where('type').equals('member-erased').count()).toBe(1);
    expect(
      (await checkInByPass(db, aWriter(), '1234567890', Date.parse('2026-11-27T09:42:00.000Z')))
        .kind,
    ).toBe('pass-unknown');
  });
});

describe('duplicates', () => {
  it('merges one record into the other: the survivor keeps its fields and the merged pass checks in the survivor', async () => {
    const { db, user, ids } = await setup([
      {
        n: 1,
        name: 'Jan Pinas',
        since: '2025-04-01',
        pass: '1111111111',
        fields: { birthYear: 1950, postcode: '1103 AB' },
      },
      {
        n: 2,
        name: 'pinas, jan',
        since: '2026-06-01',
        pass: '2222222222',
        fields: { postcode: '1103AB' },
        locationId: 'multibron',
      },
      { n: 3, name: 'Ama Boateng', since: '2026-01-01' },
    ]);
    await user.click(await screen.findByRole('button', { name: 'Leden' }));
    await user.click(screen.getByRole('button', { name: 'Mogelijk dubbele personen' }));
    await unlockCoordinator(user);
    const pair = await screen.findByRole('article', { name: 'Jan Pinas · pinas, jan' });
    expect(
      within(pair).getByText('Waarschijnlijk dezelfde persoon').parentElement,
    ).toHaveTextContent('Waarschijnlijk dezelfde persoon · Gelijk: naam, postcode');
    await user.click(within(pair).getByRole('button', { name: 'Samenvoegen, record 1 blijft' }));
    expect(
      within(pair).getByText(
        'Record 2 wordt samengevoegd in record 1. De gegevens van record 1 blijven; passen van beide blijven werken. Dit kan niet ongedaan worden.',
      ),
    ).toBeInTheDocument();
    await user.click(within(pair).getByRole('button', { name: 'Ja, samenvoegen' }));
    expect(await screen.findByText('Samengevoegd.')).toBeInTheDocument();
    expect(
      await screen.findByText('Geen mogelijke dubbele personen gevonden.'),
    ).toBeInTheDocument();

    expect((await db.members.get(ids[2]!))?.mergedInto).toBe(ids[1]);
    const scan = await checkInByPass(
      db,
      aWriter(),
      '2222222222',
      Date.parse('2026-11-27T09:42:00.000Z'),
    );
    expect(scan.kind).toBe('checked-in');
    expect(scan.kind === 'checked-in' && scan.member).toMatchObject({
      memberId: ids[1],
      name: 'Jan Pinas',
      fields: { birthYear: 1950 },
    });

    // The survivor's record shows both registrations and both passes.
    await user.click(screen.getByRole('button', { name: 'Zoeken' }));
    await user.type(screen.getByLabelText('Naam of pasnummer'), '2222222222');
    await user.click(await screen.findByRole('button', { name: 'Jan Pinas openen' }));
    expect(
      await screen.findByText('Hierin is 1 ander record samengevoegd.', { exact: false }),
    ).toBeInTheDocument();
    expect(screen.getByText('MultiBron: ingeschreven sinds 01-06-2026')).toBeInTheDocument();
    expect(screen.getByText('2222222222')).toBeInTheDocument();
  });
});

describe('retention', () => {
  const PEOPLE: SeedPerson[] = [
    { n: 1, name: 'Ama Boateng', since: '2022-02-03', visits: ['2024-11-26'], member: true },
    { n: 2, name: 'Ben Akkerman', since: '2023-01-10', visits: ['2024-11-27'] },
    { n: 3, name: 'Cas Mbeki', since: '2021-05-01' },
    { n: 4, name: 'Dewi Sarmo', since: '2026-06-01' },
  ];

  it('lists people not seen for two years with their last visit; the years can be changed', async () => {
    const { user } = await setup(PEOPLE);
    await user.click(await screen.findByRole('button', { name: 'Leden' }));
    await user.click(screen.getByRole('button', { name: 'Lang niet gezien' }));
    await unlockCoordinator(user);
    expect(await screen.findByText('2 personen niet gezien sinds 27-11-2024.')).toBeInTheDocument();
    const rows = () =>
      within(screen.getByRole('table'))
        .getAllByRole('row')
        .slice(1)
        .map((r) => [...r.querySelectorAll('td')].slice(1).map((c) => c.textContent));
    expect(rows()).toEqual([
      ['Cas Mbeki', '01-05-2021', 'Casa Jepie Makandra'],
      ['Ama Boateng', '26-11-2024', 'Casa Jepie Makandra'],
    ]);
    const years = screen.getByLabelText('Niet gezien in (jaren)');
    await user.clear(years);
    await user.type(years, '4');
    expect(await screen.findByText('1 persoon niet gezien sinds 27-11-2022.')).toBeInTheDocument();
  });

  it('deregisters and erases in bulk, one person per transaction, with progress', async () => {
    const { db, user, ids } = await setup(PEOPLE);
    await user.click(await screen.findByRole('button', { name: 'Leden' }));
    await user.click(screen.getByRole('button', { name: 'Lang niet gezien' }));
    await unlockCoordinator(user);
    await user.click(await screen.findByRole('checkbox', { name: 'Ama Boateng selecteren' }));
    expect(screen.getByText('1 geselecteerd')).toBeInTheDocument();
    await user.click(
      screen.getByRole('button', { name: 'Uitschrijven en lidmaatschap beëindigen' }),
    );
    expect(await screen.findByText('1 personen uitgeschreven.')).toBeInTheDocument();
    const dereg = await db.events
      .where('type')
      .anyOf('client-deregistered', 'membership-ended')
      .toArray();
    expect(dereg.map((e) => [e.type, (e.event.data as { reason: string }).reason])).toEqual([
      ['client-deregistered', 'Niet gezien in 2 jaar'],
      ['membership-ended', 'Niet gezien in 2 jaar'],
    ]);
    await waitFor(() =>
      expect(
        within(screen.getByRole('row', { name: /Ama Boateng/ })).getByText('nergens meer'),
      ).toBeInTheDocument(),
    );

    await user.click(screen.getByRole('checkbox', { name: 'Alles selecteren' }));
    await user.click(screen.getByRole('button', { name: 'Wissen…' }));
    expect(
      screen.getByText(
        '2 personen worden gewist. Dit kan niet ongedaan worden. Anonieme tellingen blijven.',
      ),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Ja, 2 personen wissen' }));
    expect(await screen.findByText('2 personen gewist.')).toBeInTheDocument();
    expect(screen.getByRole('progressbar')).toHaveAttribute('value', '2');
    expect(await screen.findByText('0 personen niet gezien sinds 27-11-2024.')).toBeInTheDocument();
    expect((await db.members.bulkGet([ids[1]!, ids[3]!])).map((m) => m?.erased)).toEqual([
      true,
      true,
    ]);
    expect((await db.members.get(ids[2]!))?.erased).toBe(false);
  });
});

describe('language', () => {
  it('shows the record in English', async () => {
    const { user } = await setup();
    useI18nStore.setState({ lang: 'en' });
    await user.click(await screen.findByRole('button', { name: 'Members' }));
    await user.type(await screen.findByLabelText('Name or pass number'), 'Ama');
    await user.click(await screen.findByRole('button', { name: 'Open Ama Boateng' }));
    expect(
      await screen.findByRole('heading', { name: 'Record of Ama Boateng' }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Year of birth')).toHaveAccessibleDescription(
      'Optional: for the year report by age.',
    );
  });
});
