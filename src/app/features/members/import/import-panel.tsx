/**
 * The member import wizard (coordinator): choose a file (and sheet), say which column is what,
 * look at the preview row by row, choose what happens to people already here, import with a
 * progress bar, then print passes for whoever has none. Decisions are src/domain/import's; this
 * screen reads the file (lazily: the parsers load only now), words the codes and calls db/.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import {
  guessColumnMapping,
  hasNameColumn,
  IMPORT_FIELDS,
  isMappingFor,
  yearOfPaidHeader,
  type ColumnMapping,
  type ImportField,
} from '../../../../domain/import/column-mapping.ts';
import { locateTable, type LocatedTable } from '../../../../domain/import/locate-table.ts';
import {
  countPreview,
  planImportPreview,
  planImportWrites,
  type ImportChoices,
  type ImportContext,
  type PreviewRow,
} from '../../../../domain/import/plan-import.ts';
import { toDutchCsv } from '../../../../domain/csv.ts';
import {
  DEFAULT_PASS_SHAPES,
  derivePassPatterns,
  type PassShape,
} from '../../../../domain/pass-code.ts';
import { useDesk } from '../../../context/desk-context.tsx';
import { useDb } from '../../../db/db-context.tsx';
import {
  issueNewPasses,
  readImportContext,
  readPeopleWithoutPass,
  readSavedMapping,
  saveMapping,
  writeImport,
  type ImportOutcome,
} from '../../../db/import-actions.ts';
import { savePassShapes, usePassShapes } from '../../../db/pass-shapes-setting.ts';
import { useT, type Translate } from '../../../i18n/use-t.ts';
import { useMembersStore } from '../members-store.ts';
import type { ReadFile } from './read-import-file.ts';

type Step =
  | { kind: 'choose'; problem: string | null; reading: boolean }
  | { kind: 'map' }
  | { kind: 'preview' }
  | { kind: 'writing'; done: number; total: number }
  | { kind: 'done'; outcome: ImportOutcome; withoutPass: string[] }
  | { kind: 'failed'; detail: string };

const PREVIEW_LIMIT = 300;

/** The reasons of an error row, in words, with the cell each is about. */
export function describeRowErrors(
  row: PreviewRow,
  headers: readonly string[],
  mapping: ColumnMapping,
  t: Translate,
): string {
  return row.errors
    .map((e) => {
      const i = mapping.indexOf(e.field);
      return t(`members.import.error.${e.code}`, {
        column: headers[i] ?? '',
        value: i === -1 ? '' : (row.cells[i] ?? '').trim(),
      });
    })
    .join('; ');
}

function statusText(
  row: PreviewRow,
  headers: readonly string[],
  mapping: ColumnMapping,
  t: Translate,
): string {
  switch (row.status) {
    case 'new':
      return t('members.import.status.new');
    case 'match':
      return t(`members.import.status.match.${row.match?.by ?? 'pass'}`);
    case 'duplicate':
      return t('members.import.status.duplicate', { row: row.duplicateOf ?? 0 });
    case 'error':
      return t('members.import.status.error', {
        reasons: describeRowErrors(row, headers, mapping, t),
      });
  }
}

