import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PASS_SHAPES } from '../../domain/pass-code.ts';
import type { PersonWrite } from '../../domain/import/plan-import.ts';
import { seededRandom } from '../test/render-app.tsx';
import { openBuurtpasDb } from './database.ts';
import {
  issueNewPasses,
  readImportContext,
  readPeopleWithoutPass,
  writeImport,
} from './import-actions.ts';
import { savePassShapes } from './pass-shapes-setting.ts';
import type { Writer } from './record-events.ts';

const NOW = Date.parse('2026-11-27T09:42:00.000Z');

let seed = 0;
const writer = (): Writer => ({
  deviceId: 'dimport01',
  locationId: 'cjm',
  role: 'coordinator',
  random: seededRandom(++seed),
});

function newPerson(n: number, pass: string | null, paidCents: number | null): PersonWrite {
  return {
    kind: 'new',
    rowNumber: n + 1,
    person: {
      name: `Persoon ${n}`,
      pass,
      phone: null,
      postcode: '1104 AB',
      birthYear: 1960 + n,
      memberSince: '2015-03-01',
      paidCents,
    },
  };
}

describe('writing an import', () => {
  it('writes each person whole, in batches with progress, as facts queued for sync', async () => {
    const db = openBuurtpasDb(`import-${Math.random()}`);
    const progress: [number, number][] = [];
    const writes = [
      newPerson(1, 'CJM00417', 250),
      newPerson(2, '0041753', 100),
      newPerson(3, null, null),
      newPerson(4, 'cjm00420', 0),
      newPerson(5, null, 250),
    ];
    const outcome = await writeImport(db, writer(), writes, NOW, {
      batchSize: 2,
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(progress).toEqual([
      [2, 5],
      [4, 5],
      [5, 5],
    ]);
    expect(outcome).toMatchObject({ created: 5, updated: 0, passTaken: [] });
    expect(await db.members.count()).toBe(5);
    expect((await db.passes.toArray()).map((p) => p.code).sort()).toEqual([
      '0041753',
      'CJM00417',
      'cjm00420',
    ]);
    expect(await db.outbox.count()).toBe(await db.events.count());
    // Imported payments are marked as such and are not cash taken at this desk today.
    const payments = await db.payments.toArray();
    expect(payments.map((p) => p.method)).toEqual(['import', 'import', 'import']);
    const counters = await db.dayCounters.toArray();
    expect(counters.reduce((sum, c) => sum + c.cashCents, 0)).toBe(0);

    // What the next preview compares against: members, their passes and what they paid.
    const context = await readImportContext(db, 'cjm', NOW);
    expect(context.people).toHaveLength(5);
    const first = context.people.find((p) => p.name === 'Persoon 1')!;
    expect(first).toMatchObject({ passes: ['CJM00417'], isMember: true, paidCents: 250 });
    expect(context.passOwners.get('0041753')).toBeDefined();
    expect(context.shapes).toEqual(DEFAULT_PASS_SHAPES);
    await savePassShapes(db, 'cjm', [{ kind: 'pattern', pattern: '@@@#####' }]);
    expect((await readImportContext(db, 'cjm', NOW)).shapes).toEqual([
      { kind: 'pattern', pattern: '@@@#####' },
    ]);

    // People without a pass get one in today's numbering.
    const ids = outcome.people.map((p) => p.memberId);
    const without = await readPeopleWithoutPass(db, ids);
    expect(without).toHaveLength(2);
    const codes = await issueNewPasses(db, writer(), without, NOW);
    expect(codes).toHaveLength(2);
    for (const c of codes) expect(c).toMatch(/^[1-9]\d{9}$/);
    expect(await readPeopleWithoutPass(db, ids)).toEqual([]);
    db.close();
  });

  it('a pass taken between preview and import: the person comes in without it, nobody half', async () => {
    const db = openBuurtpasDb(`import-${Math.random()}`);
    await writeImport(db, writer(), [newPerson(1, 'CJM00417', null)], NOW);
    const outcome = await writeImport(db, writer(), [newPerson(2, 'CJM00417', null)], NOW);
    expect(outcome.passTaken).toEqual([3]);
    expect(await db.members.count()).toBe(2);
    const pass = await db.passes.get('CJM00417');
    expect((await db.members.get(pass!.memberId))?.name).toBe('Persoon 1');
    db.close();
  });
});
