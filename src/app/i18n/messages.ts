/**
 * The dictionaries. The desk's own words are in the start bundle; a screen that loads on first use
 * brings its words along and registers them (see app/screens.tsx). Keys are prefixed by the
 * feature (`scan.welcome`) so two features never collide.
 */
import type { Dictionary } from './define-messages.ts';
import { appMessages } from '../app/messages.ts';
import { cameraMessages } from '../features/scan/camera/messages.ts';
import { scanMessages } from '../features/scan/messages.ts';
import { scanNeighbourhoodMessages } from '../features/scan/neighbourhood-messages.ts';
import { settingsMessages } from '../features/settings/messages.ts';
import { scannerTestMessages } from '../features/settings/scanner-test-messages.ts';
import { backupMessages } from '../features/settings/backup-messages.ts';

type MessageSet = { nl: Dictionary; en: Dictionary };

const START_SETS: readonly MessageSet[] = [
  appMessages,
  cameraMessages,
  scanMessages,
  scanNeighbourhoodMessages,
  settingsMessages,
  scannerTestMessages,
  backupMessages,
];

export const MESSAGES: { nl: Dictionary; en: Dictionary } = { nl: {}, en: {} };

/** Adds a feature's words; registering the same set twice is harmless. */
export function registerMessages(...sets: readonly MessageSet[]): void {
  for (const set of sets) {
    Object.assign(MESSAGES.nl, set.nl);
    Object.assign(MESSAGES.en, set.en);
  }
}

registerMessages(...START_SETS);
