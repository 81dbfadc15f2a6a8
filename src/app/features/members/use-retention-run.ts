import { useRef, useState } from 'react';
import { useDesk } from '../../context/desk-context.tsx';
import { useDb } from '../../db/db-context.tsx';
import { deregisterPerson, eraseMember } from '../../db/member-admin-actions.ts';
import { useT } from '../../i18n/use-t.ts';
import { useDescribeError } from '../../ui/describe-error.ts';

export type RetentionRun = {
  kind: 'erase' | 'deregister';
  done: number;
  total: number;
  state: 'running' | 'stopped' | 'finished';
};

/**
 * Erases or deregisters the chosen people one by one. Each person is its own transaction, so
 * stopping (or closing the laptop) halfway loses nothing: what is done is saved, and the rest is
 * still on the list. `onDone` takes each finished person off the selection.
 */
export function useRetentionRun(onDone: (memberId: string) => void) {
  const t = useT();
  const describeError = useDescribeError();
  const db = useDb();
  const { writer, now } = useDesk();
  const [run, setRun] = useState<RetentionRun | null>(null);
  const [error, setError] = useState<string | null>(null);
  const stopRef = useRef(false);

  async function start(kind: RetentionRun['kind'], ids: readonly string[], reason: string) {
    setError(null);
    stopRef.current = false;
    let done = 0;
    setRun({ kind, done, total: ids.length, state: 'running' });
    for (const memberId of ids) {
      if (stopRef.current) {
        setRun({ kind, done, total: ids.length, state: 'stopped' });
        return;
      }
      try {
        if (kind === 'erase') await eraseMember(db, writer, memberId, now());
        else await deregisterPerson(db, writer, memberId, reason, now());
      } catch (err) {
        setError(t('members.saveFailed', { detail: describeError(err) }));
        setRun({ kind, done, total: ids.length, state: 'stopped' });
        return;
      }
      done += 1;
      setRun({ kind, done, total: ids.length, state: 'running' });
      onDone(memberId);
    }
    setRun({ kind, done, total: ids.length, state: 'finished' });
  }

  const stop = () => {
    stopRef.current = true;
  };
  return { run, error, running: run?.state === 'running', start, stop };
}
