import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseDutchCsv } from '../../../domain/csv.ts';
import { freshDb, makeClock, renderApp } from '../../test/render-app.tsx';
import { voidWithReason } from '../../db/treasurer-actions.ts';
import { writeEvents } from '../../db/record-events.ts';
import { rememberLaptopNames } from '../../ui/record-words.ts';
import { useI18nStore } from '../../i18n/i18n-store.ts';
import { translate } from '../../i18n/use-t.ts';
import { buildOwesCsv } from './owes-csv.ts';
import {
  aWriter,
  resetUiStores,
  seedMembers,
  setPins,
  TREASURER_PIN,
} from './treasurer-test-kit.ts';

// PBKDF2 (210.000 rounds) and Dexie are slow on a shared machine: the waits are set for hangs in
// src/app/test/setup.ts; nothing is timed. Keys are typed 60 ms apart, as a person types: faster digit bursts are a pass scanner (keyboard wedge).

beforeEach(() => {
  resetUiStores();
  useI18nStore.setState({ lang: 'nl' });
});

const PEOPLE = [
  {
    n: 1,
    name: 'Ana Zuiderwijk',
    since: '2026-02-03',
    payments: [{ year: 2026, cents: 100 }],
    visit: '2026-11-20',
  },
  { n: 2, name: 'Ben Akkerman', since: '2025-05-10', visit: '2026-04-02' },
  { n: 3, name: 'Cas Mbeki', since: '2026-03-01', payments: [{ year: 2026, cents: 250 }] },
  { n: 4, name: 'Dewi Sarmo', since: '2026-06-01', locationId: 'multibron' },
];

async function openTreasurer(options: { clock?: ReturnType<typeof makeClock> } = {}) {
  const db = await freshDb('cjm');
  await setPins(db);
  const ids = await seedMembers(db, PEOPLE);
  const user = userEvent.setup({ delay: 60 });
  const app = await renderApp({ db, ...(options.clock ? { clock: options.clock } : {}) });
  await user.click(await screen.findByRole('button', { name: 'Penningmeester' }));
  await user.type(await screen.findByLabelText('Pincode van de penningmeester'), TREASURER_PIN);
  await user.click(screen.getByRole('button', { name: 'Openen' }));
  await screen.findByRole('heading', { name: 'Wie moet nog betalen' });
  return { ...app, db, ids, user };
}

function owesRows(): string[][] {
  const table = screen.getByRole('table');
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((r) =>
      [...r.querySelectorAll('th, td:not(.print-only-cell)')].map((c) =>
        (c.textContent ?? '').replace(/\u00a0/g, ' '),
      ),
    );
}

describe('who still owes', () => {
  it('lists the members with something open, with the amounts, and the paying count', async () => {
    await openTreasurer();
    await waitFor(() =>
      expect(owesRows().map((r) => r[0])).toEqual(['Ana Zuiderwijk', 'Ben Akkerman', 'Dewi Sarmo']),
    );
    const rows = owesRows();
    expect(rows[0]).toEqual([
      'Ana Zuiderwijk',
      'Casa Jepie Makandra',
      '03-02-2026',
      '20-11-2026',
      '€ 1,00',
      '€ 1,50',
      'Deels betaald',
    ]);
    expect(rows[1]?.[5]).toBe('€ 2,50');
    expect(rows[2]?.[3]).toBe('nooit');
    expect(screen.getByTestId('owes-totals')).toHaveTextContent(
      '4 leden in 2026 · 1 betaald · 1 deels betaald · 2 nog niets betaald · 0 kwijtgescholden',
    );
    expect(screen.getByText(/^Nog te ontvangen: €\s6,50$/)).toBeInTheDocument();
  });

  it('filters by status, location, last visit and registration date, and sorts by amount open', async () => {
    const { user } = await openTreasurer();
    await waitFor(() => expect(owesRows()).toHaveLength(3));
    await user.selectOptions(screen.getByLabelText('Toon'), 'Betaald');
    expect(owesRows().map((r) => r[0])).toEqual(['Cas Mbeki']);
    await user.selectOptions(screen.getByLabelText('Toon'), 'Alle leden');
    await user.selectOptions(screen.getByLabelText('Ingeschreven bij locatie'), 'MultiBron');
    expect(owesRows().map((r) => r[0])).toEqual(['Dewi Sarmo']);
    await user.selectOptions(screen.getByLabelText('Ingeschreven bij locatie'), 'Alle locaties');
    await user.selectOptions(screen.getByLabelText('Laatste bezoek'), 'Niet geweest sinds');
    await user.type(screen.getByLabelText('Datum laatste bezoek'), '2026-10-01');
    expect(owesRows().map((r) => r[0])).toEqual(['Ben Akkerman', 'Cas Mbeki', 'Dewi Sarmo']);
    await user.click(screen.getByRole('button', { name: 'Filters wissen' }));
    await user.type(screen.getByLabelText('Ingeschreven op of na'), '2026-03-01');
    expect(owesRows().map((r) => r[0])).toEqual(['Dewi Sarmo']);
    await user.click(screen.getByRole('button', { name: 'Filters wissen' }));
    await user.click(screen.getByRole('button', { name: 'Sorteer op Nog open' }));
    expect(owesRows().map((r) => r[5])).toEqual(['€ 2,50', '€ 2,50', '€ 1,50']);
  });

  it('exports the shown rows as a Dutch CSV that reads back', async () => {
    const { db } = await openTreasurer();
    await waitFor(() => expect(owesRows()).toHaveLength(3));
    // The download button builds the same text; jsdom cannot save files, so check the builder on the same rows.
    const { readOwesList } = await import('../../db/treasurer-queries.ts');
    const list = await readOwesList(db, 'bv-cjm', 2026);
    const csv = buildOwesCsv(
      list.rows.filter((r) => r.openCents > 0).sort((a, b) => a.name.localeCompare(b.name)),
      (k, v) => translate('nl', k, v),
    );
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const parsed = parseDutchCsv(csv);
    expect(parsed[0]).toEqual([
      'Naam',
      'Locatie(s)',
      'Lid sinds',
      'Ingeschreven',
      'Laatste bezoek',
      'Betaald',
      'Nog open',
      'Stand',
    ]);
    expect(parsed[1]).toEqual([
      'Ana Zuiderwijk',
      'Casa Jepie Makandra',
      '03-02-2026',
      '03-02-2026',
      '20-11-2026',
      '1,00',
      '1,50',
      'Deels betaald',
    ]);
    expect(parsed).toHaveLength(4);
  });
});

