import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { readMeta } from '../db/desk-setup.ts';
import { renderApp } from '../test/render-app.tsx';
import { useI18nStore } from '../i18n/i18n-store.ts';

describe('first start', () => {
  it('asks for the location once, remembers it, and shows the desk', async () => {
    useI18nStore.getState().setLang('nl');
    const user = userEvent.setup();
    const { db } = await renderApp({ locationId: null });
    await user.click(await screen.findByRole('button', { name: /^Kies MultiBron/ }));
    expect(await screen.findByText('Locatie: MultiBron')).toBeInTheDocument();
    expect(await readMeta(db, 'locationId')).toBe('multibron');
    expect(screen.getByRole('navigation', { name: 'Hoofdmenu' })).toBeInTheDocument();
  });

  it('offers every location from the catalogue and switches language in one tap', async () => {
    useI18nStore.getState().setLang('nl');
    const user = userEvent.setup();
    await renderApp({ locationId: null });
    for (const name of ['Casa Jepie Makandra', 'MultiBron', 'De Handreiking']) {
      expect(
        await screen.findByRole('button', { name: new RegExp(`^Kies ${name}`) }),
      ).toBeInTheDocument();
    }
    await user.click(screen.getByRole('button', { name: 'Switch to English' }));
    await waitFor(() =>
      expect(screen.getByRole('heading', { name: 'Welcome to Buurtpas' })).toBeInTheDocument(),
    );
    expect(screen.getByRole('button', { name: /^Choose MultiBron/ })).toBeInTheDocument();
    useI18nStore.getState().setLang('nl');
  });
});
