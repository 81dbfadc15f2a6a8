import { defineMessages } from '../../i18n/define-messages.ts';

export const settingsMessages = defineMessages({
  nl: {
    // Settings screen
    'settings.title': 'Instellingen',
    'settings.refused.title.one': '{count} gegeven niet aangenomen door de server',
    'settings.refused.title.other': '{count} gegevens niet aangenomen door de server',
    'settings.refused.intro':
      'Deze gegevens staan nog op deze laptop. De server heeft ze apart gezet; de coördinator ziet ze daar. U kunt gewoon verder werken.',
    'settings.refused.reason.location-forbidden':
      'Hoort bij een andere locatie dan die van deze laptop',
    'settings.refused.reason.role-proof-required':
      'Werk voor de penningmeester of coördinator, zonder hun pincode vastgelegd',
    'settings.refused.reason.role-proof-invalid':
      'De handtekening van de penningmeester of coördinator klopt niet (pincode intussen vervangen?)',
    'settings.refused.reason.role-forbidden': 'Alleen de coördinator mag dit',
    'settings.refused.reason.event-invalid': 'De server kan dit gegeven niet lezen',
    'settings.refused.reason.type-unknown': 'De server kent dit soort gegeven niet (nieuwere app?)',
    'settings.refused.reason.device-mismatch': 'Gemaakt op een andere laptop',
    'settings.refused.reason.clock-device-mismatch':
      'De klok van dit gegeven hoort bij een andere laptop',
    'settings.refused.reason.conflict':
      'De server heeft dit gegeven al, met een andere inhoud. Deze versie blijft op deze laptop.',
    'settings.refused.reason.other': 'Geweigerd door de server ({code})',
    'settings.connect.title': 'Deze laptop koppelen',
    'settings.connect.intro':
      'Vraag de coördinator om een koppelcode. Met de code kan deze laptop zijn werk delen met de andere laptops.',
    'settings.connect.server': 'Adres van de server',
    'settings.connect.code': 'Koppelcode',
    'settings.connect.name': 'Naam van deze laptop (mag leeg)',
    'settings.connect.submit': 'Koppelen',
    'settings.connect.busy': 'Bezig met koppelen…',
    'settings.connect.done': 'Gekoppeld. Deze laptop synchroniseert nu vanzelf.',
    'settings.connect.connected': 'Deze laptop is gekoppeld met {server} ({location}).',
    'settings.connect.connectedNamed':
      'Deze laptop, “{name}”, is gekoppeld met {server} ({location}).',
    'settings.connect.role.desk': 'Rol: balie',
    'settings.connect.role.coordinator': 'Rol: coördinator',
    'settings.connect.otherLocation':
      'Let op: de code is voor {enrolled}, deze laptop staat op {chosen}. Het werk wordt opgeslagen bij {chosen}.',
    'settings.connect.again': 'Opnieuw koppelen',
    'settings.connect.cancel': 'Annuleren',
    'settings.connect.serverInvalid':
      'Dit adres klopt niet. Voorbeeld: https://buurtpas.example.nl',
    'settings.error.offline':
      'De server is niet bereikbaar. Controleer het adres en de internetverbinding en probeer het opnieuw.',
    'settings.error.code-invalid':
      'Deze code bestaat niet. Controleer de letters en cijfers, of vraag een nieuwe code.',
    'settings.error.code-used':
      'Deze code is al gebruikt. Vraag de coördinator om een nieuwe code.',
    'settings.error.code-expired':
      'Deze code is verlopen. Vraag de coördinator om een nieuwe code.',
    'settings.error.device-exists': 'Deze laptop is al gekoppeld. Vraag de coördinator om hulp.',
    'settings.error.rate-limited': 'Te veel pogingen. Wacht een minuut en probeer het opnieuw.',
    'settings.error.role-forbidden': 'Alleen een coördinator-laptop mag dit.',
    'settings.error.location-unknown': 'Deze locatie kent de server niet.',
    'settings.error.device-unknown': 'Deze laptop is onbekend bij de server.',
    'settings.error.device-revoked': 'Deze laptop is ingetrokken.',
    'settings.error.token-invalid': 'De koppeling werkt niet meer. Koppel deze laptop opnieuw.',
    'settings.error.other':
      'Dat lukte niet ({code}). Probeer het later opnieuw of waarschuw de coördinator.',

    'settings.safety.title': 'Gegevens veilig',
    'settings.safety.pending.zero': 'Alle wijzigingen staan op de server.',
    'settings.safety.pending.one': '{count} wijziging staat nog alleen op deze laptop.',
    'settings.safety.pending.other': '{count} wijzigingen staan nog alleen op deze laptop.',
    'settings.safety.lastSync': 'Laatst gesynchroniseerd: {date} om {time}',
    'settings.safety.neverSynced': 'Nog nooit gesynchroniseerd.',
    'settings.safety.agrees':
      'De tellingen van deze laptop zijn gelijk aan die van de server ({count} gebeurtenissen).',
    'settings.safety.differs':
      'De tellingen wijken af van de server. Synchroniseer opnieuw; blijft het zo, waarschuw de coördinator.',
    'settings.safety.notCompared': 'Nog niet vergeleken met de server.',
    'settings.counts.title': 'Tellingen {year} op deze laptop',
    'settings.counts.registered': 'Ingeschreven klanten',
    'settings.counts.members': 'Leden',
    'settings.counts.paying': 'Betalende leden',
    'settings.counts.total': 'Totaal (personen)',
    'settings.bootstrap.title': 'Gegevens ophalen',
    'settings.bootstrap.priority': 'Leden, passen en betalingen ophalen… Daarna kunt u scannen.',
    'settings.bootstrap.history': 'U kunt scannen. De geschiedenis wordt nog opgehaald.',
    'settings.bootstrap.progress': '{done} van {total}',
    'settings.bootstrap.done': 'Alle gegevens zijn opgehaald.',

    'settings.revoked.title': 'Deze laptop is ingetrokken',
    'settings.revoked.body':
      'De coördinator heeft deze laptop losgekoppeld, bijvoorbeeld omdat hij kwijt was of weg gaat. Deze laptop kan niet meer synchroniseren. Wis de gegevens op deze laptop, zodat er geen gegevens van bezoekers achterblijven.',
    'settings.wipe.start': 'Gegevens op deze laptop wissen…',
    'settings.wipe.confirmTitle': 'Echt alles wissen?',
    'settings.wipe.confirmBody':
      'Alle leden, bezoeken en betalingen op deze laptop worden gewist. Wat al op de server staat blijft daar bewaard.',
    'settings.wipe.lost.one':
      'Let op: {count} wijziging is nooit bij de server aangekomen en gaat verloren.',
    'settings.wipe.lost.other':
      'Let op: {count} wijzigingen zijn nooit bij de server aangekomen en gaan verloren.',
    'settings.wipe.confirm': 'Ja, alles wissen',
    'settings.wipe.cancel': 'Niet wissen',
    'settings.wipe.done':
      'Alle gegevens op deze laptop zijn gewist. Sluit dit venster of vernieuw de pagina.',
    'settings.update.title': 'Werk de app bij',
    'settings.update.body':
      'De server vraagt om een nieuwere versie van Buurtpas. Vernieuw de pagina of vraag de coördinator. Tot dan kunt u gewoon doorwerken: alles wordt op deze laptop bewaard.',

    'settings.admin.title': 'Laptops beheren (coördinator)',
    'settings.admin.codeTitle': 'Koppelcode maken',
    'settings.admin.location': 'Locatie',
    'settings.admin.role': 'Rol',
    'settings.admin.role.desk': 'Balie',
    'settings.admin.role.coordinator': 'Coördinator',
    'settings.admin.makeCode': 'Code maken',
    'settings.admin.code': 'Koppelcode voor {location}: {code}',
    'settings.admin.codeExpires': 'Eén keer te gebruiken, geldig tot {date} {time}.',
    'settings.admin.devicesTitle': 'Gekoppelde laptops',
    'settings.admin.refresh': 'Lijst vernieuwen',
    'settings.admin.col.name': 'Naam',
    'settings.admin.col.device': 'Gekoppeld op',
    'settings.admin.col.location': 'Locatie',
    'settings.admin.col.role': 'Rol',
    'settings.admin.col.status': 'Status',
    'settings.admin.active': 'Actief',
    'settings.admin.revokedOn': 'Ingetrokken op {date}',
    'settings.admin.revoke': 'Intrekken',
    'settings.admin.revokeLabel': 'Laptop {device} intrekken',
    'settings.admin.revokeConfirm':
      'Laptop {device} intrekken? Deze laptop kan daarna niet meer synchroniseren.',
    'settings.admin.revokeYes': 'Ja, intrekken',
    'settings.admin.revokeNo': 'Annuleren',
    'settings.admin.thisLaptop': '(deze laptop)',
    'settings.admin.unnamed': 'zonder naam, gekoppeld op {date}',
    // Server health (coordinator)
    'settings.health.title': 'Server en laptops',
    'settings.health.refresh': 'Opnieuw bekijken',
    'settings.health.unreachable': 'De server is nu niet bereikbaar.',
    'settings.health.databaseOk': 'De server werkt en de database antwoordt.',
    'settings.health.databaseDown':
      'De server werkt, maar de database antwoordt niet. Waarschuw wie de server beheert.',
    'settings.health.unnamed': 'Laptop zonder naam ({location})',
    'settings.health.never': '{name} heeft nog nooit gesynchroniseerd',
    'settings.health.recent': '{name}: gesynchroniseerd op {date} om {time}',
    'settings.health.behind.one': '{name} heeft {days} dag niet gesynchroniseerd',
    'settings.health.behind.other': '{name} heeft {days} dagen niet gesynchroniseerd',
    'settings.health.lastAt': '(laatst op {date} om {time})',
  },
  en: {
    'settings.title': 'Settings',
    'settings.refused.title.one': '{count} fact not accepted by the server',
    'settings.refused.title.other': '{count} facts not accepted by the server',
    'settings.refused.intro':
      'These facts are still on this laptop. The server set them aside; the coordinator sees them there. You can keep working.',
    'settings.refused.reason.location-forbidden': "Belongs to another location than this laptop's",
    'settings.refused.reason.role-proof-required':
      "Treasurer's or coordinator's work, recorded without their PIN",
    'settings.refused.reason.role-proof-invalid':
      "The treasurer's or coordinator's signature does not check out (PIN replaced since?)",
    'settings.refused.reason.role-forbidden': 'Only the coordinator may do this',
    'settings.refused.reason.event-invalid': 'The server cannot read this fact',
    'settings.refused.reason.type-unknown':
      'The server does not know this kind of fact (newer app?)',
    'settings.refused.reason.device-mismatch': 'Made on another laptop',
    'settings.refused.reason.clock-device-mismatch': "This fact's clock belongs to another laptop",
    'settings.refused.reason.conflict':
      'The server already holds this fact with other content. This version stays on this laptop.',
    'settings.refused.reason.other': 'Refused by the server ({code})',
    'settings.connect.title': 'Connect this laptop',
    'settings.connect.intro':
      'Ask the coordinator for a connection code. With the code this laptop can share its work with the other laptops.',
    'settings.connect.server': 'Server address',
    'settings.connect.code': 'Connection code',
    'settings.connect.name': 'Name of this laptop (optional)',
    'settings.connect.submit': 'Connect',
    'settings.connect.busy': 'Connecting…',
    'settings.connect.done': 'Connected. This laptop now syncs by itself.',
    'settings.connect.connected': 'This laptop is connected to {server} ({location}).',
    'settings.connect.connectedNamed':
      'This laptop, “{name}”, is connected to {server} ({location}).',
    'settings.connect.role.desk': 'Role: front desk',
    'settings.connect.role.coordinator': 'Role: coordinator',
    'settings.connect.otherLocation':
      'Note: the code is for {enrolled}, this laptop is set to {chosen}. Work is saved for {chosen}.',
    'settings.connect.again': 'Connect again',
    'settings.connect.cancel': 'Cancel',
    'settings.connect.serverInvalid':
      'This address is not right. Example: https://buurtpas.example.nl',
    'settings.error.offline':
      'The server cannot be reached. Check the address and the internet connection and try again.',
    'settings.error.code-invalid':
      'This code does not exist. Check the letters and digits, or ask for a new code.',
    'settings.error.code-used':
      'This code has already been used. Ask the coordinator for a new code.',
    'settings.error.code-expired': 'This code has expired. Ask the coordinator for a new code.',
    'settings.error.device-exists':
      'This laptop is already connected. Ask the coordinator for help.',
    'settings.error.rate-limited': 'Too many attempts. Wait a minute and try again.',
    'settings.error.role-forbidden': 'Only a coordinator laptop may do this.',
    'settings.error.location-unknown': 'The server does not know this location.',
    'settings.error.device-unknown': 'The server does not know this laptop.',
    'settings.error.device-revoked': 'This laptop has been revoked.',
    'settings.error.token-invalid': 'The connection no longer works. Connect this laptop again.',
    'settings.error.other': 'That did not work ({code}). Try again later or tell the coordinator.',

    'settings.safety.title': 'Data safety',
    'settings.safety.pending.zero': 'All changes are on the server.',
    'settings.safety.pending.one': '{count} change is only on this laptop so far.',
    'settings.safety.pending.other': '{count} changes are only on this laptop so far.',
    'settings.safety.lastSync': 'Last synced: {date} at {time}',
    'settings.safety.neverSynced': 'Never synced yet.',
    'settings.safety.agrees': 'The counts on this laptop equal the server’s ({count} events).',
    'settings.safety.differs':
      'The counts differ from the server. Sync again; if it stays this way, tell the coordinator.',
    'settings.safety.notCompared': 'Not compared with the server yet.',
    'settings.counts.title': 'Counts {year} on this laptop',
    'settings.counts.registered': 'Registered clients',
    'settings.counts.members': 'Members',
    'settings.counts.paying': 'Paying members',
    'settings.counts.total': 'Total (people)',
    'settings.bootstrap.title': 'Fetching data',
    'settings.bootstrap.priority': 'Fetching members, passes and payments… Then you can scan.',
    'settings.bootstrap.history': 'You can scan. The history is still being fetched.',
    'settings.bootstrap.progress': '{done} of {total}',
    'settings.bootstrap.done': 'All data has been fetched.',

    'settings.revoked.title': 'This laptop has been revoked',
    'settings.revoked.body':
      'The coordinator disconnected this laptop, for example because it was lost or is leaving. It can no longer sync. Wipe the data on this laptop so that no visitor data stays behind.',
    'settings.wipe.start': 'Wipe the data on this laptop…',
    'settings.wipe.confirmTitle': 'Really wipe everything?',
    'settings.wipe.confirmBody':
      'All members, visits and payments on this laptop will be wiped. What is already on the server stays there.',
    'settings.wipe.lost.one': 'Note: {count} change never reached the server and will be lost.',
    'settings.wipe.lost.other': 'Note: {count} changes never reached the server and will be lost.',
    'settings.wipe.confirm': 'Yes, wipe everything',
    'settings.wipe.cancel': 'Do not wipe',
    'settings.wipe.done':
      'All data on this laptop has been wiped. Close this window or reload the page.',
    'settings.update.title': 'Update the app',
    'settings.update.body':
      'The server asks for a newer version of Buurtpas. Reload the page or ask the coordinator. Until then you can keep working: everything is kept on this laptop.',

    'settings.admin.title': 'Manage laptops (coordinator)',
    'settings.admin.codeTitle': 'Make a connection code',
    'settings.admin.location': 'Location',
    'settings.admin.role': 'Role',
    'settings.admin.role.desk': 'Front desk',
    'settings.admin.role.coordinator': 'Coordinator',
    'settings.admin.makeCode': 'Make code',
    'settings.admin.code': 'Connection code for {location}: {code}',
    'settings.admin.codeExpires': 'Works once, valid until {date} {time}.',
    'settings.admin.devicesTitle': 'Connected laptops',
    'settings.admin.refresh': 'Refresh list',
    'settings.admin.col.name': 'Name',
    'settings.admin.col.device': 'Connected on',
    'settings.admin.col.location': 'Location',
    'settings.admin.col.role': 'Role',
    'settings.admin.col.status': 'Status',
    'settings.admin.active': 'Active',
    'settings.admin.revokedOn': 'Revoked on {date}',
    'settings.admin.revoke': 'Revoke',
    'settings.admin.revokeLabel': 'Revoke laptop {device}',
    'settings.admin.revokeConfirm': 'Revoke laptop {device}? It can no longer sync afterwards.',
    'settings.admin.revokeYes': 'Yes, revoke',
    'settings.admin.revokeNo': 'Cancel',
    'settings.admin.thisLaptop': '(this laptop)',
    'settings.admin.unnamed': 'unnamed, connected on {date}',
    // Server health (coordinator)
    'settings.health.title': 'Server and laptops',
    'settings.health.refresh': 'Check again',
    'settings.health.unreachable': 'The server cannot be reached right now.',
    'settings.health.databaseOk': 'The server works and its database answers.',
    'settings.health.databaseDown':
      'The server works, but its database does not answer. Tell whoever runs the server.',
    'settings.health.unnamed': 'Unnamed laptop ({location})',
    'settings.health.never': '{name} has never synced',
    'settings.health.recent': '{name}: synced on {date} at {time}',
    'settings.health.behind.one': '{name} has not synced for {days} day',
    'settings.health.behind.other': '{name} has not synced for {days} days',
    'settings.health.lastAt': '(last on {date} at {time})',
  },
});
