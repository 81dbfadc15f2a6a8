/**
 * The words in the start bundle: the shell's, the desk's (with its camera), the sync badge's and
 * backup reminder's, and the error words every screen shares.
 * Every other screen brings its words along when it first loads (screens.tsx).
 */
import { cameraMessages } from '../features/scan/camera/messages.ts';
import { scanMessages } from '../features/scan/messages.ts';
import { scanNeighbourhoodMessages } from '../features/scan/neighbourhood-messages.ts';
import { settingsStatusMessages } from '../features/settings/status-messages.ts';
import type { MessageSet } from '../i18n/messages.ts';
import { bootstrapProgressMessages } from '../ui/bootstrap-progress-messages.ts';
import { errorMessages } from '../ui/error-messages.ts';
import { appMessages } from './messages.ts';

export const START_MESSAGES: readonly MessageSet[] = [
  appMessages,
  cameraMessages,
  scanMessages,
  scanNeighbourhoodMessages,
  settingsStatusMessages,
  bootstrapProgressMessages,
  errorMessages,
];
