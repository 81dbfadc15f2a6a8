import { localTimeOf } from '../../../domain/amsterdam-time.ts';
import { useLang, useT } from '../../i18n/use-t.ts';
import { describeContribution } from './contribution-text.ts';
import { isContributionOwed, type DeskResult } from './desk-result.ts';

export type ShownResult = { id: number; result: DeskResult };

type Tone = 'good' | 'info' | 'warn' | 'bad';

const ICONS: Record<Tone, string> = { good: '✓', info: 'i', warn: '!', bad: '✕' };

/**
 * The big answer to a scan: colour, icon, name and words. It fades by itself (paused while the
 * pointer or focus is on it) and is never a dialog: the next scan simply replaces it.
 */
export function ResultCard({
  shown,
  onExpire,
  onRegister,
}: {
  shown: ShownResult | null;
  onExpire: () => void;
  onRegister: (code: string) => void;
}) {
  const t = useT();
  const lang = useLang();
  const r = shown?.result;
  let tone: Tone = 'info';
  let title = '';
  let detail = '';
  let money: string | null = null;
  // Money owed is its own orange line, so the colour of the card still says "welcome" or "already here".
  const owed =
    (r?.kind === 'welcome' || r?.kind === 'already-here') && isContributionOwed(r.contribution);
  if (r) {
    switch (r.kind) {
      case 'welcome':
        tone = 'good';
        title = t(r.registered ? 'scan.result.registered' : 'scan.result.welcome', {
          name: r.name,
        });
        detail = t(r.registered ? 'scan.result.registeredDetail' : 'scan.result.welcomeDetail', {
          time: localTimeOf(r.at),
        });
        money = describeContribution(t, lang, r.contribution);
        break;
      case 'already-here':
        tone = 'info';
        title = t('scan.result.alreadyHere', { time: localTimeOf(r.sinceAt) });
        detail = t('scan.result.alreadyHereDetail', { name: r.name });
        money = describeContribution(t, lang, r.contribution);
        break;
      case 'unknown':
        tone = 'warn';
        title = t('scan.result.unknown');
        detail = t('scan.result.unknownDetail', { code: r.code });
        break;
      case 'revoked':
        tone = 'bad';
        title = t('scan.result.revoked');
        detail = t('scan.result.revokedDetail', { code: r.code });
        break;
      case 'invalid':
        tone = 'bad';
        title = t('scan.result.invalid');
        detail = `${t(`scan.invalid.${r.reason}`)} ${t('scan.result.nothingRecorded')}`;
        break;
      case 'pass-filled':
        tone = 'info';
        title = t('scan.result.passFilled');
        detail = t('scan.result.passFilledDetail', { code: r.code });
        break;
    }
  }
  return (
    <div
      className="result-slot"
      role="status"
      aria-live="polite"
      aria-atomic="true"
      aria-label={t('scan.result.label')}
    >
      {r && shown && (
        <div
          key={shown.id}
          className={`result-card result-${tone}`}
          onAnimationEnd={(e) => e.target === e.currentTarget && onExpire()}
        >
          <span className="result-icon" aria-hidden="true">
            {ICONS[tone]}
          </span>
          <div className="result-text">
            {r.kind === 'already-here' ? <p className="result-name">{r.name}</p> : null}
            <p className="result-title">{title}</p>
            <p className="result-detail">{detail}</p>
            {money && <p className={`result-money${owed ? ' result-money-owed' : ''}`}>{money}</p>}
          </div>
          {r.kind === 'unknown' && (
            <button type="button" className="result-action" onClick={() => onRegister(r.code)}>
              {t('scan.register.open')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
