import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { fixtureEvents } from '../../../domain/report/report-fixture.ts';
import { useNavStore } from '../../context/nav-store.ts';
import { storeAndApply } from '../../db/apply-events.ts';
import { writeRolePin } from '../../db/treasurer-role-pins.ts';
import { useI18nStore } from '../../i18n/i18n-store.ts';
import { freshDb, makeClock, renderApp, seededRandom } from '../../test/render-app.tsx';
import { hashRolePin } from '../../ui/role-pin-hash.ts';
import { useRoleSessionStore } from '../../ui/role-session-store.ts';

const PIN = '48213';

beforeEach(() => {
  act(() => {
    useNavStore.setState({ screen: 'desk' });
    useRoleSessionStore.setState(useRoleSessionStore.getInitialState(), true);
    useI18nStore.setState({ lang: 'nl' });
  });
});

/** The hand-worked fixture year (src/domain/report/report-fixture.ts) on a CJM laptop on 1 March 2027. */
async function openReports() {
  const db = await freshDb('cjm');
  await storeAndApply(
    db,
    fixtureEvents().map((event) => ({ event })),
  );
  const writer = {
    deviceId: 'dcoord',
    locationId: 'cjm',
    role: 'coordinator' as const,
    random: seededRandom(5),
  };
  await writeRolePin(
    db,
    writer,
    'coordinator',
    await hashRolePin(PIN, writer.random),
    Date.parse('2026-01-05T10:00:00.000Z'),
  );
  // Keys 60 ms apart, as a person types: a faster burst of digits is a pass scanner (keyboard
  // wedge), which the app answers on any screen by opening the desk.
  const user = userEvent.setup({ delay: 60 });
  const app = await renderApp({ db, clock: makeClock('2027-03-01T10:00:00.000Z') });
  // Generous waits: the PIN check (PBKDF2) and the first report are slow on a busy machine.
  const slow = { timeout: 15_000 };
  await user.click(await screen.findByRole('button', { name: 'Rapportage' }, slow));
  await user.type(await screen.findByLabelText('Pincode van de coördinator', {}, slow), PIN);
  await user.click(screen.getByRole('button', { name: 'Openen' }));
  await screen.findByRole('option', { name: '2026' }, slow);
  await user.selectOptions(screen.getByLabelText('Jaar'), '2026');
  await screen.findByRole('heading', { name: /Rapportage 2026/ }, slow);
  return { ...app, user };
}

function rowCells(table: HTMLElement, header: string | RegExp): string[] {
  const row = within(table).getByRole('rowheader', { name: header }).closest('tr')!;
  return within(row)
    .getAllByRole('cell')
    .map((c) => c.textContent ?? '');
}

function targetCell(indicator: RegExp, column: number): HTMLElement {
  const table = screen.getAllByRole('table')[0]!;
  const row = within(table).getByRole('rowheader', { name: indicator }).closest('tr')!;
  return within(row).getAllByRole('cell')[column]!;
}

