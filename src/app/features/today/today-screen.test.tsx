import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  checkInByPass,
  countWalkIn,
  recordPayment,
  recordServiceUse,
  registerClient,
  voidEvent,
} from '../../db/desk-actions.ts';
import type { Writer } from '../../db/record-events.ts';
import { useI18nStore } from '../../i18n/i18n-store.ts';
import { freshDb, makeClock, renderApp, seededRandom } from '../../test/render-app.tsx';

beforeEach(() => {
  useI18nStore.getState().setLang('nl');
});

describe('today screen', () => {
  it('lists today at this desk with names, cash taken and undone facts struck through', async () => {
    const clock = makeClock('2026-11-27T09:42:00.000Z');
    const db = await freshDb('cjm');
    // The same device id as the desk under test: these are this desk's facts.
    const desk: Writer = {
      deviceId: 'dtest0001',
      locationId: 'cjm',
      role: 'desk',
      random: seededRandom(3),
    };
    const other: Writer = { ...desk, deviceId: 'dother001', random: seededRandom(4) };
    const reg = await registerClient(
      db,
      other,
      {
        name: 'Ama Boateng',
        phone: '',
        postcode: '',
        birthYear: null,
        becomesMember: true,
        referral: null,
      },
      '12345678',
      clock.now() - 7 * 86_400_000,
    );
    if (!reg.ok) throw new Error('seed');
    await checkInByPass(db, desk, '12345678', clock.now());
    await recordPayment(db, desk, reg.memberId, 250, clock.now() + 60_000);
    const use = await recordServiceUse(
      db,
      desk,
      reg.memberId,
      'cjm:formulierenbrigade',
      clock.now() + 120_000,
    );
    await voidEvent(db, desk, use, 'desk-undo', clock.now() + 130_000);
    await countWalkIn(db, desk, 'cjm:computerles', clock.now() + 180_000);
    // Another laptop's facts today are not this desk's.
    await countWalkIn(db, other, 'cjm:computerles', clock.now());

    await renderApp({ db, clock });
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Vandaag' }));
    expect(
      await screen.findByRole('heading', { name: /Vandaag aan deze balie/ }),
    ).toBeInTheDocument();
    const total = (label: string) =>
      screen.getByText(label, { selector: 'dt' }).nextElementSibling?.textContent;
    expect(total('Bezoeken')).toBe('1');
    expect(total('Diensten en activiteiten')).toBe('0');
    expect(total('Losse bezoekers')).toBe('1');
    expect(total('Betalingen')).toBe('1');
    expect(total('Contant ontvangen')).toMatch(/€\s2,50/);

    // One group per client, the one seen last on top; each tap with its own undo.
    const walkIns = screen.getByRole('region', { name: 'Losse bezoekers (geen naam)' });
    expect(
      within(walkIns)
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.textContent),
    ).toEqual([expect.stringMatching(/^10:45Losse bezoeker: ComputerlesOngedaan maken$/)]);
    const ama = screen.getByRole('region', { name: 'Ama Boateng' });
    const rows = within(ama).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringMatching(/^10:44Formulierenbrigade \(ongedaan gemaakt\)$/),
      expect.stringMatching(/^10:43Contributie 2026: €\s2,50Ongedaan maken$/),
      expect.stringMatching(/^10:42Bezoek$/),
    ]);
    expect(within(rows[0]!).getByText('Formulierenbrigade').tagName).toBe('S');
    expect(screen.getAllByRole('region').map((r) => r.getAttribute('aria-label'))).toEqual([
      'Losse bezoekers (geen naam)',
      'Ama Boateng',
    ]);

    // Undo the payment hours later: the cash total follows, the row is struck through.
    clock.advance(4 * 3_600_000);
    await userEvent.setup().click(
      within(ama).getByRole('button', {
        name: /^Ongedaan maken: Contributie 2026: €\s2,50, Ama Boateng$/,
      }),
    );
    expect(await screen.findByText(/Ongedaan gemaakt: Contributie 2026/)).toBeInTheDocument();
    await vi.waitFor(() => expect(total('Contant ontvangen')).toMatch(/€\s0,00/));
    expect(within(ama).queryByRole('button', { name: /Ongedaan maken/ })).not.toBeInTheDocument();
    const voids = await db.voids.toArray();
    expect(voids.map((v) => v.reason)).toEqual(['desk-undo', 'desk-undo']);
  });
});
