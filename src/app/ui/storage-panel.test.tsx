import { act, configure, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { foldProjection, tablesOf } from '../../domain/projection/memory-projection.ts';
import { fixtureEvents } from '../../domain/report/report-fixture.ts';
import { toStoredEvent } from '../db/apply-events.ts';
import { BuurtpasDb, LATEST_SCHEMA_VERSION } from '../db/database.ts';
import { DbProvider } from '../db/db-context.tsx';
import { dumpProjection } from '../db/dump-projection.ts';
import { useI18nStore } from '../i18n/i18n-store.ts';
import { freshDb } from '../test/render-app.tsx';
import { StoragePanel, VersionChangeNotice } from './storage-panel.tsx';

configure({ asyncUtilTimeout: 8000 });

beforeEach(() => {
  useI18nStore.setState({ lang: 'nl' });
});

describe('Tellingen opnieuw opbouwen', () => {
  it('recomputes every count from the stored facts, shows progress, then compares', async () => {
    const db = await freshDb('cjm');
    const events = fixtureEvents();
    // Facts stored without their counts (as after a fault): the tables are empty.
    await db.events.bulkAdd(events.map((e) => toStoredEvent(e)));
    let compared = 0;
    render(
      <DbProvider db={db}>
        <StoragePanel
          rebuild
          onRebuilt={async () => {
            compared++;
          }}
        />
      </DbProvider>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Tellingen opnieuw opbouwen' }));
    expect(
      await screen.findByText(
        `Klaar: ${events.length} feiten opnieuw geteld. Daarna is vergeleken met de server.`,
      ),
    ).toBeInTheDocument();
    expect(compared).toBe(1);
    expect(await dumpProjection(db)).toEqual(tablesOf(foldProjection(events)));
    db.close();
  });
});

describe('another tab upgrades the database', () => {
  it('offers a reload instead of breaking', async () => {
    const db = await freshDb('cjm');
    render(
      <DbProvider db={db}>
        <VersionChangeNotice />
      </DbProvider>,
    );
    expect(screen.queryByRole('alert')).toBeNull();
    const newer = new BuurtpasDb(db.name);
    newer.version(LATEST_SCHEMA_VERSION + 1).stores({});
    await act(async () => {
      await newer.open();
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Buurtpas is in een ander venster bijgewerkt',
    );
    expect(screen.getByRole('button', { name: 'Opnieuw laden' })).toBeInTheDocument();
    newer.close();
  });
});
