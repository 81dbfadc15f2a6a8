import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { localDateOf } from '../../../domain/amsterdam-time.ts';
import { writeEvents } from '../../db/record-events.ts';
import { savePassShapes } from '../../db/pass-shapes-setting.ts';
import { useI18nStore } from '../../i18n/i18n-store.ts';
import { makeClock, renderApp, freshDb } from '../../test/render-app.tsx';
import { clickUser, humanUser, seedMember, seedWriter, wedgeScan } from './scan-test-kit.ts';
import { loadCameraScanner } from './camera/load-camera-scanner.ts';
import type { BuurtpasDb } from '../../db/database.ts';

// 09:42 UTC on 27 November is 10:42 in Amsterdam.
const NOW = '2026-11-27T09:42:00.000Z';
const TODAY = localDateOf(NOW);

// The real camera scanner (tested by its owner) would start zxing-wasm in jsdom; a stand-in that
// "reads" a code on a click shows the desk routes camera reads through the same handler.
vi.mock('./camera/camera-scanner.tsx', () => ({
  default: ({ onCode, onClose }: { onCode: (code: string) => void; onClose: () => void }) => (
    <div>
      <button type="button" onClick={() => onCode('12345678')}>
        fake camera reads 12345678
      </button>
      <button type="button" onClick={() => onCode('12AB')}>
        fake camera reads 12AB
      </button>
      <button type="button" onClick={onClose}>
        Camera sluiten
      </button>
    </div>
  ),
}));

beforeEach(() => {
  useI18nStore.getState().setLang('nl');
});

afterEach(() => {
  vi.restoreAllMocks();
});

async function setup(
  seed?: (db: BuurtpasDb, clock: ReturnType<typeof makeClock>) => Promise<void>,
) {
  const clock = makeClock(NOW);
  const db = await freshDb('cjm');
  if (seed) await seed(db, clock);
  const app = await renderApp({ db, clock });
  await screen.findByLabelText('Of typ het pasnummer');
  // The field can be found before React has run the screen's effects (the scanner's key listener
  // among them); a scan sent in that moment would meet no listener. Let the effects run first.
  await act(async () => {});
  return app;
}

const MISREAD = 'Verkeerd gelezen: zo ziet een pas hier niet uit. Scan opnieuw.';

const resultCard = () => screen.getByRole('status', { name: 'Scanresultaat' });

/** The one line under the scan field: what was recorded, or why a scan changed nothing. */
async function findLine(text: string | RegExp) {
  return screen.findByText((_, el) => {
    if (!el?.classList.contains('desk-line-text')) return false;
    const content = el.textContent ?? '';
    return typeof text === 'string' ? content.includes(text) : text.test(content);
  });
}

const SUBMIT = 'Toestemming gegeven: registreren en inchecken';

async function openMore(form: HTMLElement) {
  await clickUser().click(within(form).getByText('Meer gegevens (niet verplicht)'));
}

async function visitsOf(db: BuurtpasDb, memberId: string) {
  return db.visitDays.where('memberId').equals(memberId).toArray();
}

async function countEvents(db: BuurtpasDb) {
  return db.events.count();
}

