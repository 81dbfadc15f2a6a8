import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeClock, renderApp } from '../../test/render-app.tsx';
import { clickUser, seedMember, wedgeScan } from './scan-test-kit.ts';
import { useI18nStore } from '../../i18n/i18n-store.ts';

describe('a scan on another screen', () => {
  it('opens the desk and checks the person in', async () => {
    useI18nStore.getState().setLang('nl');
    const clock = makeClock('2026-11-27T09:42:00.000Z');
    const { db } = await renderApp({ clock });
    await seedMember(db, clock, { name: 'Ama Boateng', pass: '12345678' });
    const user = clickUser();
    await user.click(await screen.findByRole('button', { name: 'Vandaag' }));
    expect(screen.getByRole('button', { name: 'Vandaag' })).toHaveAttribute('aria-current', 'page');
    // The Today screen loads on first use; scan once it is there, as a volunteer would.
    await screen.findByRole('heading', { name: /Vandaag aan deze balie/ }, { timeout: 30_000 });
    wedgeScan('12345678');
    expect(
      await screen.findByText('Welkom, Ama Boateng!', {}, { timeout: 30_000 }),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('navigation', { name: 'Hoofdmenu' })).getByRole('button', {
        name: 'Balie',
      }),
    ).toHaveAttribute('aria-current', 'page');
    expect(await db.visitDays.filter((v) => v.day === '2026-11-27').count()).toBe(1);
  });
});
