import { useEffect, useState, type ReactNode } from 'react';
import { localTimeOf } from '../../../domain/amsterdam-time.ts';
import { useT } from '../../i18n/use-t.ts';
import type { ArrivalResult, DeskLine } from './use-desk-scan.ts';

type Tone = 'good' | 'info' | 'warn' | 'bad';

/** Icons beside the colours: the state never depends on colour (or reading) alone. */
const ICONS: Record<Tone, string> = { good: '✓', info: 'i', warn: '?', bad: '✕' };

/**
 * The big answer to a scan, on top of the one card: colour, icon and words. It sits in the
 * desk's "Scanresultaat" live region (always there, so a screen reader says each new answer).
 */
export function ResultBanner({
  tone,
  title,
  name,
  detail,
  action,
}: {
  tone: Tone;
  title: string;
  name?: string;
  detail: string;
  action?: ReactNode;
}) {
  return (
    <div className={`result-card result-${tone}`}>
      <span className="result-icon" aria-hidden="true">
        {ICONS[tone]}
      </span>
      <div className="result-text">
        {/* Seen once, in the card's heading below; heard here with the answer it belongs to. */}
        {name ? <p className="visually-hidden">{name}</p> : null}
        <p className="result-title">{title}</p>
        <p className="result-detail">{detail}</p>
      </div>
      {action}
    </div>
  );
}

/** "Welkom, Ama!" or "Al binnen sinds 10:42" on top of the person's card. */
export function ArrivalBanner({ result }: { result: ArrivalResult }) {
  const t = useT();
  if (result.kind === 'welcome')
    return (
      <ResultBanner
        tone="good"
        title={t(result.registered ? 'scan.result.registered' : 'scan.result.welcome', {
          name: result.name,
        })}
        detail={t(
          result.registered ? 'scan.result.registeredDetail' : 'scan.result.welcomeDetail',
          {
            time: localTimeOf(result.at),
          },
        )}
      />
    );
  return (
    <ResultBanner
      tone="info"
      name={result.name}
      title={t('scan.result.alreadyHere', { time: localTimeOf(result.sinceAt) })}
      detail={t('scan.result.alreadyHereDetail')}
    />
  );
}

/**
 * The one line under the scan field: one line of height is reserved, and it sits in the page flow,
 * never over a button. When a line runs out (no one touched anything), its room stays, invisible,
 * until the next key or tap: nothing on the desk moves under a volunteer's finger by itself.
 */
export function DeskLineView({
  line,
  onUndo,
  onDismiss,
  onPause,
}: {
  line: DeskLine | null;
  onUndo: (eventId: string) => void;
  onDismiss: () => void;
  onPause: (id: number | null) => void;
}) {
  const t = useT();
  const [previous, setPrevious] = useState(line);
  const [ghost, setGhost] = useState<DeskLine | null>(null);
  // A line closed with "Sluiten" goes at once: the volunteer asked for it, nothing moves unasked.
  const [closedId, setClosedId] = useState<number | null>(null);
  if (line !== previous) {
    setPrevious(line);
    setGhost(line === null && previous?.id !== closedId ? previous : null);
  }
  useEffect(() => {
    if (!ghost) return;
    const clear = () => setGhost(null);
    window.addEventListener('keydown', clear, { capture: true });
    window.addEventListener('pointerdown', clear, { capture: true });
    return () => {
      window.removeEventListener('keydown', clear, { capture: true });
      window.removeEventListener('pointerdown', clear, { capture: true });
    };
  }, [ghost]);
  const shown = line ?? ghost;
  let text = '';
  if (shown?.kind === 'done') text = shown.text;
  else if (shown?.kind === 'invalid')
    text = `${t('scan.result.invalid')}: ${t(`scan.invalid.${shown.reason}`)} ${t('scan.result.nothingRecorded')}`;
  else if (shown?.kind === 'pass-filled')
    text = t('scan.result.passFilledDetail', { code: shown.code });
  const tone = shown?.kind === 'invalid' ? 'bad' : 'ok';
  return (
    <div
      className={`desk-line${shown ? ` desk-line-${tone}` : ''}${line ? '' : ' desk-line-gone'}`}
      onMouseEnter={() => line && onPause(line.id)}
      onMouseLeave={() => onPause(null)}
      onFocus={() => line && onPause(line.id)}
      onBlur={() => onPause(null)}
    >
      <p className="desk-line-text" role="status" aria-live="polite">
        {shown ? (
          <>
            <span className="desk-line-icon" aria-hidden="true">
              {tone === 'bad' ? '✕' : '✓'}
            </span>{' '}
            {text}
          </>
        ) : null}
      </p>
      {shown?.kind === 'done' && shown.undoEventId && (
        <button type="button" className="done-undo" onClick={() => onUndo(shown.undoEventId!)}>
          {t('scan.undo')}
        </button>
      )}
      {shown && (
        <button
          type="button"
          className="secondary desk-line-close"
          onClick={() => {
            setClosedId(shown.id);
            onDismiss();
          }}
        >
          {t('scan.dismiss')}
        </button>
      )}
    </div>
  );
}