describe('desk screen: scanning', () => {
  it('a known pass says welcome by name and records a visit', async () => {
    let id = '';
    const { db } = await setup(async (db, clock) => {
      id = await seedMember(db, clock, { name: 'Ama Boateng', pass: '12345678' });
    });
    wedgeScan('12345678');
    expect(await within(resultCard()).findByText('Welkom, Ama Boateng!')).toBeInTheDocument();
    expect(within(resultCard()).getByText('Bezoek genoteerd om 10:42.')).toBeInTheDocument();
    const card = await screen.findByRole('region', { name: 'Ama Boateng' });
    // The contribution is said once, on the card, read live.
    expect(await within(card).findByText(/Contributie 2026: nog niet betaald/)).toBeInTheDocument();
    expect(screen.getAllByText(/Contributie 2026/)).toHaveLength(1);
    expect((await visitsOf(db, id)).map((v) => v.day)).toContain(TODAY);
    expect(await screen.findByRole('heading', { name: 'Ama Boateng' })).toBeInTheDocument();
  });

  it('a second scan the same day says "Al binnen sinds 10:42" and keeps one visit-day', async () => {
    let id = '';
    const { db, clock } = await setup(async (db, clock) => {
      id = await seedMember(db, clock, { name: 'Kofi Mensah', pass: '22334455' });
    });
    wedgeScan('22334455');
    await within(resultCard()).findByText('Welkom, Kofi Mensah!');
    clock.advance(45 * 60_000);
    wedgeScan('22334455');
    expect(await within(resultCard()).findByText('Al binnen sinds 10:42')).toBeInTheDocument();
    const today = (await visitsOf(db, id)).filter((v) => v.day === TODAY);
    expect(today).toHaveLength(1);
    expect(
      await db.events
        .where('type')
        .equals('visit-recorded')
        .filter((e) => e.memberId === id && e.day === TODAY)
        .count(),
    ).toBe(1);
  });

  it.each([
    ['garbled characters', '12é#5678', MISREAD],
    ['control characters', '1234\u00035678', MISREAD],
    ['too short', '1234', 'Te kort: de pas is maar half gelezen.'],
    ['too many characters', '1'.repeat(40), 'Te lang voor een pasnummer.'],
  ])('a typed number with %s gives a message and records nothing', async (_, raw, message) => {
    const { db } = await setup(async (db, clock) => {
      await seedMember(db, clock, { name: 'Ama Boateng', pass: '12345678' });
    });
    const before = await countEvents(db);
    const field = screen.getByLabelText('Of typ het pasnummer');
    fireEvent.change(field, { target: { value: raw } });
    await clickUser().click(screen.getByRole('button', { name: 'Inchecken' }));
    expect(
      await findLine(
        `Niet gelezen: ${message} Er is niets genoteerd. U kunt meteen opnieuw scannen.`,
      ),
    ).toBeInTheDocument();
    expect(await countEvents(db)).toBe(before);
    // The next scan works at once.
    wedgeScan('12345678');
    expect(await within(resultCard()).findByText('Welkom, Ama Boateng!')).toBeInTheDocument();
  });

  it('a half scan from the USB scanner and a scanned letter code are refused, nothing recorded', async () => {
    const { db } = await setup();
    const before = await countEvents(db);
    wedgeScan('1234');
    expect(await findLine(/Te kort: de pas is maar half gelezen\./)).toBeInTheDocument();
    // Letters only: a word typed fast, never a pass number (the room's shapes need a digit).
    wedgeScan('ABCDEFGH');
    expect(await countEvents(db)).toBe(before);
    expect(await findLine(/Te kort: de pas is maar half gelezen\./)).toBeInTheDocument();
  });

  it('a pass printed before Buurtpas scans with its letters and leading zeros; a cut scan is a misread', async () => {
    const { db } = await setup(async (db, clock) => {
      await seedMember(db, clock, { name: 'Ama Boateng', pass: 'CJM00417' });
      await savePassShapes(db, 'cjm', [{ kind: 'pattern', pattern: '@@@#####' }]);
    });
    wedgeScan('CJM00417');
    expect(await within(resultCard()).findByText('Welkom, Ama Boateng!')).toBeInTheDocument();
    const before = await countEvents(db);
    wedgeScan('CJM004');
    expect(await findLine(MISREAD)).toBeInTheDocument();
    expect(await countEvents(db)).toBe(before);
  });

  it('a revoked pass is refused and records nothing', async () => {
    const { db } = await setup(async (db, clock) => {
      const id = await seedMember(db, clock, { name: 'Ama Boateng', pass: '55667788' });
      await writeEvents(
        db,
        seedWriter(),
        [{ type: 'pass-revoked', data: { memberId: id, code: '55667788', reason: 'lost' } }],
        clock.now() - 1000,
      );
    });
    const before = await countEvents(db);
    wedgeScan('55667788');
    expect(await within(resultCard()).findByText('Pas ingetrokken')).toBeInTheDocument();
    expect(await countEvents(db)).toBe(before);
  });

  it('the camera button loads the camera scanner on demand; its reads go the way of a USB scan', async () => {
    let id = '';
    const { db } = await setup(async (db, clock) => {
      id = await seedMember(db, clock, { name: 'Ama Boateng', pass: '12345678' });
    });
    expect(screen.queryByRole('button', { name: 'Camera sluiten' })).not.toBeInTheDocument();
    await clickUser().click(screen.getByRole('button', { name: 'Pas scannen met de camera' }));
    await clickUser().click(
      await screen.findByRole('button', { name: 'fake camera reads 12345678' }),
    );
    expect(await within(resultCard()).findByText('Welkom, Ama Boateng!')).toBeInTheDocument();
    expect((await visitsOf(db, id)).some((v) => v.day === TODAY)).toBe(true);
    await clickUser().click(screen.getByRole('button', { name: 'fake camera reads 12AB' }));
    expect(await findLine(/Te kort: de pas is maar half gelezen\./)).toBeInTheDocument();
    await clickUser().click(screen.getByRole('button', { name: 'Camera sluiten' }));
    expect(screen.queryByRole('button', { name: 'Camera sluiten' })).not.toBeInTheDocument();
  });

  it('once the idle warm-up has loaded the scanner, a press shows it at once, without "loading"', async () => {
    // React keeps a Suspense fallback it has shown for 300 ms: a press that suspended, even on a
    // module already loaded, made every first camera open in a page that much slower.
    await setup();
    await loadCameraScanner();
    await clickUser().click(screen.getByRole('button', { name: 'Pas scannen met de camera' }));
    expect(screen.queryByText('De camera wordt geladen…')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'fake camera reads 12345678' })).toBeInTheDocument();
  });
});

