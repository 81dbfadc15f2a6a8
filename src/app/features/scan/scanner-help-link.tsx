import { useT } from '../../i18n/use-t.ts';

/**
 * Shown at the desk after a scan that could not be read: the way to the scanner self-test in
 * Settings (the shell follows the link; see app/use-hash-navigation.ts).
 */
export function ScannerHelpLink() {
  const t = useT();
  return (
    <p className="scanner-help">
      {t('scan.scannerHelpHint')} <a href="#scanner-test">{t('scan.scannerHelp')}</a>
    </p>
  );
}
