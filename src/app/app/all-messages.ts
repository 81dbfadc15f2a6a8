/**
 * Every feature's dictionary, for the completeness test and for tests that render a feature on
 * its own. The app itself registers the lazy screens' words when they load (screens.tsx).
 */
import type { MessageSet } from '../i18n/messages.ts';
import { appMessages } from './messages.ts';
import { cameraMessages } from '../features/scan/camera/messages.ts';
import { scanMessages } from '../features/scan/messages.ts';
import { todayMessages } from '../features/today/messages.ts';
import { treasurerMessages } from '../features/treasurer/messages.ts';
import { roleMessages } from '../ui/role-messages.ts';
import { errorMessages } from '../ui/error-messages.ts';
import { storageMessages } from '../ui/storage-messages.ts';
import { reportsMessages } from '../features/reports/messages.ts';
import { membersMessages } from '../features/members/messages.ts';
import { settingsMessages } from '../features/settings/messages.ts';
import { bootstrapProgressMessages } from '../ui/bootstrap-progress-messages.ts';
import { kioskMessages } from '../features/kiosk/messages.ts';

export const MESSAGE_SETS: readonly MessageSet[] = [
  appMessages,
  cameraMessages,
  scanMessages,
  todayMessages,
  treasurerMessages,
  roleMessages,
  reportsMessages,
  membersMessages,
  settingsMessages,
  bootstrapProgressMessages,
  errorMessages,
  storageMessages,
  kioskMessages,
];
