import { defineMessages } from '../../i18n/define-messages.ts';

/** The scanner self-test's words (scanner-test-panel.tsx). */
export const scannerTestMessages = defineMessages({
  nl: {
    'scannerTest.title': 'Scanner testen',
    'scannerTest.intro':
      'Druk de testpas af, klik op "Scan de testpas" en scan hem. De app vertelt wat hij zag en wat u kunt doen.',
    'scannerTest.print': 'Testpas afdrukken',
    'scannerTest.start': 'Scan de testpas',
    'scannerTest.again': 'Nog een keer testen',
    'scannerTest.cancel': 'Stoppen',
    'scannerTest.listening': 'Scan nu de testpas…',
    'scannerTest.expected': 'Op de testpas staat: {text}',
    'scannerTest.seen': 'De scanner typte: {text}',
    'scannerTest.passLabel': 'Testpas voor de scanner',
    'scannerTest.ok': 'De scanner werkt goed.',
    'scannerTest.problem': 'De scanner moet anders ingesteld worden.',
    'scannerTest.finding.works': 'Goed: de testpas kwam precies en snel genoeg binnen.',
    'scannerTest.finding.nothing-seen':
      'Er kwam niets binnen. Zit de stekker van de scanner in de laptop? Piept de scanner bij het scannen?',
    'scannerTest.finding.ends-with-enter': 'De scanner sluit af met Enter. Zo hoort het.',
    'scannerTest.finding.ends-with-tab':
      'De scanner sluit af met Tab. Dat werkt ook; Enter is gebruikelijker.',
    'scannerTest.finding.no-enter':
      'De scanner drukt geen Enter na het nummer. Dat is goed: de balie ziet na een korte pauze zelf dat de scan klaar is. Wilt u toch Enter: scan in de handleiding van de scanner de code "Add CR suffix" / "Enter toevoegen".',
    'scannerTest.finding.layout-azerty':
      'Letters en cijfers komen verkeerd binnen: de scanner staat op een Amerikaans toetsenbord, de laptop op AZERTY (Belgisch/Frans). Pasnummers werken aan de balie toch (cijfers worden op toetspositie gelezen). Oplossing: zet de laptop op het toetsenbord "Verenigde Staten (internationaal)" of scan in de handleiding van de scanner de code voor "Belgisch/Frans toetsenbord".',
    'scannerTest.finding.layout-qwertz':
      'Y en Z zijn verwisseld: de laptop staat op een Duits toetsenbord (QWERTZ). Oplossing: zet de laptop op "Verenigde Staten (internationaal)" of de scanner op "Duits toetsenbord" (code in de handleiding).',
    'scannerTest.finding.layout-other':
      'De scanner typt andere tekens dan er op de pas staan: de toetsenbordtaal van scanner en laptop verschilt. Zet beide op dezelfde taal (bij voorkeur "Verenigde Staten").',
    'scannerTest.finding.caps-lock':
      'Caps Lock staat aan: hoofdletters en kleine letters zijn omgedraaid. Druk één keer op de toets Caps Lock (het lampje gaat uit).',
    'scannerTest.finding.too-slow':
      'De scanner typt te langzaam ({ms} ms tussen twee tekens; de balie verwacht hooguit 50 ms). Dan lijkt het typen door een mens. Zet in de handleiding van de scanner de "intercharacter delay" op 0 of de USB-snelheid op "hoog".',
    'scannerTest.finding.other-text':
      'De scanner las iets anders dan de testpas. Scan de testpas zelf, helemaal en recht, en probeer het nog eens.',
    'scannerTest.fromDesk': 'U komt van de balie: daar las de scanner iets vreemds.',
    'scannerTest.back': 'Terug naar de balie',
  },
  en: {
    'scannerTest.title': 'Test the scanner',
    'scannerTest.intro':
      'Print the test pass, click "Scan the test pass" and scan it. The app tells what it saw and what to do.',
    'scannerTest.print': 'Print the test pass',
    'scannerTest.start': 'Scan the test pass',
    'scannerTest.again': 'Test again',
    'scannerTest.cancel': 'Stop',
    'scannerTest.listening': 'Scan the test pass now…',
    'scannerTest.expected': 'The test pass says: {text}',
    'scannerTest.seen': 'The scanner typed: {text}',
    'scannerTest.passLabel': 'Test pass for the scanner',
    'scannerTest.ok': 'The scanner works well.',
    'scannerTest.problem': 'The scanner needs a different setting.',
    'scannerTest.finding.works': 'Good: the test pass came in exactly, and fast enough.',
    'scannerTest.finding.nothing-seen':
      'Nothing came in. Is the scanner plugged into the laptop? Does it beep when scanning?',
    'scannerTest.finding.ends-with-enter': 'The scanner ends with Enter, as it should.',
    'scannerTest.finding.ends-with-tab':
      'The scanner ends with Tab. That works too; Enter is more common.',
    'scannerTest.finding.no-enter':
      'The scanner sends no Enter after the number. That is fine: the desk sees after a short pause that the scan is complete. If you want Enter anyway: scan the "Add CR suffix" code in the scanner\'s manual.',
    'scannerTest.finding.layout-azerty':
      'Letters and digits arrive wrong: the scanner is set to a US keyboard, the laptop to AZERTY (Belgian/French). Pass numbers still work at the desk (digits are read by key position). Fix: set the laptop to the "US (international)" keyboard, or scan the "Belgian/French keyboard" code in the scanner\'s manual.',
    'scannerTest.finding.layout-qwertz':
      'Y and Z are swapped: the laptop is set to a German keyboard (QWERTZ). Fix: set the laptop to "US (international)" or the scanner to "German keyboard" (code in the manual).',
    'scannerTest.finding.layout-other':
      'The scanner types other characters than the pass holds: the keyboard languages of scanner and laptop differ. Set both to the same language (preferably "US").',
    'scannerTest.finding.caps-lock':
      'Caps Lock is on: capitals and small letters are swapped. Press the Caps Lock key once (its light goes out).',
    'scannerTest.finding.too-slow':
      'The scanner types too slowly ({ms} ms between two characters; the desk expects at most 50 ms), so it looks like a person typing. In the scanner\'s manual set the "intercharacter delay" to 0 or the USB speed to "high".',
    'scannerTest.finding.other-text':
      'The scanner read something other than the test pass. Scan the test pass itself, whole and straight, and try again.',
    'scannerTest.fromDesk': 'You came from the desk: the scanner read something odd there.',
    'scannerTest.back': 'Back to the desk',
  },
});
