/**
 * Every feature's dictionary, for the completeness test and for tests that render a feature on
 * its own. The app itself registers the lazy screens' words when they load (screens.tsx).
 */
import type { MessageSet } from '../i18n/messages.ts';
import { appMessages } from './messages.ts';
import { cameraMessages } from '../features/scan/camera/messages.ts';
import { scanMessages } from '../features/scan/messages.ts';
import { scanNeighbourhoodMessages } from '../features/scan/neighbourhood-messages.ts';
import { todayMessages } from '../features/today/messages.ts';
import { treasurerMessages } from '../features/treasurer/messages.ts';
import { roleMessages } from '../ui/role-messages.ts';
import { errorMessages } from '../ui/error-messages.ts';
import { storageMessages } from '../ui/storage-messages.ts';
import { recordWordsMessages } from '../ui/record-words-messages.ts';
import { reportsMessages } from '../features/reports/messages.ts';
import { reportsReferralMessages } from '../features/reports/referral-messages.ts';
import { membersMessages } from '../features/members/messages.ts';
import { memberLocationMessages } from '../features/members/location-messages.ts';
import { settingsMessages } from '../features/settings/messages.ts';
import { settingsStatusMessages } from '../features/settings/status-messages.ts';
import { scannerTestMessages } from '../features/settings/scanner-test-messages.ts';
import { backupMessages } from '../features/settings/backup-messages.ts';
import { bootstrapProgressMessages } from '../ui/bootstrap-progress-messages.ts';
import { kioskMessages } from '../features/kiosk/messages.ts';

export const MESSAGE_SETS: readonly MessageSet[] = [
  appMessages,
  cameraMessages,
  scanMessages,
  scanNeighbourhoodMessages,
  todayMessages,
  treasurerMessages,
  roleMessages,
  reportsMessages,
  reportsReferralMessages,
  membersMessages,
  memberLocationMessages,
  settingsMessages,
  settingsStatusMessages,
  scannerTestMessages,
  backupMessages,
  bootstrapProgressMessages,
  errorMessages,
  storageMessages,
  recordWordsMessages,
  kioskMessages,
];
