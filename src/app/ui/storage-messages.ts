import { defineMessages } from '../i18n/define-messages.ts';

export const storageMessages = defineMessages({
  nl: {
    'storage.rebuild.title': 'Tellingen opnieuw opbouwen',
    'storage.rebuild.intro':
      'Berekent alle tellingen op deze laptop opnieuw uit de opgeslagen feiten. Er gaat niets verloren; de balie wacht zolang het duurt.',
    'storage.rebuild.start': 'Tellingen opnieuw opbouwen',
    'storage.rebuild.fromSnapshot':
      'Deze laptop is gestart met de tellingen van de server, niet met alle feiten. Opnieuw opbouwen uit de feiten kan hier niet; opnieuw koppelen haalt de tellingen opnieuw op.',
    'storage.history.title': 'Bezoekgeschiedenis op deze laptop',
    'storage.history.intro':
      'Alle tellingen voor penningmeester en rapportage staan er altijd op. Hoeveel losse bezoekdagen wilt u hier bewaren? Een kortere keuze maakt een nieuwe laptop sneller klaar.',
    'storage.history.none': 'Geen (alleen vandaag)',
    'storage.history.months3': 'De laatste 3 maanden',
    'storage.history.all': 'Alles',
    'storage.history.removed': '{count} oudere bezoekdagen van deze laptop verwijderd.',
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
    'storage.rebuild.fromSnapshot':
      'This laptop started from the counts on the server, not from every fact. Rebuilding from the facts is not possible here; connecting again fetches the counts again.',
    'storage.history.title': 'Visit history on this laptop',
    'storage.history.intro':
      'Every treasurer and report count is always here. How many single visit days should this laptop keep? A shorter choice makes a new laptop ready sooner.',
    'storage.history.none': 'None (today only)',
    'storage.history.months3': 'The last 3 months',
    'storage.history.all': 'All',
    'storage.history.removed': '{count} older visit days removed from this laptop.',
    'storage.rebuild.done': 'Done: {total} facts counted again, then compared with the server.',
    'storage.rebuild.doneOffline': 'Done: {total} facts counted again.',
    'storage.rebuild.failed': 'Rebuilding did not work: {detail}. Nothing was lost.',
    'storage.versionChange':
      'Buurtpas was updated in another window. Reload this page to continue.',
    'storage.versionChange.reload': 'Reload',
  },
});
