/**
 * RoleGate: puts a screen behind a role PIN on a shared laptop.
 *
 *   <RoleGate role="treasurer">…</RoleGate>     or     <RoleGate role="coordinator">…</RoleGate>
 *
 * Props
 * - `role`: 'treasurer' | 'coordinator' — whose PIN opens the children.
 * - `children`: the protected screen. It renders only while the role is unlocked, inside a
 *   DeskProvider whose `writer.role` is `role`, so every fact the screen writes (payments, voids,
 *   waivers, counts) records which role made it. Use `useDesk()` as usual.
 *
 * Behaviour: the PIN is checked against the latest synced `role-pin-set` fact (PBKDF2-SHA-256).
 * On a fresh install the coordinator first chooses the coordinator PIN; a treasurer PIN is then
 * set by the coordinator (with the coordinator PIN). After 5 wrong tries the form waits 30 s,
 * doubling per further wrong try (src/domain/role-pin.ts); the count is kept on this laptop. An
 * unlocked screen locks after 5 minutes without a key press or tap: the first touch after that
 * locks instead of acting. The unlocked state lives in memory only; a reload locks.
 *
 * `ChangeRolePinForm` is exported for the coordinator's settings (set or reset another role's PIN).
 */
import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useState,
  type FormEvent,
  type ReactNode,
} from 'react';
import { useLiveQuery } from '../db/use-live-query.ts';
import {
  checkNewPin,
  checkPinLock,
  decidePinGateStep,
  isSessionExpired,
  PIN_POLICY,
  registerRightPin,
  registerWrongPin,
  type GatedRole,
  type PinFormatProblem,
} from '../../domain/role-pin.ts';
import { DeskProvider, useDesk } from '../context/desk-context.tsx';
import { useDb } from '../db/db-context.tsx';
import type { BuurtpasDb } from '../db/database.ts';
import {
  readPinAttempts,
  readRolePins,
  writePinAttempts,
  writeRolePin,
} from '../db/treasurer-role-pins.ts';
import { useT, type Translate } from '../i18n/use-t.ts';
import { hashRolePin, verifyRolePin } from './role-pin-hash.ts';
import { useRoleSessionStore } from './role-session-store.ts';
import './role-gate.css';

export type RoleGateProps = { role: GatedRole; children: ReactNode };

const clockFormat = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'Europe/Amsterdam',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

type PinCheck = { ok: true } | { ok: false; message: string };

/** Checks a typed PIN against the role's current hash, counting wrong tries on this laptop. */
async function tryPin(
  db: BuurtpasDb,
  role: GatedRole,
  pin: string,
  nowMs: number,
  t: Translate,
): Promise<PinCheck> {
  const attempts = await readPinAttempts(db, role);
  const lock = checkPinLock(attempts, nowMs);
  if (lock.locked)
    return {
      ok: false,
      message: t('role.pin.lockedUntil', { time: clockFormat.format(lock.untilMs) }),
    };
  const stored = (await readRolePins(db)).get(role);
  if (stored && (await verifyRolePin(pin, stored))) {
    await writePinAttempts(db, role, registerRightPin());
    return { ok: true };
  }
  const next = registerWrongPin(attempts, nowMs);
  await writePinAttempts(db, role, next);
  const after = checkPinLock(next, nowMs);
  return {
    ok: false,
    message: after.locked
      ? t('role.pin.lockedUntil', { time: clockFormat.format(after.untilMs) })
      : t('role.pin.wrong', { count: after.triesLeft }),
  };
}

