import type { MemberContribution } from '../../db/desk-actions.ts';
import { formatMoney } from '../../i18n/format.ts';
import type { Lang } from '../../i18n/i18n-store.ts';
import type { Translate } from '../../i18n/use-t.ts';

/** "Contributie 2026: € 1,00 van € 2,50 betaald" and its siblings, from the domain's status code. */
export function describeContribution(
  t: Translate,
  lang: Lang,
  contribution: MemberContribution,
): string {
  const { status, year } = contribution;
  switch (status.kind) {
    case 'paid':
      return t('scan.contribution.paid', { year });
    case 'partial':
      return t('scan.contribution.partial', {
        year,
        paid: formatMoney(status.paidCents, lang),
        due: formatMoney(status.dueCents, lang),
      });
    case 'unpaid':
      return t('scan.contribution.unpaid', { year });
    case 'waived':
      return t('scan.contribution.waived', { year });
    case 'not-member':
      return t('scan.contribution.not-member');
  }
}
