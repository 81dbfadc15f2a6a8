/**
 * All dictionaries, merged. A feature adds its `messages.ts` here with one import; keys are
 * prefixed by the feature (`scan.welcome`) so two features never collide.
 */
import type { Dictionary } from './define-messages.ts';
import { appMessages } from '../app/messages.ts';
import { cameraMessages } from '../features/scan/camera/messages.ts';
import { scanMessages } from '../features/scan/messages.ts';
import { todayMessages } from '../features/today/messages.ts';
import { treasurerMessages } from '../features/treasurer/messages.ts';
import { roleMessages } from '../ui/role-messages.ts';
import { reportsMessages } from '../features/reports/messages.ts';
import { settingsMessages } from '../features/settings/messages.ts';
import { membersMessages } from '../features/members/messages.ts';
import { settingsMessages } from '../features/settings/messages.ts';

const all = [appMessages, cameraMessages, scanMessages, todayMessages, treasurerMessages, roleMessages, reportsMessages, membersMessages, settingsMessages];

function merge(lang: 'nl' | 'en'): Dictionary {
  const out: Dictionary = {};
  for (const m of all) Object.assign(out, m[lang]);
  return out;
}

export const MESSAGES = { nl: merge('nl'), en: merge('en') };
export const MESSAGE_SETS: readonly { nl: Dictionary; en: Dictionary }[] = all;
