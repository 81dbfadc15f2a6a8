import { defineMessages } from '../i18n/define-messages.ts';

export const appMessages = defineMessages({
  nl: {
    'app.title': 'Buurtpas',
    'app.loading': 'Buurtpas wordt geopend…',
    'app.language': 'Taal',
    'app.switchLanguage': 'English',
    'app.switchLanguageLabel': 'Switch to English',
    'app.nav': 'Hoofdmenu',
    'app.nav.desk': 'Balie',
    'app.nav.today': 'Vandaag',
    'app.nav.members': 'Leden',
    'app.nav.treasurer': 'Penningmeester',
    'app.nav.reports': 'Rapportage',
    'app.nav.settings': 'Instellingen',
    'app.nav.kiosk': 'Zelf inchecken',
    'app.skipToMain': 'Naar de inhoud',
    'app.scanHeld': 'Pas gescand — ga naar Balie om in te checken.',
    'app.scanHeld.why':
      'U was hier iets aan het invullen, daarom is de balie niet vanzelf geopend (pas {code}).',
    'app.scanHeld.toDesk': 'Naar Balie en inchecken',
    'app.scanHeld.stay': 'Hier blijven',
    'app.location': 'Locatie: {name}',
    'app.pending.one': '{count} wijziging wacht',
    'app.pending.other': '{count} wijzigingen wachten',
    'app.update.available': 'Nieuwe versie beschikbaar',
    'app.update.reload': 'Vernieuwen',
    'app.update.later': 'Later',
    'app.dbClosed':
      'Buurtpas is in een ander venster bijgewerkt. Vernieuw deze pagina om verder te werken.',
    'app.dbError':
      'De opslag van deze laptop kan niet worden geopend: {detail}. Er is niets verloren gegaan; vernieuw de pagina of vraag de coördinator.',
    'app.writeFailed':
      'Niet opgeslagen: {detail}. Probeer het opnieuw; wat al was opgeslagen blijft bewaard.',
    'app.storageFull':
      'De opslag van deze laptop is vol. Er is niets nieuws opgeslagen; eerder werk blijft bewaard. Waarschuw de coördinator.',
    'setup.title': 'Welkom bij Buurtpas',
    'setup.intro': 'Op welke locatie staat deze laptop? Dit kiest u één keer.',
    'setup.choose': 'Kies {name}',
    'setup.storage.title': 'Opslag op deze laptop',
    'setup.storage.persisted':
      'Blijvende opslag is toegestaan: de browser wist de gegevens niet zomaar.',
    'setup.storage.notPersisted':
      'Alles staat op deze laptop. Vraag de browser om het blijvend te bewaren (knop hieronder); dan kan hij het niet zelf opruimen als de schijf vol raakt.',
    'setup.storage.unknown': 'Deze browser zegt niet of opslag blijvend is.',
    'setup.storage.used': 'In gebruik: {used} van {quota}',
    'setup.storage.ask': 'Blijvend bewaren',
  },
  en: {
    'app.title': 'Buurtpas',
    'app.loading': 'Opening Buurtpas…',
    'app.language': 'Language',
    'app.switchLanguage': 'Nederlands',
    'app.switchLanguageLabel': 'Schakel naar Nederlands',
    'app.nav': 'Main menu',
    'app.nav.desk': 'Desk',
    'app.nav.today': 'Today',
    'app.nav.members': 'Members',
    'app.nav.treasurer': 'Treasurer',
    'app.nav.reports': 'Reports',
    'app.nav.settings': 'Settings',
    'app.nav.kiosk': 'Self check-in',
    'app.skipToMain': 'Skip to content',
    'app.scanHeld': 'Pass scanned — go to the desk to check it in.',
    'app.scanHeld.why':
      'You were filling something in here, so the desk did not open by itself (pass {code}).',
    'app.scanHeld.toDesk': 'Go to the desk and check in',
    'app.scanHeld.stay': 'Stay here',
    'app.location': 'Location: {name}',
    'app.pending.one': '{count} change waiting',
    'app.pending.other': '{count} changes waiting',
    'app.update.available': 'New version available',
    'app.update.reload': 'Reload',
    'app.update.later': 'Later',
    'app.dbClosed': 'Buurtpas was updated in another window. Reload this page to carry on.',
    'app.dbError':
      'The storage of this laptop cannot be opened: {detail}. Nothing was lost; reload the page or ask the coordinator.',
    'app.writeFailed': 'Not saved: {detail}. Try again; what was saved before stays saved.',
    'app.storageFull':
      'The storage of this laptop is full. Nothing new was saved; earlier work is kept. Tell the coordinator.',
    'setup.title': 'Welcome to Buurtpas',
    'setup.intro': 'Which location is this laptop at? You choose this once.',
    'setup.choose': 'Choose {name}',
    'setup.storage.title': 'Storage on this laptop',
    'setup.storage.persisted':
      'Persistent storage is granted: the browser will not simply wipe the data.',
    'setup.storage.notPersisted':
      'Everything is kept on this laptop. Ask the browser to keep it for good (button below); then it cannot clear it by itself when the disk fills up.',
    'setup.storage.unknown': 'This browser does not say whether storage is persistent.',
    'setup.storage.used': 'In use: {used} of {quota}',
    'setup.storage.ask': 'Keep for good',
  },
});
