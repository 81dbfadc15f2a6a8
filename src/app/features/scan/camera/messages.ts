import { defineMessages } from '../../../i18n/define-messages.ts';

export const cameraMessages = defineMessages({
  nl: {
    'scan.camera.title': 'Pas scannen met de camera',
    'scan.camera.close': 'Camera sluiten',
    'scan.camera.choose': 'Camera',
    'scan.camera.unnamed': 'Camera {number}',
    'scan.camera.starting': 'De camera wordt gestart…',
    'scan.camera.hint':
      'Houd de pas voor de camera, met de streepjescode of de QR-code naar de camera.',
    'scan.camera.preview': 'Camerabeeld',
    'scan.camera.retry': 'Opnieuw proberen',
    'scan.camera.error.camera-missing':
      'Er is geen camera gevonden. Sluit een webcam aan of typ het pasnummer in.',
    'scan.camera.error.camera-denied':
      'De browser mag de camera niet gebruiken. Sta de camera toe (het slotje naast het adres) en probeer opnieuw.',
    'scan.camera.error.camera-busy':
      'De camera is bezet door een ander programma of venster. Sluit dat en probeer opnieuw.',
    'scan.camera.error.camera-unsupported':
      'Deze browser kan hier de camera niet gebruiken. Gebruik de handscanner of typ het pasnummer in.',
    'scan.camera.error.decoder-failed':
      'De camera kan de pas nu niet lezen (onderdeel niet geladen). Gebruik de handscanner of typ het pasnummer in.',
    'scan.camera.error.camera-failed':
      'De camera werkt niet. Probeer opnieuw of typ het pasnummer in.',
  },
  en: {
    'scan.camera.title': 'Scan a pass with the camera',
    'scan.camera.close': 'Close camera',
    'scan.camera.choose': 'Camera',
    'scan.camera.unnamed': 'Camera {number}',
    'scan.camera.starting': 'Starting the camera…',
    'scan.camera.hint':
      'Hold the pass in front of the camera, with the barcode or the QR code facing it.',
    'scan.camera.preview': 'Camera image',
    'scan.camera.retry': 'Try again',
    'scan.camera.error.camera-missing':
      'No camera was found. Plug in a webcam or type the pass number.',
    'scan.camera.error.camera-denied':
      'The browser may not use the camera. Allow the camera (the padlock next to the address) and try again.',
    'scan.camera.error.camera-busy':
      'The camera is in use by another program or window. Close it and try again.',
    'scan.camera.error.camera-unsupported':
      'This browser cannot use the camera here. Use the hand scanner or type the pass number.',
    'scan.camera.error.decoder-failed':
      'The camera cannot read passes right now (a part did not load). Use the hand scanner or type the pass number.',
    'scan.camera.error.camera-failed':
      'The camera does not work. Try again or type the pass number.',
  },
});