export function RoleGate({ role, children }: RoleGateProps) {
  const desk = useDesk();
  const { now } = desk;
  const unlocked = useRoleSessionStore((s) => s.lastActivity[role] !== undefined);
  const [lockedByInactivity, setLockedByInactivity] = useState(false);

  const expireIfQuiet = useCallback((): boolean => {
    const store = useRoleSessionStore.getState();
    const last = store.lastActivity[role];
    if (last === undefined) return false;
    if (!isSessionExpired(last, now())) return false;
    store.lock(role);
    setLockedByInactivity(true);
    return true;
  }, [role, now]);

  useEffect(() => {
    if (!unlocked) return;
    // Coming back to this screen after the quiet time: lock at once, not on the next tick.
    const first = setTimeout(expireIfQuiet, 0);
    const timer = setInterval(expireIfQuiet, 10_000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [unlocked, expireIfQuiet]);

  const roleDesk = useMemo(() => ({ ...desk, writer: { ...desk.writer, role } }), [desk, role]);

  if (!unlocked) {
    return (
      <LockedGate
        role={role}
        notice={lockedByInactivity}
        onUnlocked={() => {
          setLockedByInactivity(false);
          useRoleSessionStore.getState().unlock(role, now());
        }}
      />
    );
  }

  // Capture phase: the first touch after the quiet time locks the screen instead of acting on it.
  const onActivity = (event: { preventDefault: () => void; stopPropagation: () => void }) => {
    if (expireIfQuiet()) {
      event.preventDefault();
      event.stopPropagation();
      return;
    }
    useRoleSessionStore.getState().touch(role, now());
  };

  return (
    <div
      className="role-gate-open"
      onPointerDownCapture={onActivity}
      onKeyDownCapture={onActivity}
      onClickCapture={onActivity}
    >
      <UnlockedBar role={role} />
      <DeskProvider desk={roleDesk}>{children}</DeskProvider>
    </div>
  );
}

function UnlockedBar({ role }: { role: GatedRole }) {
  const t = useT();
  const [changing, setChanging] = useState(false);
  const roleName = t(`role.name.${role}`);
  return (
    <div className="role-bar no-print">
      <span>{t('role.unlocked', { role: roleName })}</span>
      <button
        type="button"
        className="secondary"
        onClick={() => setChanging((c) => !c)}
        aria-expanded={changing}
      >
        {t('role.change.open')}
      </button>
      <button
        type="button"
        className="secondary"
        onClick={() => useRoleSessionStore.getState().lock(role)}
      >
        {t('role.lockNow')}
      </button>
      {changing && <ChangeRolePinForm role={role} onDone={() => setChanging(false)} />}
    </div>
  );
}

function LockedGate({
  role,
  notice,
  onUnlocked,
}: {
  role: GatedRole;
  notice: boolean;
  onUnlocked: () => void;
}) {
  const t = useT();
  const db = useDb();
  const pins = useLiveQuery(() => readRolePins(db), [db]);
  if (!pins) return <p className="loading">{t('app.loading')}</p>;
  const step = decidePinGateStep(role, pins);
  const roleName = t(`role.name.${role}`);
  return (
    <section className="role-gate" aria-labelledby="role-gate-title">
      {notice && (
        <p className="role-notice" role="status">
          {t('role.lockedByInactivity')}
        </p>
      )}
      {step.kind === 'enter-pin' && (
        <>
          <h1 id="role-gate-title">{t('role.locked.title', { role: roleName })}</h1>
          <p>{t('role.locked.intro')}</p>
          <PinEntryForm role={role} onUnlocked={onUnlocked} />
        </>
      )}
      {step.kind === 'set-first-coordinator-pin' && (
        <>
          <h1 id="role-gate-title">{t('role.first.title')}</h1>
          <p>{t('role.first.intro')}</p>
          <NewPinForm
            role="coordinator"
            writerRole="coordinator"
            onSaved={role === 'coordinator' ? onUnlocked : undefined}
          />
        </>
      )}
      {step.kind === 'coordinator-sets-role-pin' && (
        <>
          <h1 id="role-gate-title">{t('role.setBy.title', { role: roleName })}</h1>
          <p>{t('role.setBy.intro', { role: roleName })}</p>
          <NewPinForm role={role} writerRole="coordinator" proveWith="coordinator" />
        </>
      )}
    </section>
  );
}

function PinEntryForm({ role, onUnlocked }: { role: GatedRole; onUnlocked: () => void }) {
  const t = useT();
  const db = useDb();
  const { now } = useDesk();
  const id = useId();
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const result = await tryPin(db, role, pin, now(), t);
    setBusy(false);
    setPin('');
    if (result.ok) onUnlocked();
    else setMessage(result.message);
  };
  return (
    <form className="role-form" onSubmit={submit}>
      <label htmlFor={`${id}-pin`}>{t('role.pin.label', { role: t(`role.name.${role}`) })}</label>
      <input
        id={`${id}-pin`}
        type="password"
        inputMode="numeric"
        autoComplete="off"
        value={pin}
        onChange={(e) => setPin(e.target.value)}
        autoFocus
      />
      <button type="submit" disabled={busy || pin === ''}>
        {busy ? t('role.pin.checking') : t('role.pin.open')}
      </button>
      {message && (
        <p role="alert" className="role-error">
          {message}
        </p>
      )}
    </form>
  );
}

function problemText(t: Translate, problem: PinFormatProblem): string {
  return t(`role.problem.${problem}`);
}

/**
 * Sets `role`'s PIN. With `proveWith`, the PIN of that role must be typed first (the coordinator
 * setting the treasurer PIN, or anyone changing their own PIN). The fact is written as `writerRole`.
 */
function NewPinForm({
  role,
  writerRole,
  proveWith,
  onSaved,
}: {
  role: GatedRole;
  writerRole: GatedRole;
  proveWith?: GatedRole;
  onSaved?: (() => void) | undefined;
}) {
  const t = useT();
  const db = useDb();
  const { writer, now } = useDesk();
  const id = useId();
  const [proof, setProof] = useState('');
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = checkNewPin(pin, repeat);
    if (problem) return setMessage({ kind: 'error', text: problemText(t, problem) });
    setBusy(true);
    try {
      if (proveWith) {
        const proved = await tryPin(db, proveWith, proof, now(), t);
        if (!proved.ok) {
          setMessage({
            kind: 'error',
            text:
              proveWith === role
                ? t('role.change.wrongCurrent') + ' ' + proved.message
                : proved.message,
          });
          setProof('');
          return;
        }
      }
      const hash = await hashRolePin(pin, writer.random, PIN_POLICY.iterations);
      await writeRolePin(db, { ...writer, role: writerRole }, role, hash, now());
      setPin('');
      setRepeat('');
      setProof('');
      setMessage({ kind: 'ok', text: t('role.new.saved') });
      onSaved?.();
    } catch (err) {
      setMessage({
        kind: 'error',
        text: t('role.problem.saveFailed', {
          detail: err instanceof Error ? err.message : String(err),
        }),
      });
    } finally {
      setBusy(false);
    }
  };
  const proveLabel =
    proveWith === 'coordinator' && role !== 'coordinator'
      ? t('role.setBy.coordinatorPin')
      : t('role.change.current', { role: t(`role.name.${proveWith ?? role}`) });
  return (
    <form className="role-form" onSubmit={submit}>
      {proveWith && (
        <>
          <label htmlFor={`${id}-proof`}>{proveLabel}</label>
          <input
            id={`${id}-proof`}
            type="password"
            inputMode="numeric"
            autoComplete="off"
            value={proof}
            onChange={(e) => setProof(e.target.value)}
          />
        </>
      )}
      <label htmlFor={`${id}-new`}>{t('role.new.pin')}</label>
      <input
        id={`${id}-new`}
        type="password"
        inputMode="numeric"
        autoComplete="new-password"
        value={pin}
        onChange={(e) => setPin(e.target.value)}
      />
      <label htmlFor={`${id}-repeat`}>{t('role.new.repeat')}</label>
      <input
        id={`${id}-repeat`}
        type="password"
        inputMode="numeric"
        autoComplete="new-password"
        value={repeat}
        onChange={(e) => setRepeat(e.target.value)}
      />
      <button type="submit" disabled={busy}>
        {busy ? t('role.pin.checking') : t('role.new.save')}
      </button>
      {message && (
        <p
          role={message.kind === 'error' ? 'alert' : 'status'}
          className={message.kind === 'error' ? 'role-error' : 'role-ok'}
        >
          {message.text}
        </p>
      )}
    </form>
  );
}

/**
 * Changes a role's PIN. Inside an unlocked coordinator gate, `role="treasurer"` lets the
 * coordinator set a new treasurer PIN (proved with the coordinator PIN); for one's own role the
 * current PIN is asked first. Props: `role` (whose PIN), `onDone` (called after saving, optional).
 */
export function ChangeRolePinForm({ role, onDone }: { role: GatedRole; onDone?: () => void }) {
  const t = useT();
  const { writer } = useDesk();
  const byCoordinator = writer.role === 'coordinator' && role !== 'coordinator';
  return (
    <div className="role-change">
      <h2>{t('role.change.title', { role: t(`role.name.${role}`) })}</h2>
      <NewPinForm
        role={role}
        writerRole={byCoordinator ? 'coordinator' : role}
        proveWith={byCoordinator ? 'coordinator' : role}
        onSaved={onDone}
      />
      {onDone && (
        <button type="button" className="secondary" onClick={onDone}>
          {t('role.change.cancel')}
        </button>
      )}
    </div>
  );
}
