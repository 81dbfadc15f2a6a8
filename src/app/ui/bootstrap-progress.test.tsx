import { configure, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../test/render-app.tsx';
import { DbProvider } from '../db/db-context.tsx';
import { startSnapshot, storeSnapshotPage } from '../db/snapshot-load.ts';
import { useI18nStore } from '../i18n/i18n-store.ts';
import { BootstrapProgress } from './bootstrap-progress.tsx';

configure({ asyncUtilTimeout: 8000 });

beforeEach(() => {
  useI18nStore.setState({ lang: 'nl' });
});

const memberRows = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    memberId: `m${from + i}`,
    fields: {},
    clocks: {},
    erased: false,
    mergedInto: null,
    name: '',
    nameWords: [],
    locations: [],
    createdAt: '2026-01-01T00:00:00.000Z',
  }));

describe('BootstrapProgress', () => {
  it('counts stored rows per table and says "Klaar om te scannen" once the desk tables are in', async () => {
    const db = await freshDb('cjm');
    await startSnapshot(db, {
      snapshotId: '9-abc',
      seq: 9,
      checksum: { count: 9, sum: '0000000000000000' },
      tables: { members: 10_000, reportActivity: 2 },
      pages: [
        { table: 'members', rows: 3400, crc32: 0, bytes: 0 },
        { table: 'members', rows: 6600, crc32: 0, bytes: 0 },
        { table: 'reportActivity', rows: 2, crc32: 0, bytes: 0 },
      ],
      scanPages: 2,
    });
    render(
      <DbProvider db={db}>
        <BootstrapProgress />
      </DbProvider>,
    );
    expect(await screen.findByText('0 van 10.000 leden')).toBeInTheDocument();
    expect(screen.queryByText('Klaar om te scannen')).not.toBeInTheDocument();

    await storeSnapshotPage(db, {
      snapshotId: '9-abc',
      index: 0,
      table: 'members',
      rows: memberRows(0, 3400),
    });
    expect(await screen.findByText('3.400 van 10.000 leden')).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'leden opgehaald' })).toHaveAttribute(
      'value',
      '3400',
    );
    expect(screen.queryByText('Klaar om te scannen')).not.toBeInTheDocument();

    await storeSnapshotPage(db, {
      snapshotId: '9-abc',
      index: 1,
      table: 'members',
      rows: memberRows(3400, 6600),
    });
    expect(await screen.findByText('Klaar om te scannen')).toBeInTheDocument();
    expect(screen.getByText('0 van 2 rapportageregels')).toBeInTheDocument();
    expect(await db.members.count()).toBe(10_000);
  });
});
