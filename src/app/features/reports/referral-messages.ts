import { defineMessages } from '../../i18n/define-messages.ts';

/** Words of the coordinator's referral period (referral-period-panel.tsx). */
export const reportsReferralMessages = defineMessages({
  nl: {
    'reports.referralPeriod.title': 'Termijn voor verwijzingen',
    'reports.referralPeriod.current':
      'Een verwezen persoon die na {weeks} weken niet is gekomen, telt als niet gekomen (no-show).',
    'reports.referralPeriod.label': 'Aantal weken (1 tot 52)',
    'reports.referralPeriod.save': 'Termijn opslaan',
    'reports.referralPeriod.saved': 'Termijn opgeslagen: {weeks} weken.',
    'reports.referralPeriod.invalid': 'Vul een aantal weken in van 1 tot 52.',
  },
  en: {
    'reports.referralPeriod.title': 'Period for referrals',
    'reports.referralPeriod.current':
      'A referred person who has not come after {weeks} weeks counts as did not come (no-show).',
    'reports.referralPeriod.label': 'Number of weeks (1 to 52)',
    'reports.referralPeriod.save': 'Save period',
    'reports.referralPeriod.saved': 'Period saved: {weeks} weeks.',
    'reports.referralPeriod.invalid': 'Enter a number of weeks from 1 to 52.',
  },
});
