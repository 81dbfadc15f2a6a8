import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLiveQuery } from '../../db/use-live-query.ts';
import { validatePassCode } from '../../../domain/pass-code.ts';
import { useDesk } from '../../context/desk-context.tsx';
import { listServices } from '../../db/apply-events.ts';
import { useDb } from '../../db/db-context.tsx';
import {
  checkInByMemberId,
  checkInByPass,
  readContribution,
  voidEvent,
  type ScanOutcome,
} from '../../db/desk-actions.ts';
import { readPass } from '../../db/desk-card-queries.ts';
import { useT } from '../../i18n/use-t.ts';
import { describeWriteError, type WriteProblem } from './describe-write-error.ts';
import { soundOf, type DeskResult } from './desk-result.ts';
import type { DeskWork } from './desk-work.ts';
import { MemberCard } from './member-card.tsx';
import { NameSearchPanel } from './name-search-panel.tsx';
import { PassEntry } from './pass-entry.tsx';
import { EMPTY_DRAFT, RegistrationPanel, type RegistrationDraft } from './registration-panel.tsx';
import { ResultCard, type ShownResult } from './result-card.tsx';
import { ScannerHelpLink } from './scanner-help-link.tsx';
import { ExpectedReferrals } from './expected-referrals.tsx';
import { useSoundStore } from './sound-store.ts';
import { useFeedbackSound } from './use-feedback-sound.ts';
import { useKeyboardWedge } from './use-keyboard-wedge.ts';
import { useScanHandoffStore } from './scan-handoff-store.ts';
import { useRoomPassShapes } from './use-room-pass-shapes.ts';
import { readPassShapes } from '../../db/pass-shapes-setting.ts';
import { loadCameraScanner, warmCameraScannerWhenIdle } from './camera/load-camera-scanner.ts';
import { UNDO_REASON, WalkInTally } from './walk-in-tally.tsx';
import './desk-screen.css';

// The camera and its decoder are not in the start bundle: they load when the laptop is idle
// after start (on a laptop with cameras), so the first "Camera" press is quick, or on that press.
const CameraScanner = lazy(loadCameraScanner);

function BarcodeIcon() {
  const bars = [0, 3, 5, 9, 12, 14, 18, 21, 25, 27];
  return (
    <svg
      className="scan-hint-icon"
      viewBox="0 0 30 24"
      width="44"
      height="36"
      aria-hidden="true"
      focusable="false"
    >
      {bars.map((x, i) => (
        <rect key={x} x={x} y={0} width={i % 3 === 0 ? 2 : 1} height={24} fill="currentColor" />
      ))}
    </svg>
  );
}

const RECENT_UNKNOWN_MS = 2 * 60_000;

/** How long "… genoteerd — Ongedaan maken" stays. */
const UNDO_MS = 10_000;

type DoneNote = { id: number; text: string; undoEventId?: string };

/**
 * The front desk: one screen, no modes. A USB scan, a typed number and a camera read all go
 * through `handleCode`; the answer is a card that fades by itself, and the person's card stays
 * below it with their services and contribution. Nothing here is a modal, so the next scan is
 * always handled, also while a newcomer is being registered.
 */
