import { defineMessages } from '../../i18n/define-messages.ts';

/** The words of the laptop backup (laptop-backup-panel.tsx, backup-reminder.tsx). */
export const backupMessages = defineMessages({
  nl: {
    'backup.title': 'Back-up zonder server',
    'backup.intro':
      'Bewaar alle gegevens van deze laptop in één bestand, versleuteld met een wachtzin. Zet het op een USB-stick en bewaar die op een andere plek. Zonder de wachtzin is het bestand niet te openen.',
    'backup.summary':
      'Op deze laptop: {facts} feiten · controlegetal {checksum} · {clients} ingeschreven klanten · {members} leden · {paying} betalende leden ({year})',
    'backup.last': 'Laatste back-up: {date} om {time}.',
    'backup.never': 'Er is op deze laptop nog nooit een back-up gemaakt.',
    'backup.passphrase': 'Wachtzin (minstens {min} tekens)',
    'backup.passphraseAgain': 'Wachtzin nog een keer',
    'backup.make': 'Back-up opslaan',
    'backup.making': 'Bezig met versleutelen…',
    'backup.made': 'Back-up gemaakt: {count} feiten in {file}.',
    'backup.error.passphrase-short': 'De wachtzin is te kort: minstens {min} tekens.',
    'backup.error.passphrase-differs': 'De twee wachtzinnen zijn niet gelijk.',
    'backup.restoreTitle': 'Back-up terugzetten',
    'backup.restoreIntro':
      'Op een nieuwe of herstelde laptop: kies het bestand en typ de wachtzin. Wat al op de laptop staat blijft staan; niets wordt dubbel.',
    'backup.file': 'Back-upbestand',
    'backup.restorePassphrase': 'Wachtzin van de back-up',
    'backup.restore': 'Terugzetten',
    'backup.restoring': 'Bezig met terugzetten…',
    'backup.restored': 'Teruggezet: {added} nieuwe feiten van de {total} in het bestand.',
    'backup.error.no-file': 'Kies eerst het back-upbestand.',
    'backup.error.backup-not-a-backup': 'Dit is geen Buurtpas-back-up.',
    'backup.error.backup-newer-version':
      'Deze back-up komt van een nieuwere versie van Buurtpas. Werk de app eerst bij.',
    'backup.error.backup-damaged': 'Het bestand is beschadigd en kan niet worden teruggezet.',
    'backup.error.backup-wrong-passphrase':
      'De wachtzin klopt niet (of het bestand is veranderd). Er is niets teruggezet.',
    'backup.error.failed': 'Dat lukte niet: {detail}',
  },
  en: {
    'backup.title': 'Backup without a server',
    'backup.intro':
      'Keep all data of this laptop in one file, encrypted with a passphrase. Put it on a USB stick and keep that somewhere else. Without the passphrase the file cannot be opened.',
    'backup.summary':
      'On this laptop: {facts} facts · checksum {checksum} · {clients} registered clients · {members} members · {paying} paying members ({year})',
    'backup.last': 'Last backup: {date} at {time}.',
    'backup.never': 'No backup has ever been made on this laptop.',
    'backup.passphrase': 'Passphrase (at least {min} characters)',
    'backup.passphraseAgain': 'Passphrase again',
    'backup.make': 'Save backup',
    'backup.making': 'Encrypting…',
    'backup.made': 'Backup made: {count} facts in {file}.',
    'backup.error.passphrase-short': 'The passphrase is too short: at least {min} characters.',
    'backup.error.passphrase-differs': 'The two passphrases differ.',
    'backup.restoreTitle': 'Restore a backup',
    'backup.restoreIntro':
      'On a new or repaired laptop: choose the file and type the passphrase. What is already on the laptop stays; nothing is doubled.',
    'backup.file': 'Backup file',
    'backup.restorePassphrase': 'Passphrase of the backup',
    'backup.restore': 'Restore',
    'backup.restoring': 'Restoring…',
    'backup.restored': 'Restored: {added} new facts of the {total} in the file.',
    'backup.error.no-file': 'Choose the backup file first.',
    'backup.error.backup-not-a-backup': 'This is not a Buurtpas backup.',
    'backup.error.backup-newer-version':
      'This backup comes from a newer version of Buurtpas. Update the app first.',
    'backup.error.backup-damaged': 'The file is damaged and cannot be restored.',
    'backup.error.backup-wrong-passphrase':
      'The passphrase is wrong (or the file was changed). Nothing was restored.',
    'backup.error.failed': 'That did not work: {detail}',
  },
});
