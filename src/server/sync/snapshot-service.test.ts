import { describe, expect, it } from 'vitest';
import { checksumOf } from '../../domain/event-set-checksum.ts';
import { crc32OfText } from '../../domain/snapshot-protocol.ts';
import { createSnapshotService, type SnapshotSource } from './snapshot-service.ts';

const rows = [
  { memberId: 'a', name: 'Zoë Ağaoğlu 漢 😀', day: '2026-03-10' },
  { memberId: 'b', name: 'Ama\n"Test"\\', day: '2026-03-11' },
  { memberId: 'c', name: 'Kofi', day: '2026-03-09' },
];

/** The same rows twice: captured whole, and streamed as their JSON text. */
const captured: SnapshotSource = {
  lastSeq: async () => 7,
  capture: async () => ({
    seq: 7,
    checksum: checksumOf(['x']),
    parts: [
      { table: 'visitDays', rows, kind: 'history' },
      { table: 'members', rows, kind: 'desk' },
    ],
  }),
};
const streamed: SnapshotSource = {
  lastSeq: async () => 7,
  async stream(sink) {
    sink.begin(7);
    const texts = rows.map((r) => JSON.stringify(r));
    sink.rows('members', 'desk', texts.slice(0, 1));
    sink.rows('members', 'desk', texts.slice(1));
    sink.rows(
      'visitDays',
      'history',
      texts,
      rows.map((r) => r.day),
    );
    return { seq: 7, checksum: checksumOf(['x']) };
  },
};

describe('the snapshot pages', () => {
  it.each([
    ['captured', captured],
    ['streamed', streamed],
  ])(
    'are the laptop protocol byte for byte when %s: text, checksum, order, days',
    async (_name, source) => {
      const service = createSnapshotService(source, { pageRows: 2 });
      const manifest = await service.manifest();
      expect(manifest.seq).toBe(7);
      expect(manifest.pages.map((p) => [p.table, p.rows])).toEqual([
        ['members', 2],
        ['members', 1],
        ['visitDays', 2],
        ['visitDays', 1],
      ]);
      expect(manifest.scanPages).toBe(2);
      expect(manifest.countPages).toBe(2);
      expect(manifest.tables).toEqual({ members: 3, visitDays: 3 });
      expect(manifest.pages[2]!.days).toEqual({ from: '2026-03-10', to: '2026-03-11' });
      const pageRows = [rows.slice(0, 2), rows.slice(2), rows.slice(0, 2), rows.slice(2)];
      manifest.pages.forEach((entry, index) => {
        const text = service.pageText(manifest.snapshotId, index);
        expect(text).toBe(
          JSON.stringify({
            snapshotId: manifest.snapshotId,
            index,
            table: entry.table,
            rows: pageRows[index],
          }),
        );
        expect(crc32OfText(text as string)).toBe(entry.crc32);
        expect(service.page(manifest.snapshotId, index)?.length).toBe(entry.bytes);
      });
      expect(service.page(manifest.snapshotId, 4)).toBe('out-of-range');
      expect(service.page('gone', 0)).toBeUndefined();
    },
  );
});
