/**
 * The settings words the start bundle shows on every screen: the top bar's sync status and the
 * backup reminder. The rest of Instellingen's words load with its screen (screens.tsx).
 */
import { defineMessages } from '../../i18n/define-messages.ts';

export const settingsStatusMessages = defineMessages({
  nl: {
    'settings.status.label': 'Synchronisatie',
    'settings.status.syncNow': 'Nu synchroniseren',
    'settings.status.syncing': 'Bezig met synchroniseren…',
    'settings.status.loadingHistory': 'Gegevens ophalen: {percent}%',
    'settings.status.syncedAt': 'Alles gesynchroniseerd om {time}',
    'settings.status.syncedOn': 'Alles gesynchroniseerd op {date} om {time}',
    'settings.status.never': 'Nog niet gesynchroniseerd',
    'settings.status.pending.one': '{count} wijziging wacht',
    'settings.status.pending.other': '{count} wijzigingen wachten',
    'settings.status.offline': 'Offline — alles wordt bewaard',
    'settings.status.retryAt':
      'Server niet bereikbaar — nieuwe poging om {time}. Alles wordt bewaard.',
    'settings.status.notConnected': 'Nog niet gekoppeld — alles staat veilig op deze laptop',
    'settings.status.revoked': 'Deze laptop is ingetrokken. Zie Instellingen.',
    'settings.status.tokenInvalid':
      'De koppeling werkt niet meer. Koppel opnieuw bij Instellingen.',
    'settings.status.updateRequired':
      'Werk de app bij. Tot dan wordt alles op deze laptop bewaard.',
    'settings.status.rejected':
      'De server weigert de gegevens. Waarschuw de coördinator; alles wordt bewaard.',
    'settings.status.refused.one': '{count} niet aangenomen — zie Instellingen',
    'settings.status.refused.other': '{count} niet aangenomen — zie Instellingen',
    'backup.reminder': 'Deze laptop heeft geen server: maak deze week een back-up van de gegevens.',
    'backup.reminderLink': 'Naar de back-up',
  },
  en: {
    'settings.status.label': 'Sync',
    'settings.status.syncNow': 'Sync now',
    'settings.status.syncing': 'Syncing…',
    'settings.status.loadingHistory': 'Fetching data: {percent}%',
    'settings.status.syncedAt': 'Everything synced at {time}',
    'settings.status.syncedOn': 'Everything synced on {date} at {time}',
    'settings.status.never': 'Not synced yet',
    'settings.status.pending.one': '{count} change waiting',
    'settings.status.pending.other': '{count} changes waiting',
    'settings.status.offline': 'Offline — everything is kept',
    'settings.status.retryAt': 'Server not reachable — trying again at {time}. Everything is kept.',
    'settings.status.notConnected': 'Not connected yet — everything is safe on this laptop',
    'settings.status.revoked': 'This laptop has been revoked. See Settings.',
    'settings.status.tokenInvalid': 'The connection no longer works. Connect again in Settings.',
    'settings.status.updateRequired':
      'Update the app. Until then everything is kept on this laptop.',
    'settings.status.rejected':
      'The server refuses the data. Tell the coordinator; everything is kept.',
    'settings.status.refused.one': '{count} not accepted — see Settings',
    'settings.status.refused.other': '{count} not accepted — see Settings',
    'backup.reminder': 'This laptop has no server: make a backup of its data this week.',
    'backup.reminderLink': 'Go to the backup',
  },
});