describe('per member: payments, voids, waivers', () => {
  it('records a partial payment as the treasurer, refuses bad amounts and years, and records nothing for them', async () => {
    const { user, db } = await openTreasurer();
    await user.click(await screen.findByRole('button', { name: 'Open Ben Akkerman' }));
    await screen.findByRole('heading', { name: 'Ben Akkerman' });
    const before = await db.payments.count();
    const amount = screen.getByLabelText('Bedrag in euro');
    const submit = screen.getByRole('button', { name: 'Betaling vastleggen' });
    const bad: [string, string][] = [
      ['0', 'Het bedrag is nul'],
      ['-2,50', 'kan niet negatief zijn'],
      ['2.500', 'te hoog voor een contributie'],
      ['twee', 'kan ik niet lezen'],
      ['3,00', 'meer dan er voor 2026 open staat (€ 2,50)'],
    ];
    for (const [typed, message] of bad) {
      await user.clear(amount);
      await user.type(amount, typed);
      await user.click(submit);
      await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(message));
    }
    await user.clear(amount);
    await user.type(amount, '1,00');
    await user.selectOptions(screen.getAllByLabelText('Voor welk jaar')[0]!, '2024');
    await user.click(submit);
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent('Deze persoon was in 2024 nog geen lid'),
    );
    expect(await db.payments.count()).toBe(before);

    await user.selectOptions(screen.getAllByLabelText('Voor welk jaar')[0]!, '2026');
    await user.click(screen.getByRole('radio', { name: 'Pin' }));
    await user.click(submit);
    expect(await screen.findByText('€ 1,00 vastgelegd voor 2026.')).toBeInTheDocument();
    // Arrears: last year's contribution, with a point instead of a comma.
    await user.clear(amount);
    await user.type(amount, '2.50');
    await user.selectOptions(screen.getAllByLabelText('Voor welk jaar')[0]!, '2025');
    await user.click(screen.getByRole('radio', { name: 'Contant' }));
    await user.click(submit);
    expect(await screen.findByText('€ 2,50 vastgelegd voor 2025.')).toBeInTheDocument();

    const events = (await db.events.where('type').equals('payment-recorded').toArray())
      .map((r) => r.event)
      .filter((e) => e.type === 'payment-recorded' && e.data.memberId.endsWith('2'))
      .sort((a, b) => (a.hlc < b.hlc ? -1 : 1));
    expect(
      events.map((e) => [
        e.role,
        e.type === 'payment-recorded' && e.data.year,
        e.type === 'payment-recorded' && e.data.amountCents,
        e.type === 'payment-recorded' && e.data.method,
      ]),
    ).toEqual([
      ['treasurer', 2026, 100, 'pin'],
      ['treasurer', 2025, 250, 'cash'],
    ]);
    const history = screen.getByRole('heading', {
      name: 'Geschiedenis: wie heeft wat vastgelegd',
    }).parentElement!;
    expect(history).toHaveTextContent('€ 1,00 per pin voor 2026');
    expect(history).toHaveTextContent('door penningmeester op deze laptop, Casa Jepie Makandra');
    expect(history).not.toHaveTextContent('dtest0001');
  });

  it('voids a payment with a reason; the history keeps it; a second void is refused', async () => {
    const { user, db, ids } = await openTreasurer();
    await user.click(await screen.findByRole('button', { name: 'Open Ana Zuiderwijk' }));
    await user.click(await screen.findByRole('button', { name: 'Ongedaan maken…' }));
    await user.click(screen.getByRole('button', { name: 'Ongedaan maken' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Vul een reden in'));
    expect(await db.voids.count()).toBe(0);
    await user.type(
      screen.getByLabelText('Reden voor het ongedaan maken'),
      'Verkeerde persoon aangeklikt',
    );
    await user.click(screen.getByRole('button', { name: 'Ongedaan maken' }));
    expect(
      await screen.findByText(
        /Ongedaan gemaakt op 27-11-2026 door penningmeester: Verkeerde persoon aangeklikt/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('€ 1,00 contant voor 2026')).toBeInTheDocument();
    const row2026 = screen.getByRole('rowheader', { name: '2026' }).closest('tr')!;
    expect(row2026).toHaveTextContent('Nog niets betaald');

    const payment = (await db.payments.where('memberId').equals(ids['Ana Zuiderwijk']!).first())!;
    const again = await voidWithReason(
      db,
      aWriter({ role: 'treasurer' }),
      payment.eventId,
      'nog een keer',
      Date.parse('2026-11-27T10:00:00Z'),
    );
    expect(again).toEqual({ ok: false, problem: 'already-voided' });
    expect(await db.events.where('type').equals('event-voided').count()).toBe(1);
    const voidEvent = (await db.events.where('type').equals('event-voided').first())!.event;
    expect(voidEvent.role).toBe('treasurer');
  });

  it('waives a contribution with a reason: not open, not paying', async () => {
    const { user } = await openTreasurer();
    await user.click(await screen.findByRole('button', { name: 'Open Ben Akkerman' }));
    await screen.findByRole('heading', { name: 'Ben Akkerman' });
    await user.click(screen.getByRole('button', { name: 'Contributie kwijtschelden' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Vul een reden in'));
    await user.type(screen.getByLabelText('Reden van kwijtschelding'), 'In schuldhulptraject');
    await user.click(screen.getByRole('button', { name: 'Contributie kwijtschelden' }));
    expect(await screen.findByText('Contributie voor 2026 kwijtgescholden.')).toBeInTheDocument();
    expect(
      await screen.findByText('Kwijtgescholden voor 2026: In schuldhulptraject'),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Terug naar de lijst' }));
    await waitFor(() =>
      expect(owesRows().map((r) => r[0])).toEqual(['Ana Zuiderwijk', 'Dewi Sarmo']),
    );
    expect(screen.getByTestId('owes-totals')).toHaveTextContent(
      '1 betaald · 1 deels betaald · 1 nog niets betaald · 1 kwijtgescholden',
    );
  });
});

describe('possible duplicates and the cash box', () => {
  it('lists the same payment taken at two desks on one day, and keeps or voids it', async () => {
    const clock = makeClock('2026-11-27T15:00:00.000Z');
    const { user, db, ids } = await openTreasurer({ clock });
    const ben = ids['Ben Akkerman']!;
    const pay = {
      type: 'payment-recorded' as const,
      data: {
        memberId: ben,
        associationId: 'bv-cjm',
        year: 2026,
        amountCents: 250,
        method: 'cash' as const,
      },
    };
    await writeEvents(
      db,
      aWriter({ deviceId: 'ddeskA' }),
      [pay],
      Date.parse('2026-11-27T10:00:00Z'),
    );
    await writeEvents(
      db,
      aWriter({ deviceId: 'ddeskB' }),
      [pay],
      Date.parse('2026-11-27T10:05:00Z'),
    );
    // Desk A was named in Instellingen; desk B never was: words either way, never an id.
    await rememberLaptopNames(db, [{ deviceId: 'ddeskA', name: 'Balie CJM' }]);
    await user.click(await screen.findByRole('button', { name: 'Mogelijk dubbel betaald (1)' }));
    const card = await screen.findByRole('article', {
      name: /^Ben Akkerman: €\s2,50 voor 2026, op 27-11-2026$/,
    });
    expect(within(card).getByText(/door balie op Balie CJM, Casa Jepie Makandra/)).toBeVisible();
    expect(
      within(card).getByText(/door balie op een andere laptop, Casa Jepie Makandra/),
    ).toBeVisible();
    expect(card).not.toHaveTextContent(/ddesk/);
    await user.click(within(card).getAllByRole('button', { name: 'Deze ongedaan maken' })[1]!);
    expect(
      await screen.findByText('Geen mogelijk dubbele betalingen voor dit jaar.'),
    ).toBeInTheDocument();
    expect((await db.events.where('type').equals('event-voided').first())!.event).toMatchObject({
      role: 'treasurer',
      data: { reason: 'Dubbel vastgelegd' },
    });
  });

  it('keeps both when they were two real payments', async () => {
    const { user, db, ids } = await openTreasurer();
    const cas = ids['Cas Mbeki']!;
    const pay = {
      type: 'payment-recorded' as const,
      data: {
        memberId: cas,
        associationId: 'bv-cjm',
        year: 2027,
        amountCents: 250,
        method: 'cash' as const,
      },
    };
    await writeEvents(
      db,
      aWriter({ deviceId: 'ddeskA' }),
      [pay],
      Date.parse('2026-11-27T10:00:00Z'),
    );
    await writeEvents(
      db,
      aWriter({ deviceId: 'ddeskB' }),
      [pay],
      Date.parse('2026-11-27T10:05:00Z'),
    );
    await user.selectOptions(await screen.findByLabelText('Contributiejaar'), '2027');
    await user.click(await screen.findByRole('button', { name: 'Mogelijk dubbel betaald (1)' }));
    await user.click(await screen.findByRole('button', { name: 'Allebei houden' }));
    expect(
      await screen.findByText('Geen mogelijk dubbele betalingen voor dit jaar.'),
    ).toBeInTheDocument();
    expect(await db.events.where('type').equals('duplicate-payments-kept').count()).toBe(1);
    expect(await db.voids.count()).toBe(0);
  });

  it('counts the cash box against the cash recorded at this desk today, a difference needs a reason', async () => {
    const { user, db, ids } = await openTreasurer();
    // Today at this desk: € 2,50 cash and € 1,00 cash, € 2,50 by pin (not in the box).
    const w = aWriter();
    const pay = (cents: number, method: 'cash' | 'pin') => ({
      type: 'payment-recorded' as const,
      data: {
        memberId: ids['Dewi Sarmo']!,
        associationId: 'bv-cjm',
        year: 2026,
        amountCents: cents,
        method,
      },
    });
    await writeEvents(db, w, [pay(100, 'cash')], Date.parse('2026-11-27T09:00:00Z'));
    await writeEvents(db, w, [pay(100, 'pin')], Date.parse('2026-11-27T09:10:00Z'));
    await writeEvents(
      db,
      w,
      [
        {
          type: 'payment-recorded',
          data: {
            memberId: ids['Ben Akkerman']!,
            associationId: 'bv-cjm',
            year: 2026,
            amountCents: 250,
            method: 'cash',
          },
        },
      ],
      Date.parse('2026-11-27T09:20:00Z'),
    );
    await user.click(screen.getByRole('button', { name: 'Kasopmaak' }));
    expect(
      await screen.findByText(/^Contant vastgelegd op deze balie: €\s3,50$/),
    ).toBeInTheDocument();
    await user.type(screen.getByLabelText('Geteld in de kas (euro)'), '5');
    expect(screen.getByText(/^€\s1,50 te veel in de kas$/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Kasopmaak opslaan' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Vul een reden in'));
    expect(await db.events.where('type').equals('cash-counted').count()).toBe(0);
    await user.type(screen.getByLabelText('Reden van het verschil'), 'Fooi in de kas gedaan');
    await user.click(screen.getByRole('button', { name: 'Kasopmaak opslaan' }));
    expect(
      await screen.findByText('Kasopmaak opgeslagen: geteld € 5,00, vastgelegd € 3,50.'),
    ).toBeInTheDocument();
    const counted = (await db.events.where('type').equals('cash-counted').first())!.event;
    expect(counted).toMatchObject({
      role: 'treasurer',
      locationId: 'cjm',
      data: {
        date: '2026-11-27',
        countedCents: 500,
        recordedCents: 350,
        reason: 'Fooi in de kas gedaan',
      },
    });
    expect(await db.outbox.where('eventId').equals(counted.eventId).count()).toBe(1);
    expect(
      await screen.findByText(
        /geteld €\s5,00, vastgelegd €\s3,50: €\s1,50 te veel in de kas — penningmeester/,
      ),
    ).toBeInTheDocument();
  });
});
