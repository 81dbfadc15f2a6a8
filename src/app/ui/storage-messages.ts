import { defineMessages } from '../i18n/define-messages.ts';

export const storageMessages = defineMessages({
  nl: {
    'storage.rebuild.title': 'Tellingen opnieuw opbouwen',
    'storage.rebuild.intro':
      'Berekent alle tellingen op deze laptop opnieuw uit de opgeslagen feiten. Er gaat niets verloren; de balie wacht zolang het duurt.',
    'storage.rebuild.start': 'Tellingen opnieuw opbouwen',
    'storage.rebuild.progress': 'Bezig: {done} van {total} feiten',
    'storage.rebuild.done':
      'Klaar: {total} feiten opnieuw geteld. Daarna is vergeleken met de server.',
    'storage.rebuild.doneOffline': 'Klaar: {total} feiten opnieuw geteld.',
    'storage.rebuild.failed':
      'Opnieuw opbouwen is niet gelukt: {detail}. Er is niets verloren gegaan.',
    'storage.versionChange':
      'Buurtpas is in een ander venster bijgewerkt. Laad deze pagina opnieuw om verder te werken.',
    'storage.versionChange.reload': 'Opnieuw laden',
  },
  en: {
    'storage.rebuild.title': 'Rebuild counts',
    'storage.rebuild.intro':
      'Recomputes every count on this laptop from the stored facts. Nothing is lost; the desk waits while it runs.',
    'storage.rebuild.start': 'Rebuild counts',
    'storage.rebuild.progress': 'Working: {done} of {total} facts',
    'storage.rebuild.done': 'Done: {total} facts counted again, then compared with the server.',
    'storage.rebuild.doneOffline': 'Done: {total} facts counted again.',
    'storage.rebuild.failed': 'Rebuilding did not work: {detail}. Nothing was lost.',
    'storage.versionChange':
      'Buurtpas was updated in another window. Reload this page to continue.',
    'storage.versionChange.reload': 'Reload',
  },
});
