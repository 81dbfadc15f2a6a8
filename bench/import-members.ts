/**
 * Importing a member list of 5.000 rows (issue 11: "5.000 rows import in seconds"): the old
 * system's Windows-1252 CSV read (encoding detection, Papa Parse), the table found, the preview
 * planned against the laptop, and every person written as facts through `writeEvents` (stored,
 * projected, queued for sync) in batches, then the same file imported again (adds nobody).
 * Baselines in the same run: Papa Parse alone on the decoded text, and a raw `bulkAdd` of the same
 * number of event rows into the events table (storage without projection or outbox).
 * Runs on fake-indexeddb in Node (a proxy for Chromium's IndexedDB). Figures only.
 */
import 'fake-indexeddb/auto';
import Papa from 'papaparse';
import { openBuurtpasDb } from '../src/app/db/database.ts';
import { readImportContext, writeImport } from '../src/app/db/import-actions.ts';
import type { Writer } from '../src/app/db/record-events.ts';
import { readCsvBytes } from '../src/app/features/members/import/read-import-file.ts';
import { guessColumnMapping } from '../src/domain/import/column-mapping.ts';
import { locateTable } from '../src/domain/import/locate-table.ts';
import {
  countPreview,
  planImportPreview,
  planImportWrites,
} from '../src/domain/import/plan-import.ts';
import { ms } from './stats.ts';

const ROWS = 5_000;
const NOW = Date.parse('2026-11-27T09:42:00.000Z');

function seededRandom(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      s = (s * 1664525 + 1013904223) >>> 0;
      out[i] = s >>> 24;
    }
    return out;
  };
}

function makeCsv(): Uint8Array {
  const lines = [
    'Lidnummer;Voornaam;Tussenvoegsel;Achternaam;Geb.datum;Postcode;Lid sinds;Betaald 2026',
  ];
  for (let i = 0; i < ROWS; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + (i % 12)).padStart(2, '0');
    lines.push(
      [
        `CJM${String(i).padStart(5, '0')}`,
        ['Sérgio', 'Ama', 'Jan', 'Fatma', 'Priya'][i % 5],
        i % 3 === 0 ? 'van der' : '',
        `Gonçalves${i}`,
        `${day}-${month}-${1940 + (i % 60)}`,
        `110${i % 10} A${String.fromCharCode(65 + (i % 26))}`,
        `${day}-${month}-${2000 + (i % 26)}`,
        i % 4 === 0 ? 'nee' : i % 4 === 1 ? '"1,00"' : 'ja',
      ].join(';'),
    );
  }
  lines.push('Totaal;;;;;;;' + ROWS);
  const text = lines.join('\r\n') + '\r\n';
  return Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
}

export async function benchImportMembers() {
  const bytes = makeCsv();
  const writer: Writer = {
    deviceId: 'dbench001',
    locationId: 'cjm',
    role: 'coordinator',
    random: seededRandom(11),
  };

  // Baseline 1: Papa Parse alone on text already decoded.
  const decoded = new TextDecoder('windows-1252').decode(bytes);
  const p0 = performance.now();
  Papa.parse<string[]>(decoded, { delimiter: ';' });
  const papaMs = performance.now() - p0;

  const db = openBuurtpasDb(`bench-import-${Date.now()}`);
  await db.open();
  const t0 = performance.now();
  const file = await readCsvBytes(bytes);
  const table = locateTable(file.sheets[0]!.rows);
  const mapping = guessColumnMapping(table.headers);
  const t1 = performance.now();
  const context = await readImportContext(db, 'cjm', NOW);
  const preview = planImportPreview(table.rows, mapping, table.headers, context);
  const writes = planImportWrites(preview, { matches: 'skip', duplicates: 'skip' }, context);
  const t2 = performance.now();
  const outcome = await writeImport(db, writer, writes, NOW);
  const t3 = performance.now();
  const events = await db.events.count();

  // The same file again: read, preview and plan; nothing is written.
  const r0 = performance.now();
  const again = await readImportContext(db, 'cjm', NOW);
  const preview2 = planImportPreview(table.rows, mapping, table.headers, again);
  const writes2 = planImportWrites(preview2, { matches: 'update', duplicates: 'skip' }, again);
  const reimportMs = performance.now() - r0;

  // Baseline 2: the same number of event rows put raw into a fresh events table.
  const raw = openBuurtpasDb(`bench-import-raw-${Date.now()}`);
  await raw.open();
  const rows = (await db.events.toArray()).map((e) => ({ ...e }));
  const b0 = performance.now();
  await raw.events.bulkAdd(rows);
  const rawMs = performance.now() - b0;

  db.close();
  raw.close();
  const counts = countPreview(preview);
  return {
    rows: ROWS,
    created: outcome.created,
    events,
    'read + map (CSV → table)': ms(t1 - t0),
    'baseline: Papa Parse alone': ms(papaMs),
    'preview + plan': ms(t2 - t1),
    'write facts (batched)': ms(t3 - t2),
    'baseline: raw bulkAdd of the events': ms(rawMs),
    'total import': ms(t3 - t0),
    're-import preview (adds nobody)': ms(reimportMs),
    'rows new / errors': `${counts.new} / ${counts.error}`,
    're-import writes': writes2.length,
  };
}