function downloadText(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function describeShapes(shapes: readonly PassShape[], t: Translate): string {
  const patterns = shapes.filter((s) => s.kind === 'pattern').map((s) => s.pattern);
  return patterns.length > 0 ? patterns.join(', ') : t('members.import.shapes.default');
}

export function ImportPanel() {
  const t = useT();
  const db = useDb();
  const { writer, now } = useDesk();
  const id = useId();
  const printPasses = useMembersStore((s) => s.printPasses);
  const shapes = usePassShapes(db, writer.locationId);

  const [step, setStep] = useState<Step>({ kind: 'choose', problem: null, reading: false });
  const [file, setFile] = useState<ReadFile | null>(null);
  const [fileName, setFileName] = useState('');
  const [sheetIndex, setSheetIndex] = useState(0);
  const [mapping, setMapping] = useState<ColumnMapping>([]);
  const [mappingFromSaved, setMappingFromSaved] = useState(false);
  const [context, setContext] = useState<ImportContext | null>(null);
  const [choices, setChoices] = useState<ImportChoices>({ matches: 'skip', duplicates: 'skip' });
  const [importedPasses, setImportedPasses] = useState<string[]>([]);

  const table: LocatedTable | null = useMemo(() => {
    const sheet = file?.sheets[sheetIndex];
    return sheet ? locateTable(sheet.rows) : null;
  }, [file, sheetIndex]);

  // A new sheet or file: the room's saved mapping when the headers are the same, else a guess.
  useEffect(() => {
    if (!table) return;
    let cancelled = false;
    void readSavedMapping(db, writer.locationId).then((saved) => {
      if (cancelled) return;
      const fits = saved && isMappingFor(saved, table.headers);
      setMapping(fits ? saved.mapping : guessColumnMapping(table.headers));
      setMappingFromSaved(Boolean(fits));
    });
    return () => {
      cancelled = true;
    };
  }, [db, writer.locationId, table]);

  const preview = useMemo(
    () => (table && context ? planImportPreview(table.rows, mapping, table.headers, context) : []),
    [table, mapping, context],
  );
  const counts = countPreview(preview);
  const filePassCodes = useMemo(() => {
    const col = mapping.indexOf('pass');
    if (!table || col === -1) return [];
    return table.rows.map((r) => (r.cells[col] ?? '').trim()).filter((c) => c !== '');
  }, [table, mapping]);
  const writes = useMemo(
    () => (context ? planImportWrites(preview, choices, context) : []),
    [preview, choices, context],
  );

  async function chooseFile(picked: File | undefined) {
    if (!picked) return;
    setStep({ kind: 'choose', problem: null, reading: true });
    try {
      const { readImportFile } = await import('./read-import-file.ts');
      const read = await readImportFile(picked);
      // The sheet with the most rows is most likely the member list; the coordinator may change it.
      let best = 0;
      read.sheets.forEach((s, i) => {
        if (s.rows.length > (read.sheets[best]?.rows.length ?? 0)) best = i;
      });
      setFile(read);
      setFileName(picked.name);
      setSheetIndex(best);
      setStep({ kind: 'map' });
    } catch (e) {
      setStep({
        kind: 'choose',
        problem: t('members.import.unreadable', { detail: String((e as Error).message ?? e) }),
        reading: false,
      });
    }
  }

  async function toPreview() {
    if (!table) return;
    await saveMapping(db, writer.locationId, { headers: table.headers, mapping: [...mapping] });
    setContext(await readImportContext(db, writer.locationId, now()));
    setStep({ kind: 'preview' });
  }

  async function runImport() {
    setStep({ kind: 'writing', done: 0, total: writes.length });
    try {
      const outcome = await writeImport(db, writer, writes, now(), {
        onProgress: (done, total) => setStep({ kind: 'writing', done, total }),
      });
      const withoutPass = await readPeopleWithoutPass(
        db,
        outcome.people.map((p) => p.memberId),
      );
      setImportedPasses(outcome.people.map((p) => p.pass).filter((p): p is string => p !== null));
      setStep({ kind: 'done', outcome, withoutPass });
    } catch (e) {
      setStep({ kind: 'failed', detail: String((e as Error).message ?? e) });
    }
  }

  function downloadErrors() {
    if (!table) return;
    const rows = preview
      .filter((r) => r.status === 'error')
      .map((r) => [...r.cells, describeRowErrors(r, table.headers, mapping, t)]);
    const base = fileName.replace(/\.[^.]+$/, '') || 'ledenlijst';
    downloadText(
      `${base}-fouten.csv`,
      toDutchCsv([...table.headers, t('members.import.errorsColumn')], rows),
    );
  }

  async function printNew(memberIds: readonly string[]) {
    const codes = await issueNewPasses(db, writer, memberIds, now());
    printPasses(codes);
  }

  const restart = () => {
    setFile(null);
    setContext(null);
    setStep({ kind: 'choose', problem: null, reading: false });
  };

  const fieldLabel = (f: ImportField | null) =>
    t(f === null ? 'members.import.field.none' : `members.import.field.${f}`);
  const thisYear = Number((context?.today ?? new Date(now()).toISOString()).slice(0, 4));
  const paidYearIndex = mapping.indexOf('paidYear');
  const paidHeader = table && paidYearIndex !== -1 ? (table.headers[paidYearIndex] ?? '') : '';
  const paidOtherYear = paidHeader !== '' && yearOfPaidHeader(paidHeader) !== thisYear;

  return (
    <section aria-labelledby={`${id}-title`} className="import-panel">
      <h2 id={`${id}-title`}>{t('members.import.title')}</h2>

      {step.kind === 'choose' && (
        <>
          <p>{t('members.import.intro')}</p>
          <label htmlFor={`${id}-file`}>{t('members.import.file')}</label>{' '}
          <input
            id={`${id}-file`}
            type="file"
            accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => void chooseFile(e.target.files?.[0])}
          />
          {step.reading && <p role="status">{t('members.import.reading')}</p>}
          {step.problem && <p role="alert">{step.problem}</p>}
          <ShapesSection
            shapes={shapes}
            codes={[]}
            t={t}
            onSave={(s) => savePassShapes(db, writer.locationId, s)}
          />
        </>
      )}

      {step.kind === 'map' && file && table && (
        <>
          <p>
            {fileName}
            {file.kind === 'csv' &&
              ` · ${t('members.import.csvInfo', {
                encoding: file.encoding,
                delimiter: file.delimiter === '\t' ? 'tab' : file.delimiter,
              })}`}
          </p>
          {file.sheets.length > 1 && (
            <p>
              <label htmlFor={`${id}-sheet`}>{t('members.import.sheet')}</label>{' '}
              <select
                id={`${id}-sheet`}
                value={sheetIndex}
                onChange={(e) => setSheetIndex(Number(e.target.value))}
              >
                {file.sheets.map((s, i) => (
                  <option key={s.name} value={i}>
                    {s.name}
                  </option>
                ))}
              </select>
            </p>
          )}
          {table.headerRowNumber > 1 && (
            <p>{t('members.import.headerRow', { row: table.headerRowNumber })}</p>
          )}
          {table.skipped.length > 0 && (
            <p>{t('members.import.skipped', { count: table.skipped.length })}</p>
          )}
          <h3>{t('members.import.mapping')}</h3>
          {mappingFromSaved && <p>{t('members.import.mappingSaved')}</p>}
          <div className="import-table-wrap">
            <table className="import-mapping">
              <thead>
                <tr>
                  <th scope="col">{t('members.import.column')}</th>
                  <th scope="col">{t('members.import.importAs')}</th>
                  <th scope="col">{t('members.import.examples')}</th>
                </tr>
              </thead>
              <tbody>
                {table.headers.map((header, col) => (
                  <tr key={col}>
                    <th scope="row">{header || `#${col + 1}`}</th>
                    <td>
                      <select
                        aria-label={t('members.import.fieldFor', {
                          header: header || `#${col + 1}`,
                        })}
                        value={mapping[col] ?? ''}
                        onChange={(e) => {
                          const field = (e.target.value || null) as ImportField | null;
                          setMapping((m) =>
                            table.headers.map((_, i) =>
                              i === col ? field : m[i] === field ? null : (m[i] ?? null),
                            ),
                          );
                        }}
                      >
                        <option value="">{fieldLabel(null)}</option>
                        {IMPORT_FIELDS.map((f) => (
                          <option key={f} value={f}>
                            {fieldLabel(f)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      {table.rows
                        .slice(0, 3)
                        .map((r) => r.cells[col] ?? '')
                        .filter((v) => v.trim() !== '')
                        .join(' · ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {mapping.includes('notes') && <p>{t('members.import.notesNotKept')}</p>}
          {paidOtherYear && (
            <p>{t('members.import.paidOtherYear', { header: paidHeader, year: thisYear })}</p>
          )}
          {!hasNameColumn(mapping) && <p role="alert">{t('members.import.needName')}</p>}
          <div className="row-actions">
            <button type="button" className="secondary" onClick={restart}>
              {t('members.import.again')}
            </button>
            <button
              type="button"
              disabled={!hasNameColumn(mapping)}
              onClick={() => void toPreview()}
            >
              {t('members.import.toPreview')}
            </button>
          </div>
        </>
      )}

      {step.kind === 'preview' && table && (
        <>
          <h3>{t('members.import.preview')}</h3>
          <p role="status">{t('members.import.counts', counts)}</p>
          <fieldset>
            <legend>{t('members.import.matches')}</legend>
            {(['skip', 'update'] as const).map((v) => (
              <label key={v} className="radio">
                <input
                  type="radio"
                  name={`${id}-matches`}
                  checked={choices.matches === v}
                  onChange={() => setChoices((c) => ({ ...c, matches: v }))}
                />
                {t(`members.import.matches.${v}`)}
              </label>
            ))}
          </fieldset>
          {counts.duplicate > 0 && (
            <fieldset>
              <legend>{t('members.import.duplicates')}</legend>
              {(['skip', 'import'] as const).map((v) => (
                <label key={v} className="radio">
                  <input
                    type="radio"
                    name={`${id}-duplicates`}
                    checked={choices.duplicates === v}
                    onChange={() => setChoices((c) => ({ ...c, duplicates: v }))}
                  />
                  {t(`members.import.duplicates.${v}`)}
                </label>
              ))}
            </fieldset>
          )}
          {counts.error > 0 && (
            <p>
              {t('members.import.errorsHint')}{' '}
              <button type="button" className="secondary" onClick={downloadErrors}>
                {t('members.import.errorsCsv')}
              </button>
            </p>
          )}
          <div className="import-table-wrap">
            <table className="import-preview">
              <thead>
                <tr>
                  <th scope="col">{t('members.import.row')}</th>
                  <th scope="col">{t('members.import.name')}</th>
                  <th scope="col">{t('members.import.pass')}</th>
                  <th scope="col">{t('members.import.status')}</th>
                </tr>
              </thead>
              <tbody>
                {/* Errors first: they are what the coordinator has to act on. */}
                {[...preview]
                  .sort((a, b) => Number(b.status === 'error') - Number(a.status === 'error'))
                  .slice(0, PREVIEW_LIMIT)
                  .map((r) => (
                    <tr key={r.rowNumber} data-status={r.status}>
                      <td>{r.rowNumber}</td>
                      <td>{r.person?.name ?? ''}</td>
                      <td>{r.person?.pass ?? ''}</td>
                      <td>{statusText(r, table.headers, mapping, t)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
          {preview.length > PREVIEW_LIMIT && (
            <p>{t('members.import.more', { count: preview.length - PREVIEW_LIMIT })}</p>
          )}
          <ShapesSection
            shapes={context?.shapes ?? shapes}
            codes={filePassCodes}
            t={t}
            onSave={async (s) => {
              await savePassShapes(db, writer.locationId, s);
              setContext(await readImportContext(db, writer.locationId, now()));
            }}
          />
          {writes.length === 0 && <p>{t('members.import.nothing')}</p>}
          <div className="row-actions">
            <button type="button" className="secondary" onClick={() => setStep({ kind: 'map' })}>
              {t('members.import.back')}
            </button>
            <button type="button" disabled={writes.length === 0} onClick={() => void runImport()}>
              {t('members.import.go', { count: writes.length })}
            </button>
          </div>
        </>
      )}

      {step.kind === 'writing' && (
        <>
          <p role="status">{t('members.import.writing')}</p>
          <progress aria-label={t('members.import.progress')} value={step.done} max={step.total} />
        </>
      )}

      {step.kind === 'done' && (
        <>
          <p role="status">
            {t('members.import.done', {
              created: step.outcome.created,
              updated: step.outcome.updated,
            })}
          </p>
          {step.outcome.passTaken.length > 0 && (
            <p>{t('members.import.passTaken', { count: step.outcome.passTaken.length })}</p>
          )}
          {step.withoutPass.length > 0 && (
            <p>
              {t('members.import.printNeeded', { count: step.withoutPass.length })}{' '}
              <button type="button" onClick={() => void printNew(step.withoutPass)}>
                {t('members.import.printNew')}
              </button>
            </p>
          )}
          <ShapesSection
            shapes={shapes}
            codes={importedPasses}
            t={t}
            onSave={(s) => savePassShapes(db, writer.locationId, s)}
          />
          <button type="button" className="secondary" onClick={restart}>
            {t('members.import.again')}
          </button>
        </>
      )}

      {step.kind === 'failed' && (
        <>
          <p role="alert">{t('members.import.failed', { detail: step.detail })}</p>
          <button type="button" className="secondary" onClick={() => setStep({ kind: 'preview' })}>
            {t('members.import.back')}
          </button>
        </>
      )}
    </section>
  );
}

/** The room's accepted pass shapes: the broad default, or only numbers like the imported ones. */
function ShapesSection({
  shapes,
  codes,
  t,
  onSave,
}: {
  shapes: readonly PassShape[];
  codes: readonly string[];
  t: Translate;
  onSave: (shapes: PassShape[]) => Promise<void>;
}) {
  const id = useId();
  const patterns = derivePassPatterns(codes);
  const isDefault = shapes === DEFAULT_PASS_SHAPES || !shapes.some((s) => s.kind === 'pattern');
  return (
    <section aria-labelledby={`${id}-shapes`} className="import-shapes">
      <h3 id={`${id}-shapes`}>{t('members.import.shapes')}</h3>
      <p>{t('members.import.shapes.current', { shapes: describeShapes(shapes, t) })}</p>
      <p>{t('members.import.shapes.hint')}</p>
      <div className="row-actions">
        {patterns.length > 0 && (
          <button
            type="button"
            className="secondary"
            onClick={() =>
              void onSave(patterns.map((pattern) => ({ kind: 'pattern', pattern }) as const))
            }
          >
            {t('members.import.shapes.only', { patterns: patterns.join(', ') })}
          </button>
        )}
        {!isDefault && (
          <button
            type="button"
            className="secondary"
            onClick={() => void onSave([...DEFAULT_PASS_SHAPES])}
          >
            {t('members.import.shapes.reset')}
          </button>
        )}
      </div>
    </section>
  );
}
