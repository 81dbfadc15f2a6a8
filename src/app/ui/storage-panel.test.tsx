import { act, configure, render, screen, waitFor } from '@testing-library/react';
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
import { DeskProvider } from '../context/desk-context.tsx';
import type { Writer } from '../db/record-events.ts';
import { readHistoryKeep, startSnapshot } from '../db/snapshot-load.ts';

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

describe('Tellingen opnieuw opbouwen on a laptop that started from the snapshot', () => {
  it('is not offered: its counts came from the server, not from facts it holds', async () => {
    const db = await freshDb('cjm');
    await startSnapshot(db, {
      snapshotId: '1-abc',
      seq: 1,
      checksum: { count: 1, sum: '0000000000000001' },
      tables: { members: 1 },
      pages: [{ table: 'members', rows: 1, crc32: 0, bytes: 0 }],
      scanPages: 1,
    });
    render(
      <DbProvider db={db}>
        <StoragePanel rebuild />
      </DbProvider>,
    );
    expect(await screen.findByText(/gestart met de tellingen van de server/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Tellingen opnieuw opbouwen' })).toBeDisabled();
    db.close();
  });
});

describe('Bezoekgeschiedenis op deze laptop', () => {
  it('keeps the last three months by default; a shorter choice removes older visit days', async () => {
    const db = await freshDb('cjm');
    const now = Date.parse('2026-11-27T10:00:00Z');
    const day = (d: string) => ({
      key: `m1|cjm|${d}`,
      memberId: 'm1',
      locationId: 'cjm',
      day: d,
      firstAt: `${d}T09:00:00.000Z`,
      eventId: `e-${d}`,
    });
    await db.visitDays.bulkPut([day('2025-01-10'), day('2026-10-01'), day('2026-11-27')]);
    render(
      <DbProvider db={db}>
        <DeskProvider
          desk={{ writer: { deviceId: 'dtest0001', locationId: 'cjm' } as Writer, now: () => now }}
        >
          <StoragePanel history />
        </DeskProvider>
      </DbProvider>,
    );
    await waitFor(() =>
      expect(screen.getByRole('radio', { name: 'De laatste 3 maanden' })).toBeChecked(),
    );
    expect(await readHistoryKeep(db)).toBe('months3');
    await userEvent.click(screen.getByRole('radio', { name: 'De laatste 3 maanden' }));
    await userEvent.click(screen.getByRole('radio', { name: 'Alles' }));
    await waitFor(() => expect(screen.getByRole('radio', { name: 'Alles' })).toBeChecked());
    expect(await db.visitDays.count()).toBe(3);
    await userEvent.click(screen.getByRole('radio', { name: 'De laatste 3 maanden' }));
    expect(
      await screen.findByText('1 oudere bezoekdagen van deze laptop verwijderd.'),
    ).toBeInTheDocument();
    expect((await db.visitDays.toArray()).map((v) => v.day)).toEqual(['2026-10-01', '2026-11-27']);
    await userEvent.click(screen.getByRole('radio', { name: 'Geen (alleen vandaag)' }));
    await waitFor(() =>
      expect(screen.getByRole('radio', { name: 'Geen (alleen vandaag)' })).toBeChecked(),
    );
    expect((await db.visitDays.toArray()).map((v) => v.day)).toEqual(['2026-11-27']);
    expect(await readHistoryKeep(db)).toBe('none');
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
