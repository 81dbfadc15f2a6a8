import { useEffect, useRef, useState } from 'react';
import { useLiveQuery } from '../../db/use-live-query.ts';
import { useDesk } from '../../context/desk-context.tsx';
import { listServices } from '../../db/list-services.ts';
import { useDb } from '../../db/db-context.tsx';
import { useT } from '../../i18n/use-t.ts';
import { MemberCard } from './member-card.tsx';
import { NameSearchPanel } from './name-search-panel.tsx';
import { PassEntry } from './pass-entry.tsx';
import { RegistrationPanel } from './registration-panel.tsx';
import { ArrivalBanner, DeskLineView, ResultBanner } from './result-card.tsx';
import { canSpeak } from './read-aloud.ts';
import { useReadAloudStore } from './read-aloud-store.ts';
import { ScannerHelpLink } from './scanner-help-link.tsx';
import { ExpectedReferrals } from './expected-referrals.tsx';
import { useSoundStore } from './sound-store.ts';
import { useDeskScan } from './use-desk-scan.ts';
import type { CameraScannerProps } from './camera/camera-scanner.tsx';
import { useCameraScannerModule, warmCameraScannerWhenIdle } from './camera/load-camera-scanner.ts';
import { dropEarlyCameraStream, openEarlyCameraStream } from './camera/early-camera-stream.ts';
import { WalkInTally } from './walk-in-tally.tsx';
import './desk-screen.css';

/**
 * The camera and its decoder are not in the start bundle: they load when the laptop is idle after
 * start (on a laptop with cameras), so the first "Camera" press is quick, or on that press (then
 * "loading" shows until it has loaded, and not a moment longer: no Suspense, which holds its
 * fallback at least 300 ms; the camera is asked for at once, so it starts while the chunk loads).
 * Always this one component, so the scanner is never remounted (and the camera never restarted)
 * when the load completes while it is open.
 */
function CameraScanner(props: CameraScannerProps) {
  const t = useT();
  const module = useCameraScannerModule();
  const loadedAtPress = useRef(module !== null);
  useEffect(() => {
    // A loaded scanner (mounted in this same commit) asks for the camera itself.
    if (!loadedAtPress.current) openEarlyCameraStream();
    return dropEarlyCameraStream;
  }, []);
  if (!module) return <p className="camera-loading">{t('scan.cameraLoading')}</p>;
  const Scanner = module.default;
  return <Scanner {...props} />;
}

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

/**
 * The front desk: one screen, no modes, one card. A USB scan, a typed number, a camera read, a
 * search hit and a registration all end in the same card slot, which the next one replaces
 * (`useDeskScan` decides what it shows). Nothing here is a modal, so the next scan is always
 * handled, also while a newcomer is being registered.
 */
