/**
 * The print sheet: one ID-1 card (85,6 × 54 mm) per page with the location, the member's name,
 * a Code 128 and a QR of the pass number, and the number in text. The @page rule is rendered only
 * while this sheet is on screen, so the year report keeps printing on A4.
 */
import { useMemo } from 'react';
import { useLiveQuery } from '../../db/use-live-query.ts';
import { findLocation } from '../../../domain/catalog.ts';
import { useDesk } from '../../context/desk-context.tsx';
import { useDb } from '../../db/db-context.tsx';
import { readPrintablePasses, type PrintablePass } from '../../db/member-admin-queries.ts';
import { useT } from '../../i18n/use-t.ts';
import { drawPassSymbols } from './pass-symbols.ts';
import './pass-print.css';

const PRINT_CSS = `
@page { size: 85.6mm 54mm; margin: 0 }
@media print {
  html, body { margin: 0; padding: 0; background: #fff; }
  .topbar, .mainnav, .update-banner, .no-print, .role-bar { display: none !important; }
  .screen { padding: 0 !important; }
  .pass-sheet { display: block; gap: 0; padding: 0; background: none; }
  .pass-card { box-shadow: none; border: none; margin: 0; break-after: page; page-break-after: always; }
  .pass-card:last-child { break-after: auto; page-break-after: auto; }
}`;

export function PassPrintView({ codes, onBack }: { codes: readonly string[]; onBack: () => void }) {
  const t = useT();
  const db = useDb();
  const { writer } = useDesk();
  const passes = useLiveQuery(() => readPrintablePasses(db, codes), [db, codes.join(',')]);
  const location = findLocation(writer.locationId)?.name ?? writer.locationId;

  return (
    <div className="pass-print">
      <style>{PRINT_CSS}</style>
      <div className="no-print pass-print-toolbar">
        <h1>{t('members.print.sheetTitle')}</h1>
        <p>{t('members.print.intro')}</p>
        <div className="row-actions">
          <button
            type="button"
            onClick={() => window.print()}
            disabled={!passes || passes.length === 0}
          >
            {t('members.print.print')}
          </button>
          <button type="button" className="secondary" onClick={onBack}>
            {t('members.print.back')}
          </button>
        </div>
      </div>
      {passes === undefined ? (
        <p className="loading">{t('members.print.loading')}</p>
      ) : (
        <div className="pass-sheet">
          {passes.map((p) => (
            <PassCard key={p.code} pass={p} location={location} />
          ))}
        </div>
      )}
    </div>
  );
}

function PassCard({ pass, location }: { pass: PrintablePass; location: string }) {
  const t = useT();
  const symbols = useMemo(() => {
    try {
      return { ok: true as const, ...drawPassSymbols(pass.code) };
    } catch (err) {
      return { ok: false as const, detail: err instanceof Error ? err.message : String(err) };
    }
  }, [pass.code]);
  return (
    <article className="pass-card" data-testid="pass-card" aria-label={pass.name}>
      <div className="pass-card-top">
        <div>
          <div className="pass-location">{location}</div>
          <div className="pass-brand">{t('members.print.cardTitle')}</div>
        </div>
        {symbols.ok && (
          <div
            className="pass-qr"
            role="img"
            aria-label={t('members.print.qrLabel', { code: pass.code })}
            dangerouslySetInnerHTML={{ __html: symbols.qr }}
          />
        )}
      </div>
      <div className="pass-name">{pass.name}</div>
      {symbols.ok ? (
        <div
          className="pass-code128"
          role="img"
          aria-label={t('members.print.barcodeLabel', { code: pass.code })}
          dangerouslySetInnerHTML={{ __html: symbols.code128 }}
        />
      ) : (
        <p role="alert">{t('members.print.failed', { detail: symbols.detail })}</p>
      )}
      <div className="pass-code-text">{pass.code}</div>
    </article>
  );
}
