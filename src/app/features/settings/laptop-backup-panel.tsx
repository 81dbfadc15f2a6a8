import { useId, useState, type FormEvent } from 'react';
import { useLiveQuery } from '../../db/use-live-query.ts';
import { localDateOf, localTimeOf } from '../../../domain/amsterdam-time.ts';
import { BACKUP_MIN_PASSPHRASE } from '../../../domain/backup/backup-file.ts';
import { useDesk } from '../../context/desk-context.tsx';
import { useDb } from '../../db/db-context.tsx';
import { readLastBackupAt } from '../../db/laptop-backup-reminder.ts';
import { readLaptopSummary } from '../../db/laptop-summary.ts';
import { formatLocalDate } from '../../i18n/format.ts';
import { useT } from '../../i18n/use-t.ts';

type Note = { kind: 'ok' | 'error'; text: string } | null;

function saveFile(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Backup without a server, in the data-safety panel: save every fact of this laptop to one
 * passphrase-encrypted file, and restore such a file (offline, idempotent). The crypto and the
 * file format load only when used.
 */
export function LaptopBackupPanel() {
  const t = useT();
  const db = useDb();
  const { writer, now } = useDesk();
  const ids = { pass: useId(), again: useId(), file: useId(), restorePass: useId() };
  const [pass, setPass] = useState('');
  const [again, setAgain] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [restorePass, setRestorePass] = useState('');
  const [busy, setBusy] = useState<'making' | 'restoring' | null>(null);
  const [makeNote, setMakeNote] = useState<Note>(null);
  const [restoreNote, setRestoreNote] = useState<Note>(null);
  const lastBackupAt = useLiveQuery(() => readLastBackupAt(db), [db]);
  const laptop = useLiveQuery(() => readLaptopSummary(db, now()), [db, now]);

  const make = async (e: FormEvent) => {
    e.preventDefault();
    if (pass.length < BACKUP_MIN_PASSPHRASE) {
      setMakeNote({
        kind: 'error',
        text: t('backup.error.passphrase-short', { min: BACKUP_MIN_PASSPHRASE }),
      });
      return;
    }
    if (pass !== again) {
      setMakeNote({ kind: 'error', text: t('backup.error.passphrase-differs') });
      return;
    }
    setBusy('making');
    setMakeNote(null);
    try {
      const { makeLaptopBackup } = await import('../../db/laptop-backup.ts');
      const backup = await makeLaptopBackup(db, writer, pass, now());
      saveFile(backup.text, backup.fileName);
      setPass('');
      setAgain('');
      setMakeNote({
        kind: 'ok',
        text: t('backup.made', { count: backup.eventCount, file: backup.fileName }),
      });
    } catch (error) {
      setMakeNote({ kind: 'error', text: t('backup.error.failed', { detail: String(error) }) });
    } finally {
      setBusy(null);
    }
  };

  const restore = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) {
      setRestoreNote({ kind: 'error', text: t('backup.error.no-file') });
      return;
    }
    setBusy('restoring');
    setRestoreNote(null);
    try {
      const { restoreLaptopBackup } = await import('../../db/laptop-backup.ts');
      const result = await restoreLaptopBackup(db, await file.text(), restorePass, now());
      if (result.ok) {
        setRestorePass('');
        setRestoreNote({
          kind: 'ok',
          text: t('backup.restored', { added: result.added, total: result.inFile }),
        });
      } else {
        setRestoreNote({ kind: 'error', text: t(`backup.error.${result.problem}`) });
      }
    } catch (error) {
      setRestoreNote({ kind: 'error', text: t('backup.error.failed', { detail: String(error) }) });
    } finally {
      setBusy(null);
    }
  };

  const summary = laptop?.summary;
  return (
    <section id="laptop-backup" aria-labelledby="laptop-backup-title" className="laptop-backup">
      <h3 id="laptop-backup-title">{t('backup.title')}</h3>
      <p>{t('backup.intro')}</p>
      {laptop && summary ? (
        <p data-testid="backup-summary">
          {t('backup.summary', {
            facts: laptop.checksum.count,
            checksum: laptop.checksum.sum,
            clients: summary.total.registeredClients,
            members: summary.total.members,
            paying: summary.total.payingMembers,
            year: summary.year,
          })}
        </p>
      ) : null}
      <p>
        {lastBackupAt
          ? t('backup.last', {
              date: formatLocalDate(localDateOf(lastBackupAt)),
              time: localTimeOf(lastBackupAt),
            })
          : t('backup.never')}
      </p>
      <form onSubmit={make} noValidate>
        <label htmlFor={ids.pass}>{t('backup.passphrase', { min: BACKUP_MIN_PASSPHRASE })}</label>
        <input
          id={ids.pass}
          type="password"
          autoComplete="new-password"
          value={pass}
          onChange={(e) => setPass(e.target.value)}
        />
        <label htmlFor={ids.again}>{t('backup.passphraseAgain')}</label>
        <input
          id={ids.again}
          type="password"
          autoComplete="new-password"
          value={again}
          onChange={(e) => setAgain(e.target.value)}
        />
        <button type="submit" disabled={busy !== null}>
          {busy === 'making' ? t('backup.making') : t('backup.make')}
        </button>
        {makeNote ? (
          <p role={makeNote.kind === 'error' ? 'alert' : 'status'}>{makeNote.text}</p>
        ) : null}
      </form>
      <h3>{t('backup.restoreTitle')}</h3>
      <p>{t('backup.restoreIntro')}</p>
      <form onSubmit={restore} noValidate>
        <label htmlFor={ids.file}>{t('backup.file')}</label>
        <input
          id={ids.file}
          type="file"
          accept=".json,application/json"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        <label htmlFor={ids.restorePass}>{t('backup.restorePassphrase')}</label>
        <input
          id={ids.restorePass}
          type="password"
          autoComplete="off"
          value={restorePass}
          onChange={(e) => setRestorePass(e.target.value)}
        />
        <button type="submit" disabled={busy !== null}>
          {busy === 'restoring' ? t('backup.restoring') : t('backup.restore')}
        </button>
        {restoreNote ? (
          <p role={restoreNote.kind === 'error' ? 'alert' : 'status'}>{restoreNote.text}</p>
        ) : null}
      </form>
    </section>
  );
}