export function DeskScreen() {
  const t = useT();
  const db = useDb();
  const { writer } = useDesk();
  const soundOn = useSoundStore((s) => s.on);
  const toggleSound = useSoundStore((s) => s.toggle);
  const readAloudOn = useReadAloudStore((s) => s.on);
  const toggleReadAloud = useReadAloudStore((s) => s.toggle);
  const [cameraOpen, setCameraOpen] = useState(false);
  const registerButtonRef = useRef<HTMLButtonElement>(null);
  const desk = useDeskScan();
  const { stage } = desk;
  const services =
    useLiveQuery(() => listServices(db, writer.locationId), [db, writer.locationId]) ?? [];

  useEffect(() => (navigator.mediaDevices ? warmCameraScannerWhenIdle() : undefined), []);

  // On a phone the answer lands below the scan tools: bring it into view, so the volunteer sees it
  // without scrolling. Where it is already on screen (a laptop), nothing moves.
  const cardRef = useRef<HTMLDivElement>(null);
  const answerId = stage.kind === 'idle' ? 0 : stage.id;
  useEffect(() => {
    // After the frame: a registration's "back to the top" and the new card's layout come first.
    const frame = requestAnimationFrame(() => {
      const slot = cardRef.current?.querySelector('.result-slot-filled');
      if (!slot || slot.getBoundingClientRect().bottom <= window.innerHeight) return;
      cardRef.current?.scrollIntoView?.({ block: 'start' });
    });
    return () => cancelAnimationFrame(frame);
  }, [answerId]);

  const closeRegistration = () => {
    desk.closeRegistration();
    // Focus goes back to where registering starts, never into nowhere.
    setTimeout(() => registerButtonRef.current?.focus(), 0);
  };

  let banner = null;
  if (stage.kind === 'client') banner = <ArrivalBanner key={stage.id} result={stage.result} />;
  else if (stage.kind === 'register' && stage.unknownCode)
    banner = (
      <ResultBanner
        key={stage.id}
        tone="warn"
        title={t('scan.result.unknown')}
        detail={t('scan.result.unknownDetail', { code: stage.unknownCode })}
      />
    );
  else if (stage.kind === 'revoked')
    banner = (
      <ResultBanner
        key={stage.id}
        tone="bad"
        title={t('scan.result.revoked')}
        detail={t('scan.result.revokedDetail', { code: stage.code })}
        action={
          <button type="button" className="secondary result-action" onClick={desk.closeCard}>
            {t('scan.dismiss')}
          </button>
        }
      />
    );

  let card;
  switch (stage.kind) {
    case 'client':
      card = (
        <MemberCard
          key={stage.id}
          memberId={stage.memberId}
          arrival={stage.arrival}
          services={services}
          work={desk.work}
          onClose={desk.closeCard}
        />
      );
      break;
    case 'register':
      card = (
        <RegistrationPanel
          key={stage.id}
          draft={desk.draft}
          onChange={desk.setDraft}
          onClose={closeRegistration}
          onRegistered={(id, name) => void desk.onRegistered(id, name)}
          work={desk.work}
        />
      );
      break;
    case 'revoked':
      card = null;
      break;
    case 'idle':
      card = <p className="desk-empty">{t('scan.empty')}</p>;
      break;
  }

  return (
    <div className="desk">
      <h1 className="visually-hidden">{t('scan.heading')}</h1>
      <div className="desk-top">
        <p className="scan-hint">
          <BarcodeIcon />
          {t('scan.hint')}
        </p>
        <PassEntry onCode={desk.handleCode} />
        <div className="desk-tools">
          <button
            ref={registerButtonRef}
            type="button"
            className="secondary"
            aria-expanded={stage.kind === 'register'}
            onClick={() =>
              stage.kind === 'register' ? closeRegistration() : desk.openRegistration()
            }
          >
            {t('scan.register.open')}
          </button>
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
          {canSpeak() && (
            <button
              type="button"
              className="secondary"
              aria-pressed={readAloudOn}
              onClick={toggleReadAloud}
            >
              {readAloudOn ? t('scan.readAloud.on') : t('scan.readAloud.off')}
            </button>
          )}
        </div>
      </div>

      {desk.problem && (
        <div className="desk-problem" role="alert">
          <p>
            {desk.problem.key === 'app.storageFull'
              ? t('app.storageFull')
              : t('app.writeFailed', { detail: desk.problem.detail })}
          </p>
          <button type="button" className="secondary" onClick={() => desk.setProblem(null)}>
            {t('scan.dismiss')}
          </button>
        </div>
      )}

      {cameraOpen && (
        <CameraScanner
          onCode={(code) => void desk.handleCode(code)}
          onClose={() => setCameraOpen(false)}
        />
      )}

      {/* A scan that could not be read may be the scanner's settings: the self-test is one tap. */}
      {desk.line?.kind === 'invalid' && <ScannerHelpLink />}
      <DeskLineView
        line={desk.line}
        onUndo={(id) => void desk.undo(id)}
        onDismiss={() => desk.setLine(null)}
        onPause={desk.setLinePausedId}
      />

      <div className="desk-main">
        <div className="desk-left" id="desk-card" ref={cardRef}>
          {/* Always present, so each new answer is announced; banner and card read as one card. */}
          <div
            className={`result-slot${banner ? ' result-slot-filled' : ''}`}
            role="status"
            aria-live="polite"
            aria-atomic="true"
            aria-label={t('scan.result.label')}
          >
            {banner}
          </div>
          {card}
        </div>
        <div className="desk-right">
          {/* These panels (and PassEntry) are memo and take only stable handlers: a scan draws
              the answer, the card and the referral line again, not them. */}
          <NameSearchPanel onCheckIn={desk.checkInMember} />
          <ExpectedReferrals
            memberId={stage.kind === 'client' ? stage.memberId : null}
            work={desk.work}
          />
          <WalkInTally services={services} work={desk.work} />
        </div>
      </div>
    </div>
  );
}
