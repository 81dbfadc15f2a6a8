import { useCallback, useEffect, useRef, useState } from 'react';
import {
  checkScanner,
  TEST_PASS_TEXT,
  type RecordedKey,
  type ScannerCheck,
  type ScannerFinding,
} from '../../../domain/scanner-check.ts';
import { useT, type Translate } from '../../i18n/use-t.ts';
import './scanner-test.css';

/** The hash the desk links to when a scan looked wrong. */
export const SCANNER_TEST_HASH = '#scanner-test';

/** Silence after the last key that ends a test without Enter; generous, a scan is one burst. */
const SILENCE_MS = 1200;
/** After Enter, keys still in flight (a scanner that sends CR LF) are waited for this long. */
const AFTER_END_MS = 200;

function findingText(t: Translate, f: ScannerFinding): string {
  if (f.code === 'too-slow') return t('scannerTest.finding.too-slow', { ms: f.slowestGapMs });
  return t(`scannerTest.finding.${f.code}`);
}

/** The test pass as a Code 128 symbol (set B: letters too); the encoder loads on first use. */
function TestPassSymbol() {
  const t = useT();
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    void import('bwip-js/browser').then(({ code128, drawingSVG }) => {
      if (cancelled) return;
      setSvg(
        code128(
          { bcid: 'code128', text: TEST_PASS_TEXT, height: 12, scale: 2, includetext: true },
          drawingSVG(),
        ),
      );
    });
    return () => {
      cancelled = true;
    };
  }, []);
  return (
    <figure className="scanner-test-pass" aria-label={t('scannerTest.passLabel')}>
      {svg ? (
        // The SVG is made here from a constant text by bwip-js, never from outside input.
        <div className="scanner-test-symbol" dangerouslySetInnerHTML={{ __html: svg }} />
      ) : null}
      <figcaption>{TEST_PASS_TEXT}</figcaption>
    </figure>
  );
}

/**
 * "Scan de testpas": records the scanner's keys (nothing reaches any field meanwhile), then
 * `checkScanner` (src/domain) says what it saw, worded here with the fix for each finding.
 */
export function ScannerTestPanel() {
  const t = useT();
  const [listening, setListening] = useState(false);
  const [result, setResult] = useState<ScannerCheck | null>(null);
  const [fromDesk] = useState(
    () => typeof window !== 'undefined' && window.location.hash === SCANNER_TEST_HASH,
  );
  const keys = useRef<RecordedKey[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const sectionRef = useRef<HTMLElement>(null);

  useEffect(() => {
    if (!fromDesk) return;
    sectionRef.current?.scrollIntoView?.();
    // The next link from the desk must change the hash again to be followed.
    history.replaceState?.(null, '', window.location.pathname + window.location.search);
  }, [fromDesk]);

  const finish = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    setListening(false);
    setResult(checkScanner(keys.current));
  }, []);

  useEffect(() => {
    if (!listening) return;
    const onKey = (e: KeyboardEvent) => {
      e.preventDefault();
      e.stopPropagation();
      if (e.repeat) return;
      keys.current.push({
        key: e.key,
        code: e.code,
        atMs: e.timeStamp,
        shiftKey: e.shiftKey,
        capsLock: e.getModifierState?.('CapsLock') ?? false,
      });
      if (timer.current) clearTimeout(timer.current);
      const ended = e.key === 'Enter' || e.key === 'Tab' || e.code === 'NumpadEnter';
      timer.current = setTimeout(finish, ended ? AFTER_END_MS : SILENCE_MS);
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [listening, finish]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const start = () => {
    keys.current = [];
    setResult(null);
    setListening(true);
    // Focus leaves any field, so a stray key of the scan cannot type into one.
    (document.activeElement as HTMLElement | null)?.blur?.();
  };

  const print = () => {
    document.body.classList.add('printing-scanner-test');
    window.print();
    document.body.classList.remove('printing-scanner-test');
  };

  return (
    <section ref={sectionRef} id="scanner-test" aria-labelledby="scanner-test-title">
      <h2 id="scanner-test-title">{t('scannerTest.title')}</h2>
      {fromDesk ? <p className="scanner-test-from-desk">{t('scannerTest.fromDesk')}</p> : null}
      <p>{t('scannerTest.intro')}</p>
      <TestPassSymbol />
      <div className="scanner-test-actions">
        <button type="button" className="secondary" onClick={print}>
          {t('scannerTest.print')}
        </button>
        {listening ? (
          <button type="button" className="secondary" onClick={finish}>
            {t('scannerTest.cancel')}
          </button>
        ) : (
          <button type="button" onClick={start}>
            {result ? t('scannerTest.again') : t('scannerTest.start')}
          </button>
        )}
      </div>
      <div aria-live="polite" data-testid="scanner-test-result">
        {/* data-takes-scans: while the test listens, a burst is the test's, not a pass for the desk. */}
        {listening ? (
          <p className="scanner-test-listening" data-takes-scans="">
            {t('scannerTest.listening')}
          </p>
        ) : null}
        {result ? (
          <div className={result.ok ? 'scanner-test-ok' : 'scanner-test-problem'}>
            <p className="scanner-test-verdict">
              {result.ok ? t('scannerTest.ok') : t('scannerTest.problem')}
            </p>
            <p>{t('scannerTest.expected', { text: TEST_PASS_TEXT })}</p>
            <p>{t('scannerTest.seen', { text: result.seen || '—' })}</p>
            <ul>
              {result.findings.map((f) => (
                <li key={f.code} data-finding={f.code}>
                  {findingText(t, f)}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </section>
  );
}
