import { defineMessages } from '../i18n/define-messages.ts';

/** Words for who recorded something where, and why it was taken back (record-words.ts). */
export const recordWordsMessages = defineMessages({
  nl: {
    'record.voidReason.deskUndo': 'teruggedraaid aan de balie',
    'record.laptop.this': 'deze laptop',
    'record.laptop.other': 'een andere laptop',
  },
  en: {
    'record.voidReason.deskUndo': 'undone at the desk',
    'record.laptop.this': 'this laptop',
    'record.laptop.other': 'another laptop',
  },
});
