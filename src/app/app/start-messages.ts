/**
 * The words in the start bundle: the shell's, the desk's (with its camera), the sync badge's and
 * the error words every screen shares.
 * Every other screen brings its words along when it first loads (screens.tsx).
 */
import { cameraMessages } from '../features/scan/camera/messages.ts';
import { scanMessages } from '../features/scan/messages.ts';
import { scanNeighbourhoodMessages } from '../features/scan/neighbourhood-messages.ts';
import { settingsMessages } from '../features/settings/messages.ts';
import { scannerTestMessages } from '../features/settings/scanner-test-messages.ts';
import { backupMessages } from '../features/settings/backup-messages.ts';
import type { MessageSet } from '../i18n/messages.ts';
import { bootstrapProgressMessages } from '../ui/bootstrap-progress-messages.ts';
import { errorMessages } from '../ui/error-messages.ts';
import { appMessages } from './messages.ts';

export const START_MESSAGES: readonly MessageSet[] = [
  appMessages,
  cameraMessages,
  scanMessages,
  scanNeighbourhoodMessages,
  settingsMessages,
  scannerTestMessages,
  backupMessages,
  bootstrapProgressMessages,
  errorMessages,
];
