import { defineMessages } from '../i18n/define-messages.ts';

/** Words for `useDescribeError` (describe-error.ts): the {detail} of a screen's "not saved" sentence. */
export const errorMessages = defineMessages({
  nl: {
    'ui.error.storageFull': 'de opslag van deze laptop is vol',
    'ui.error.offline': 'geen verbinding met de server',
    'ui.error.refused': 'de server weigerde het ({detail})',
  },
  en: {
    'ui.error.storageFull': "this laptop's storage is full",
    'ui.error.offline': 'no connection to the server',
    'ui.error.refused': 'the server refused it ({detail})',
  },
});
