import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useLiveQuery } from '../../db/use-live-query.ts';
import { validatePassCode } from '../../../domain/pass-code.ts';
import { useDesk } from '../../context/desk-context.tsx';
import { listServices } from '../../db/list-services.ts';
import { useDb } from '../../db/db-context.tsx';
import { checkInByPass, recordServiceUse } from '../../db/desk-actions.ts';
import { readPassShapes } from '../../db/pass-shapes-setting.ts';
import { useLang, useT } from '../../i18n/use-t.ts';
import { RoleGate } from '../../ui/role-gate.tsx';
import { useKioskStore } from './kiosk-store.ts';
import './kiosk.css';

/** Back to "Scan uw pas" after this long without a touch, so the next person never sees a name. */
const IDLE_MS = 30_000;

type KioskStep =
  | { kind: 'scan' }
  | { kind: 'welcome'; memberId: string; firstName: string; again: boolean; tapped: string[] }
  | { kind: 'sorry'; reason: 'unknown' | 'revoked' | 'invalid' | 'failed' };

/** Only the first name is shown at the door: enough for "Welkom, Ama!", nothing more. */
export function firstNameOf(name: string): string {
  return name.trim().split(/\s+/)[0] ?? '';
}

/**
 * The self check-in kiosk: a member scans, sees "Welkom, Ama!" and taps what they came for. It
 * shows no other person's data and no other screen; no menu, no search. Leaving needs the
 * coordinator's PIN (the role gate), also after a reload (kiosk-store remembers the mode).
 */
export function KioskView() {
  const t = useT();
  const lang = useLang();
  const db = useDb();
  const { writer, now } = useDesk();
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState('');
  const [step, setStep] = useState<KioskStep>({ kind: 'scan' });
  const [touchedAt, setTouchedAt] = useState(0);
  const [stopping, setStopping] = useState(false);
  const services =
    useLiveQuery(() => listServices(db, writer.locationId), [db, writer.locationId]) ?? [];

  useEffect(() => {
    if (step.kind === 'scan') return;
    const timer = setTimeout(() => setStep({ kind: 'scan' }), IDLE_MS);
    return () => clearTimeout(timer);
  }, [step, touchedAt]);

  useEffect(() => {
    if (stopping) return;
    // A scanner types wherever the focus is: digits always go to the pass field.
    const onKey = (e: KeyboardEvent) => {
      if (/^\d$/.test(e.key) && document.activeElement !== inputRef.current)
        inputRef.current?.focus();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [stopping]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const raw = value;
    setValue('');
    setTouchedAt(now());
    // The room's pass shapes, as at the desk: a room whose passes carry letters works here too.
    const pass = validatePassCode(raw, await readPassShapes(db, writer.locationId));
    if (!pass.ok) {
      setStep({ kind: 'sorry', reason: 'invalid' });
      return;
    }
    try {
      const outcome = await checkInByPass(db, writer, pass.code, now());
      if (outcome.kind === 'checked-in' || outcome.kind === 'already-here')
        setStep({
          kind: 'welcome',
          memberId: outcome.member.memberId,
          firstName: firstNameOf(outcome.member.name),
          again: outcome.kind === 'already-here',
          tapped: [],
        });
      else
        setStep({ kind: 'sorry', reason: outcome.kind === 'pass-unknown' ? 'unknown' : 'revoked' });
    } catch {
      setStep({ kind: 'sorry', reason: 'failed' });
    }
  };

  const tap = async (serviceId: string) => {
    if (step.kind !== 'welcome' || step.tapped.includes(serviceId)) return;
    setTouchedAt(now());
    try {
      await recordServiceUse(db, writer, step.memberId, serviceId, now());
      setStep((s) => (s.kind === 'welcome' ? { ...s, tapped: [...s.tapped, serviceId] } : s));
    } catch {
      setStep({ kind: 'sorry', reason: 'failed' });
    }
  };

  if (stopping)
    return (
      <main className="kiosk kiosk-stopping" id="main">
        <RoleGate role="coordinator">
          <button type="button" onClick={() => useKioskStore.getState().stop()}>
            {t('kiosk.stopNow')}
          </button>
        </RoleGate>
        <button type="button" className="secondary" onClick={() => setStopping(false)}>
          {t('kiosk.stopCancel')}
        </button>
      </main>
    );

  return (
    <main className="kiosk" id="main">
      <h1>{t('kiosk.heading')}</h1>
      <div className="kiosk-answer" role="status" aria-live="polite">
        {step.kind === 'welcome' && (
          <p className="kiosk-welcome">
            <span className="kiosk-icon" aria-hidden="true">
              ✓
            </span>{' '}
            {t(step.again ? 'kiosk.alreadyHere' : 'kiosk.welcome', { name: step.firstName })}
          </p>
        )}
        {step.kind === 'sorry' && (
          <p className="kiosk-sorry">
            <span className="kiosk-icon" aria-hidden="true">
              !
            </span>{' '}
            {t(`kiosk.${step.reason}`)}
          </p>
        )}
      </div>
      {step.kind === 'welcome' && (
        <section className="kiosk-services" aria-labelledby={`${inputId}-q`}>
          <h2 id={`${inputId}-q`}>{t('kiosk.question')}</h2>
          <div className="kiosk-grid">
            {services.map((s) => {
              const done = step.tapped.includes(s.id);
              return (
                <button
                  key={s.id}
                  type="button"
                  className={`kiosk-service${done ? ' kiosk-service-done' : ''}`}
                  aria-pressed={done}
                  onClick={() => void tap(s.id)}
                >
                  {s.name[lang]}
                  {done && <span className="kiosk-recorded"> ✓ {t('kiosk.recorded')}</span>}
                </button>
              );
            })}
          </div>
          <button type="button" className="kiosk-done" onClick={() => setStep({ kind: 'scan' })}>
            {t('kiosk.done')}
          </button>
        </section>
      )}
      <form className="kiosk-scan" onSubmit={(e) => void submit(e)}>
        <p className="kiosk-scan-title">{t('kiosk.scan')}</p>
        <p className="hint">{t('kiosk.scanHint')}</p>
        <label htmlFor={inputId}>{t('kiosk.typeLabel')}</label>
        <div className="kiosk-scan-row">
          <input
            ref={inputRef}
            id={inputId}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            // The kiosk has one field; the cursor starts there so a scanner works at once.
            autoFocus
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
          <button type="submit">{t('kiosk.typeSubmit')}</button>
        </div>
      </form>
      <button type="button" className="secondary kiosk-stop" onClick={() => setStopping(true)}>
        {t('kiosk.stop')}
      </button>
    </main>
  );
}