describe('desk screen: newcomers', () => {
  it('an unknown pass opens the form with the code in it and replaces the previous card; name + one tap registers', async () => {
    const { db } = await setup(async (db, clock) => {
      await seedMember(db, clock, { name: 'Ama Boateng', pass: '12345678' });
    });
    wedgeScan('12345678');
    await screen.findByRole('region', { name: 'Ama Boateng' });
    wedgeScan('80808080');
    const form = await screen.findByRole('region', { name: 'Nieuwe klant registreren' });
    expect(within(resultCard()).getByText('Onbekende pas')).toBeInTheDocument();
    // One card: the previous client's pay and service buttons are gone.
    expect(screen.queryByRole('region', { name: 'Ama Boateng' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /ontvangen/ })).not.toBeInTheDocument();
    expect(within(form).getByLabelText(/Pasnummer/)).toHaveValue('80808080');
    await waitFor(() => expect(within(form).getByLabelText(/Naam/)).toHaveFocus());
    // The consent sentence is one line above the one button that records it.
    const submit = within(form).getByRole('button', { name: SUBMIT });
    expect(submit).toHaveAccessibleDescription(/mag de buurtwerkkamer uw naam en gegevens bewaren/);
    expect(within(form).queryByRole('checkbox', { name: /toestemming/ })).not.toBeInTheDocument();
    fireEvent.change(within(form).getByLabelText(/Naam/), { target: { value: 'Sérgio Santos' } });
    await openMore(form);
    fireEvent.change(within(form).getByLabelText(/Postcode/), { target: { value: '1104ab' } });
    await clickUser().click(within(form).getByRole('radio', { name: 'WPI-klantmanager' }));
    await clickUser().click(submit);
    expect(await within(resultCard()).findByText('Welkom, Sérgio Santos!')).toBeInTheDocument();
    const pass = await db.passes.get('80808080');
    expect(pass?.status).toBe('active');
    const member = await db.members.get(pass!.memberId);
    expect(member?.fields).toMatchObject({ name: 'Sérgio Santos', postcode: '1104 AB' });
    expect(await visitsOf(db, pass!.memberId)).toHaveLength(1);
    expect(
      screen.queryByRole('region', { name: 'Nieuwe klant registreren' }),
    ).not.toBeInTheDocument();
  });

  it('shows the rule next to each field, focuses the first error and keeps what was typed', async () => {
    const { db } = await setup();
    const before = await countEvents(db);
    await clickUser().click(screen.getByRole('button', { name: 'Nieuwe klant registreren' }));
    const form = await screen.findByRole('region', { name: 'Nieuwe klant registreren' });
    await openMore(form);
    await humanUser().type(within(form).getByLabelText(/Geboortejaar/), '75');
    await clickUser().click(within(form).getByRole('button', { name: SUBMIT }));
    const name = within(form).getByLabelText(/Naam/);
    expect(name).toHaveFocus();
    expect(name).toHaveAccessibleDescription('Vul de naam in.');
    expect(within(form).getByLabelText(/Geboortejaar/)).toHaveAccessibleDescription(
      'Typ een jaar van 4 cijfers, bijvoorbeeld 1975.',
    );
    expect(within(form).getByLabelText(/Geboortejaar/)).toHaveValue('75');
    expect(await countEvents(db)).toBe(before);
    // Escape closes the panel; opening it again brings back what was typed.
    await clickUser().keyboard('{Escape}');
    expect(
      screen.queryByRole('region', { name: 'Nieuwe klant registreren' }),
    ).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Nieuwe klant registreren' })).toHaveFocus();
    await clickUser().click(screen.getByRole('button', { name: 'Nieuwe klant registreren' }));
    expect(
      within(
        await screen.findByRole('region', { name: 'Nieuwe klant registreren' }),
      ).getByLabelText(/Geboortejaar/),
    ).toHaveValue('75');
  });

  it('a pass that is already taken is refused in the form', async () => {
    const { db } = await setup(async (db, clock) => {
      await seedMember(db, clock, { name: 'Ama Boateng', pass: '44556677' });
    });
    const before = await countEvents(db);
    await clickUser().click(screen.getByRole('button', { name: 'Nieuwe klant registreren' }));
    const form = await screen.findByRole('region', { name: 'Nieuwe klant registreren' });
    fireEvent.change(within(form).getByLabelText(/Pasnummer/), { target: { value: '44556677' } });
    fireEvent.change(within(form).getByLabelText(/Naam/), { target: { value: 'Yaw Asante' } });
    await clickUser().click(within(form).getByRole('button', { name: SUBMIT }));
    expect(await within(form).findByText(/Deze pas hoort al bij iemand/)).toBeInTheDocument();
    expect(within(form).getByLabelText(/Pasnummer/)).toHaveFocus();
    expect(within(form).getByLabelText(/Naam/)).toHaveValue('Yaw Asante');
    expect(await countEvents(db)).toBe(before);
  });

  it('registers without a pass, or with a newly made pass number', async () => {
    const { db } = await setup();
    await clickUser().click(screen.getByRole('button', { name: 'Nieuwe klant registreren' }));
    const form = await screen.findByRole('region', { name: 'Nieuwe klant registreren' });
    await clickUser().click(within(form).getByRole('button', { name: 'Nieuw pasnummer maken' }));
    const code = (within(form).getByLabelText(/Pasnummer/) as HTMLInputElement).value;
    expect(code).toMatch(/^[1-9]\d{9}$/);
    fireEvent.change(within(form).getByLabelText(/Naam/), { target: { value: 'Efua Owusu' } });
    await clickUser().click(within(form).getByRole('button', { name: SUBMIT }));
    await within(resultCard()).findByText('Welkom, Efua Owusu!');
    expect((await db.passes.get(code))?.status).toBe('active');
  });

  it('registers a newcomer with no pass at all', async () => {
    const { db } = await setup();
    await clickUser().click(screen.getByRole('button', { name: 'Nieuwe klant registreren' }));
    const form = await screen.findByRole('region', { name: 'Nieuwe klant registreren' });
    expect(within(form).getByLabelText(/Pasnummer/)).toHaveValue('');
    fireEvent.change(within(form).getByLabelText(/Naam/), { target: { value: 'Adjoa Mensah' } });
    await clickUser().click(within(form).getByRole('button', { name: SUBMIT }));
    await within(resultCard()).findByText('Welkom, Adjoa Mensah!');
    const [member] = await db.members.toArray();
    expect(member?.name).toBe('Adjoa Mensah');
    expect(await db.passes.count()).toBe(0);
    expect(await screen.findByText('Geen pas')).toBeInTheDocument();
  });

  it('a scan while registering fills in the new pass and leaves the typed name alone', async () => {
    let id = '';
    const { db } = await setup(async (db, clock) => {
      id = await seedMember(db, clock, { name: 'Kofi Mensah', pass: '10203040' });
    });
    await clickUser().click(screen.getByRole('button', { name: 'Nieuwe klant registreren' }));
    const form = await screen.findByRole('region', { name: 'Nieuwe klant registreren' });
    const name = within(form).getByLabelText(/Naam/);
    await humanUser().type(name, 'Abena');
    expect(name).toHaveFocus();
    wedgeScan('99887766');
    expect(await findLine('Pas 99887766 staat nu in het formulier')).toBeInTheDocument();
    expect(name).toHaveValue('Abena');
    expect(within(form).getByLabelText(/Pasnummer/)).toHaveValue('99887766');
    // Someone else arrives meanwhile: their card replaces the form; the typed details wait.
    wedgeScan('10203040');
    expect(await within(resultCard()).findByText('Welkom, Kofi Mensah!')).toBeInTheDocument();
    expect((await visitsOf(db, id)).some((v) => v.day === TODAY)).toBe(true);
    expect(
      screen.queryByRole('region', { name: 'Nieuwe klant registreren' }),
    ).not.toBeInTheDocument();
    await clickUser().click(screen.getByRole('button', { name: 'Nieuwe klant registreren' }));
    const again = await screen.findByRole('region', { name: 'Nieuwe klant registreren' });
    expect(within(again).getByLabelText(/Naam/)).toHaveValue('Abena');
    expect(within(again).getByLabelText(/Pasnummer/)).toHaveValue('99887766');
  });
});