export function DeskScreen() {
  const t = useT();
  const db = useDb();
  const { writer, now } = useDesk();
  const passShapes = useRoomPassShapes();
  const play = useFeedbackSound();
  const soundOn = useSoundStore((s) => s.on);
  const toggleSound = useSoundStore((s) => s.toggle);

  const [shown, setShown] = useState<ShownResult | null>(null);
  const [memberId, setMemberId] = useState<string | null>(null);
  const [registering, setRegistering] = useState(false);
  const [draft, setDraft] = useState<RegistrationDraft>(EMPTY_DRAFT);
  const [done, setDone] = useState<DoneNote | null>(null);
  const [problem, setProblem] = useState<WriteProblem | null>(null);
  const [cameraOpen, setCameraOpen] = useState(false);
  const [scanLooksWrong, setScanLooksWrong] = useState(false);
  const counter = useRef(0);
  const registeringRef = useRef(registering);
  const lastUnknown = useRef<{ code: string; at: number } | null>(null);
  const registerButtonRef = useRef<HTMLButtonElement>(null);
  const services =
    useLiveQuery(() => listServices(db, writer.locationId), [db, writer.locationId]) ?? [];

  useEffect(() => {
    registeringRef.current = registering;
  }, [registering]);

  // The id of the note being pointed at or focused; a new note is never paused by an old hover.
  const [donePausedId, setDonePausedId] = useState<number | null>(null);
  useEffect(() => {
    // Paused while pointed at or focused, so reaching for "Ongedaan maken" never races the timer.
    if (!done || donePausedId === done.id) return;
    const timer = setTimeout(() => setDone((d) => (d?.id === done.id ? null : d)), UNDO_MS);
    return () => clearTimeout(timer);
  }, [done, donePausedId]);

  const show = useCallback(
    (result: DeskResult) => {
      counter.current += 1;
      setShown({ id: counter.current, result });
      play(soundOf(result));
    },
    [play],
  );

  const work = useMemo<DeskWork>(
    () => ({
      run: async (write) => {
        try {
          const value = await write();
          setProblem(null);
          return value;
        } catch (error) {
          setProblem(describeWriteError(error));
          play('error');
          return undefined;
        }
      },
      done: (text, undoEventId) => {
        counter.current += 1;
        setDone(
          undoEventId ? { id: counter.current, text, undoEventId } : { id: counter.current, text },
        );
      },
    }),
    [play],
  );

  const showOutcome = useCallback(
    (outcome: ScanOutcome) => {
      switch (outcome.kind) {
        case 'checked-in':
          setMemberId(outcome.member.memberId);
          show({
            kind: 'welcome',
            name: outcome.member.name,
            at: outcome.at,
            contribution: outcome.contribution,
            registered: false,
          });
          return;
        case 'already-here':
          setMemberId(outcome.member.memberId);
          show({
            kind: 'already-here',
            name: outcome.member.name,
            sinceAt: outcome.sinceAt,
            contribution: outcome.contribution,
          });
          return;
        case 'pass-unknown':
          lastUnknown.current = { code: outcome.code, at: now() };
          show({ kind: 'unknown', code: outcome.code });
          return;
        case 'pass-revoked':
          show({ kind: 'revoked', code: outcome.code });
          return;
      }
    },
    [show, now],
  );

  /** The one path for every pass number, however it arrived. Resolves whether it was read. */
  const handleCode = useCallback(
    async (raw: string): Promise<boolean> => {
      // The room's shapes are read with the scan, so a setting just saved applies at once.
      const pass = validatePassCode(raw, await readPassShapes(db, writer.locationId));
      setScanLooksWrong(!pass.ok);
      if (!pass.ok) {
        show({ kind: 'invalid', reason: pass.reason });
        return false;
      }
      if (registeringRef.current) {
        // While registering, a scan of a pass nobody has is the newcomer's new pass: it goes into
        // the form and nothing else changes. A known pass is someone else arriving: check them in
        // as usual; the form keeps what was typed.
        const existing = await work.run(() => readPass(db, pass.code));
        if (existing === undefined && registeringRef.current) {
          setDraft((d) => ({ ...d, passCode: pass.code }));
          show({ kind: 'pass-filled', code: pass.code });
          return true;
        }
      }
      const outcome = await work.run(() => checkInByPass(db, writer, pass.code, now()));
      if (!outcome) return false;
      showOutcome(outcome);
      return true;
    },
    [db, writer, now, show, showOutcome, work],
  );

  useKeyboardWedge((scan) => void handleCode(scan.text), { shapes: passShapes });

  useEffect(() => (navigator.mediaDevices ? warmCameraScannerWhenIdle() : undefined), []);

  // A pass scanned on another screen brought the volunteer here: handle it as if scanned here.
  useEffect(() => {
    const handed = useScanHandoffStore.getState().take();
    // Handled after this render (taken once, so StrictMode's second run finds nothing).
    if (handed !== null) void Promise.resolve(handed).then(handleCode);
  }, [handleCode]);

  const checkInMember = useCallback(
    async (id: string) => {
      const outcome = await work.run(() => checkInByMemberId(db, writer, id, now()));
      if (outcome) showOutcome(outcome);
    },
    [db, writer, now, showOutcome, work],
  );

  const openRegistration = (code?: string) => {
    // The unknown pass's card may have faded before the volunteer pressed "register": a pass
    // scanned in the last two minutes still fills the number in (it stays editable).
    const recent =
      lastUnknown.current && now() - lastUnknown.current.at < RECENT_UNKNOWN_MS
        ? lastUnknown.current.code
        : '';
    const fill = code ?? recent;
    setDraft((d) =>
      fill && !d.passCode ? { ...d, passCode: fill } : code ? { ...d, passCode: code } : d,
    );
    setRegistering(true);
  };

  const closeRegistration = () => {
    setRegistering(false);
    // Focus goes back to where registering starts, never into nowhere.
    setTimeout(() => registerButtonRef.current?.focus(), 0);
  };

  const onRegistered = async (id: string, name: string) => {
    setRegistering(false);
    // The long form is gone: back to the top, where the answer card and the scanner field are.
    window.scrollTo?.({ top: 0 });
    setTimeout(() => registerButtonRef.current?.focus({ preventScroll: true }), 0);
    setDraft(EMPTY_DRAFT);
    setMemberId(id);
    const contribution = await work.run(() => readContribution(db, id, writer.locationId, now()));
    if (contribution)
      show({
        kind: 'welcome',
        name,
        at: new Date(now()).toISOString(),
        contribution,
        registered: true,
      });
  };

  const undo = async (note: DoneNote) => {
    if (!note.undoEventId) return;
    const result = await work.run(() =>
      voidEvent(db, writer, note.undoEventId!, UNDO_REASON, now()),
    );
    if (result) {
      counter.current += 1;
      setDone({ id: counter.current, text: t('scan.undone') });
    }
  };

  return (
    <div className="desk">
      <h1 className="visually-hidden">{t('scan.heading')}</h1>
      <div className="desk-top">
        <p className="scan-hint">
          <BarcodeIcon />
          {t('scan.hint')}
        </p>
        <PassEntry onCode={handleCode} />
        <div className="desk-tools">
          <button
            type="button"
            className="secondary"
            aria-label={t('scan.cameraButtonLabel')}
            aria-expanded={cameraOpen}
            onClick={() => setCameraOpen((o) => !o)}
          >
            {t('scan.cameraButton')}
          </button>
          <button type="button" className="secondary" aria-pressed={soundOn} onClick={toggleSound}>
            {soundOn ? t('scan.sound.on') : t('scan.sound.off')}
          </button>
          <button
            ref={registerButtonRef}
            type="button"
            className="secondary"
            aria-expanded={registering}
            onClick={() => (registering ? closeRegistration() : openRegistration())}
          >
            {t('scan.register.open')}
          </button>
        </div>
      </div>

      {problem && (
        <div className="desk-problem" role="alert">
          <p>
            {problem.key === 'app.storageFull'
              ? t('app.storageFull')
              : t('app.writeFailed', { detail: problem.detail })}
          </p>
          <button type="button" className="secondary" onClick={() => setProblem(null)}>
            {t('scan.dismiss')}
          </button>
        </div>
      )}

      {scanLooksWrong && <ScannerHelpLink />}
      <ResultCard
        shown={shown}
        onExpire={() => setShown(null)}
        onRegister={(code) => openRegistration(code)}
      />

      {cameraOpen && (
        <Suspense fallback={<p className="camera-loading">{t('scan.cameraLoading')}</p>}>
          <CameraScanner
            onCode={(code) => void handleCode(code)}
            onClose={() => setCameraOpen(false)}
          />
        </Suspense>
      )}

      <div className="desk-main">
        <div className="desk-left">
          {registering && (
            <RegistrationPanel
              draft={draft}
              onChange={setDraft}
              onClose={closeRegistration}
              onRegistered={(id, name) => void onRegistered(id, name)}
              work={work}
            />
          )}
          {memberId ? (
            <MemberCard
              memberId={memberId}
              services={services}
              work={work}
              onClose={() => setMemberId(null)}
            />
          ) : (
            !registering && <p className="desk-empty">{t('scan.empty')}</p>
          )}
        </div>
        <div className="desk-right">
          <NameSearchPanel onCheckIn={checkInMember} />
          <ExpectedReferrals memberId={memberId} work={work} />
          <WalkInTally services={services} work={work} />
        </div>
      </div>

      {done && (
        <div
          className="done-bar"
          role="status"
          onMouseEnter={() => setDonePausedId(done.id)}
          onMouseLeave={() => setDonePausedId(null)}
          onFocus={() => setDonePausedId(done.id)}
          onBlur={() => setDonePausedId(null)}
        >
          <span className="done-text">{done.text}</span>
          {done.undoEventId && (
            <button type="button" className="done-undo" onClick={() => void undo(done)}>
              {t('scan.undo')}
            </button>
          )}
          <button type="button" className="secondary" onClick={() => setDone(null)}>
            {t('scan.dismiss')}
          </button>
        </div>
      )}
    </div>
  );
}