describe('the year report screen', { timeout: 60_000 }, () => {
  it('shows the fixture year in the table, with targets and legend colours', async () => {
    await openReports();
    // The report is a live query: wait until the 2026 figures are in.
    await waitFor(
      () =>
        expect(
          rowCells(screen.getAllByRole('table')[1]!, 'Ingeschreven klanten op 31 december'),
        ).toEqual(['4', '2', '0', '4']),
      { timeout: 15_000 },
    );
    const [performance, figures] = screen.getAllByRole('table');
    // Registered at year end: CJM 4, MultiBron 2, De Handreiking 0, together 4 people.
    expect(rowCells(figures!, 'Ingeschreven klanten op 31 december')).toEqual(['4', '2', '0', '4']);
    expect(rowCells(figures!, 'Groei tegenover vorig jaar')).toEqual(['+1', '+2', '-1', '0']);
    expect(rowCells(figures!, 'Ingeschreven bij meer dan één locatie')).toEqual([
      '—',
      '—',
      '—',
      '2',
    ]);
    expect(rowCells(figures!, 'Betalende leden')).toEqual(['1', '0', '0', '1']);
    expect(rowCells(figures!, 'Bewoners individueel bereikt')).toEqual(['2', '2', '1', '3']);
    expect(rowCells(figures!, 'Niet gekomen (no-show)')).toEqual(['0', '0', '1', '1']);
    // Targets: CJM reached 2 of 10 = 20 % (orange), together 3 of 2 = 150 % (dark green), volunteers 1 of 40 (red).
    const reached = rowCells(performance!, /^Bewoners individueel bereikt/);
    expect(reached[0]).toBe('2streef 10 · 20 % · oranje');
    expect(reached[3]).toBe('3streef 2 · 150 % · donkergroen');
    const reachedRow = within(performance!)
      .getByRole('rowheader', { name: /^Bewoners individueel bereikt/ })
      .closest('tr')!;
    const cells = within(reachedRow).getAllByRole('cell');
    expect(cells[0]).toHaveClass('band-orange');
    expect(cells[1]).toHaveClass('band-none');
    expect(cells[3]).toHaveClass('band-dark-green');
    expect(rowCells(performance!, 'Actieve vrijwilligers')[0]).toBe('1streef 40 · 2,5 % · rood');
    // The legend and the definitions are on the report.
    expect(screen.getByRole('heading', { name: 'Legenda' })).toBeInTheDocument();
    expect(screen.getByText(/Precies 120 % is nog groen/)).toBeInTheDocument();
    expect(screen.getByText(/Bezoekdagen per week: het aantal bezoekdagen/)).toBeInTheDocument();
    // The services table keeps the 2026 name of a service renamed in 2027.
    expect(screen.getByRole('table', { name: 'Casa Jepie Makandra' })).toHaveTextContent(
      'Formulierenbrigade Zuidoost',
    );
    // Charts are images with a name.
    expect(
      screen.getByRole('img', { name: /Ingeschreven klanten per locatie over de jaren/ }),
    ).toBeInTheDocument();
  });

  it('enters targets and colours them at the legend boundaries', { timeout: 90_000 }, async () => {
    const { user } = await openReports();
    const enter = async (indicator: string, location: string, value: string) => {
      await user.click(screen.getByRole('button', { name: 'Streefcijfers' }));
      await user.selectOptions(screen.getByLabelText('Indicator'), indicator);
      await user.selectOptions(screen.getByLabelText('Locatie'), location);
      await user.selectOptions(screen.getByLabelText('Jaar'), '2026');
      await user.type(screen.getByLabelText('Streefcijfer'), value);
      await user.click(screen.getByRole('button', { name: 'Streefcijfer opslaan' }));
      await screen.findByText(
        `Streefcijfer opgeslagen: ${indicator}, ${location}, 2026: ${value}.`,
      );
    };
    // Registered clients: CJM 4 of 5 = 80 % (green starts at 80), MultiBron 2 of 10 = 20 % (orange starts at 20),
    // together 4 of 10 = 40 % (blue starts at 40); De Handreiking 0 of 1 = 0 % (red).
    await enter('Ingeschreven klanten', 'Casa Jepie Makandra', '5');
    await enter('Ingeschreven klanten', 'MultiBron', '10');
    await enter('Ingeschreven klanten', 'Alle locaties samen', '10');
    await enter('Ingeschreven klanten', 'De Handreiking', '1');
    expect(screen.getByText(/Ingeschreven klanten — Casa Jepie Makandra: 5/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Jaarverslag' }));
    // The report is a live query: wait for the last target saved to show.
    await waitFor(() => expect(targetCell(/^Ingeschreven klanten$/, 2)).toHaveClass('band-red'));
    expect(targetCell(/^Ingeschreven klanten$/, 0)).toHaveClass('band-green');
    expect(targetCell(/^Ingeschreven klanten$/, 0)).toHaveTextContent('4streef 5 · 80 % · groen');
    expect(targetCell(/^Ingeschreven klanten$/, 1)).toHaveClass('band-orange');
    expect(targetCell(/^Ingeschreven klanten$/, 3)).toHaveClass('band-blue');
    expect(targetCell(/^Ingeschreven klanten$/, 3)).toHaveTextContent('40 % · blauw');
    // A new target replaces the old one: CJM 4 of 4 = 100 %.
    await enter('Ingeschreven klanten', 'Casa Jepie Makandra', '4');
    await user.click(screen.getByRole('button', { name: 'Jaarverslag' }));
    await waitFor(() =>
      expect(targetCell(/^Ingeschreven klanten$/, 0)).toHaveTextContent(
        '4streef 4 · 100 % · groen',
      ),
    );
  });

  it('refuses a target that is not a whole number', async () => {
    const { user } = await openReports();
    await user.click(screen.getByRole('button', { name: 'Streefcijfers' }));
    await user.type(screen.getByLabelText('Streefcijfer'), '2,5');
    await user.click(screen.getByRole('button', { name: 'Streefcijfer opslaan' }));
    expect(await screen.findByText('Vul een heel getal van 0 of meer in.')).toBeInTheDocument();
  });

  it('deregisters the clients not seen since a date, with a reason', async () => {
    const { user, db } = await openReports();
    await user.click(screen.getByRole('button', { name: 'Uitschrijven' }));
    const since = screen.getByLabelText('Niet meer geweest sinds');
    await user.clear(since);
    await user.type(since, '2027-01-02');
    await user.type(screen.getByLabelText('Reden'), 'Opschonen eind 2026');
    await user.click(screen.getByRole('button', { name: 'Zoeken' }));
    // CJM on 01-03-2027: H (last 22-12), A (last 01-01-2027) and B (last 31-12) not seen since 02-01-2027; E was erased.
    expect(
      await screen.findByText(
        '3 klanten van Casa Jepie Makandra zijn sinds 02-01-2027 niet meer geweest.',
      ),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Schrijf 3 klanten uit' }));
    expect(await screen.findByText('3 klanten zijn uitgeschreven.')).toBeInTheDocument();
    const facts = await db.events.where('type').equals('client-deregistered').toArray();
    const ours = facts.filter(
      (f) =>
        f.event.type === 'client-deregistered' && f.event.data.reason === 'Opschonen eind 2026',
    );
    expect(ours).toHaveLength(3);
    expect(ours.every((f) => f.event.role === 'coordinator')).toBe(true);
    // The 2026 year end is unchanged (they were still registered then); 2027 counts none at CJM.
    await user.click(screen.getByRole('button', { name: 'Jaarverslag' }));
    const figures = screen.getAllByRole('table')[1]!;
    expect(rowCells(figures, 'Ingeschreven klanten op 31 december')[0]).toBe('4');
    await user.selectOptions(screen.getByLabelText('Jaar'), '2027');
    await waitFor(() =>
      expect(
        rowCells(screen.getAllByRole('table')[1]!, 'Ingeschreven klanten op 31 december')[0],
      ).toBe('0'),
    );
  });
});