describe('desk screen: contribution, services, walk-ins', () => {
  it('takes a partial payment, then the rest in one tap; the card changes at once', async () => {
    let id = '';
    const { db } = await setup(async (db, clock) => {
      id = await seedMember(db, clock, { name: 'Ama Boateng', pass: '12345678' });
    });
    wedgeScan('12345678');
    const card = await screen.findByRole('region', { name: 'Ama Boateng' });
    const amount = within(card).getByLabelText('Ander bedrag (bijvoorbeeld 1,00)');
    fireEvent.change(amount, { target: { value: '0' } });
    await clickUser().click(within(card).getByRole('button', { name: 'Bedrag ontvangen' }));
    expect(amount).toHaveAccessibleDescription('Het bedrag is nul. Typ het bedrag dat u kreeg.');
    fireEvent.change(amount, { target: { value: '1,00' } });
    await clickUser().click(within(card).getByRole('button', { name: 'Bedrag ontvangen' }));
    expect(
      await within(card).findByText(/Contributie 2026: €\s1,00 van €\s2,50 betaald/),
    ).toBeInTheDocument();
    await clickUser().click(within(card).getByRole('button', { name: /€\s1,50 ontvangen/ }));
    expect(await within(card).findByText('Contributie 2026: betaald')).toBeInTheDocument();
    const row = await db.contributions.where('memberId').equals(id).first();
    expect(row).toMatchObject({ year: 2026, paidCents: 250 });
    expect(within(card).queryByRole('button', { name: /ontvangen/ })).not.toBeInTheDocument();
  });

  it('pays in full in one tap and "Lid worden" for a client who is not a member', async () => {
    await setup(async (db, clock) => {
      await seedMember(db, clock, { name: 'Yaw Asante', pass: '13131313', member: false });
    });
    wedgeScan('13131313');
    const card = await screen.findByRole('region', { name: 'Yaw Asante' });
    expect(within(card).getByText('Geen lid van de bewonersvereniging')).toBeInTheDocument();
    await clickUser().click(
      within(card).getByRole('button', { name: 'Lid worden van de bewonersvereniging' }),
    );
    await clickUser().click(await within(card).findByRole('button', { name: /€\s2,50 ontvangen/ }));
    expect(await within(card).findByText('Contributie 2026: betaald')).toBeInTheDocument();
  });

  it('records a service in one tap and undoes it', async () => {
    const { db } = await setup(async (db, clock) => {
      await seedMember(db, clock, { name: 'Ama Boateng', pass: '12345678' });
    });
    wedgeScan('12345678');
    const card = await screen.findByRole('region', { name: 'Ama Boateng' });
    await clickUser().click(within(card).getByRole('button', { name: 'Formulierenbrigade' }));
    expect(
      await screen.findByText('Formulierenbrigade genoteerd voor Ama Boateng'),
    ).toBeInTheDocument();
    expect(
      await within(card).findByRole('button', { name: /Formulierenbrigade.*vandaag 1×/ }),
    ).toBeInTheDocument();
    const counter = async () =>
      (await db.dayCounters.toArray()).find((c) => c.deviceId === 'dtest0001')?.serviceUses;
    expect(await counter()).toBe(1);
    await clickUser().click(screen.getByRole('button', { name: 'Ongedaan maken' }));
    expect(await screen.findByText('Ongedaan gemaakt')).toBeInTheDocument();
    expect(
      await within(card).findByRole('button', { name: 'Formulierenbrigade' }),
    ).toBeInTheDocument();
    expect(await counter()).toBe(0);
    expect((await db.voids.toArray()).map((v) => v.reason)).toEqual(['desk-undo']);
  });

  it('a second tap on the same service within seconds does not double; −1 takes one off', async () => {
    const { db, clock } = await setup(async (db, clock) => {
      await seedMember(db, clock, { name: 'Ama Boateng', pass: '12345678' });
    });
    wedgeScan('12345678');
    const card = await screen.findByRole('region', { name: 'Ama Boateng' });
    const user = clickUser();
    await user.click(within(card).getByRole('button', { name: 'Computerles' }));
    await within(card).findByRole('button', { name: /Computerles.*vandaag 1×/ });
    clock.advance(1_000);
    await user.click(within(card).getByRole('button', { name: /Computerles.*vandaag 1×/ }));
    expect(await findLine('niet dubbel geteld')).toBeInTheDocument();
    const uses = () => db.events.where('type').equals('service-used').count();
    expect(await uses()).toBe(1);
    // A real second use later is counted.
    clock.advance(10_000);
    await user.click(within(card).getByRole('button', { name: /Computerles.*vandaag 1×/ }));
    await within(card).findByRole('button', { name: /Computerles.*vandaag 2×/ });
    await user.click(within(card).getByRole('button', { name: /^−1 Computerles/ }));
    await within(card).findByRole('button', { name: /Computerles.*vandaag 1×/ });
    expect(await db.voids.count()).toBe(1);
  });

  it('counts a walk-in per service behind one "Losse bezoeker" button and takes it off again', async () => {
    const { db } = await setup();
    const user = clickUser();
    expect(screen.queryByRole('button', { name: /^\+1 Computerles/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /^Losse bezoeker/ }));
    await user.click(await screen.findByRole('button', { name: '+1 Computerles 0' }));
    expect(await screen.findByRole('button', { name: '+1 Computerles 1' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '+1 Computerles 1' }));
    expect(await screen.findByRole('button', { name: '+1 Computerles 2' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /^−1 Computerles/ }));
    expect(await screen.findByRole('button', { name: '+1 Computerles 1' })).toBeInTheDocument();
    const counters = await db.dayCounters.toArray();
    expect(counters.find((c) => c.deviceId === 'dtest0001')?.walkIns).toBe(1);
  });
});

describe('desk screen: forgotten pass, keyboard wedge, language, failures', () => {
  it('finds "Sérgio" by typing "sergio" and checks in from the result', async () => {
    let id = '';
    const { db } = await setup(async (db, clock) => {
      id = await seedMember(db, clock, { name: 'Sérgio Santos', pass: null, birthYear: 1970 });
      await seedMember(db, clock, { name: 'Serwaa Mensah', pass: null });
      await seedMember(db, clock, { name: 'Ama Boateng', pass: null });
    });
    const search = screen.getByLabelText('Zoek op naam');
    await humanUser().type(search, 'sergio');
    const hit = await screen.findByRole('button', {
      // Where the person is registered stands between the birth year and the action.
      name: /^Sérgio Santos geboren 1970.*Inchecken/,
    });
    expect(screen.queryByRole('button', { name: /^Serwaa Mensah/ })).not.toBeInTheDocument();
    // Keyboard: arrow down from the field to the result, Enter checks in.
    const user = clickUser();
    await user.keyboard('{ArrowDown}');
    expect(hit).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(await within(resultCard()).findByText('Welkom, Sérgio Santos!')).toBeInTheDocument();
    expect((await visitsOf(db, id)).some((v) => v.day === TODAY)).toBe(true);
  });

  it('a scanner burst while the search field has focus keeps the field as it was and handles the scan', async () => {
    let id = '';
    const { db } = await setup(async (db, clock) => {
      id = await seedMember(db, clock, { name: 'Ama Boateng', pass: '31415926' });
    });
    const search = screen.getByLabelText('Zoek op naam');
    await humanUser().type(search, 'kofi');
    expect(search).toHaveFocus();
    wedgeScan('31415926');
    expect(await within(resultCard()).findByText('Welkom, Ama Boateng!')).toBeInTheDocument();
    expect(search).toHaveValue('kofi');
    expect((await visitsOf(db, id)).some((v) => v.day === TODAY)).toBe(true);
  });

  it('switches to English in one tap', async () => {
    await setup(async (db, clock) => {
      await seedMember(db, clock, { name: 'Ama Boateng', pass: '12345678' });
    });
    await clickUser().click(screen.getByRole('button', { name: 'Switch to English' }));
    expect(
      await screen.findByText('Scan a pass. You do not need to click anything first.'),
    ).toBeInTheDocument();
    wedgeScan('12345678');
    const card = screen.getByRole('status', { name: 'Scan result' });
    expect(await within(card).findByText('Welcome, Ama Boateng!')).toBeInTheDocument();
    expect(
      await within(await screen.findByRole('region', { name: 'Ama Boateng' })).findByText(
        /Contribution 2026: not paid yet/,
      ),
    ).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: /€2\.50 received/ })).toBeInTheDocument();
  });

  it('a write that fails says so in words and keeps what was recorded before', async () => {
    let id = '';
    const { db } = await setup(async (db, clock) => {
      id = await seedMember(db, clock, { name: 'Ama Boateng', pass: '12345678' });
      await seedMember(db, clock, { name: 'Kofi Mensah', pass: '87654321' });
    });
    wedgeScan('12345678');
    await within(resultCard()).findByText('Welkom, Ama Boateng!');
    const before = await countEvents(db);
    const full = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const spy = vi.spyOn(db.outbox, 'bulkAdd').mockRejectedValueOnce(full);
    wedgeScan('87654321');
    expect(await screen.findByRole('alert')).toHaveTextContent('De opslag van deze laptop is vol.');
    expect(spy).toHaveBeenCalled();
    expect(await countEvents(db)).toBe(before);
    expect((await visitsOf(db, id)).some((v) => v.day === TODAY)).toBe(true);
    // The next scan works once the write succeeds again.
    wedgeScan('87654321');
    expect(await within(resultCard()).findByText('Welkom, Kofi Mensah!')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
