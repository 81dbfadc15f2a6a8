import 'fake-indexeddb/auto';
import { setMaxListeners } from 'node:events';
import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import { MESSAGE_SETS } from '../app/all-messages.ts';
import { registerMessages } from '../i18n/messages.ts';

// Features rendered on their own in tests need their words without the lazy screen loader.
registerMessages(...MESSAGE_SETS);

// Real Dexie on fake-indexeddb under jsdom, PBKDF2 and React on a shared two-core machine: a
// round trip can stall for seconds when both cores are busy. The waits are limits for hangs, never
// for speed (a passing test is no slower for them); speed is measured in bench/.
configure({ asyncUtilTimeout: 30_000 });

// Dexie's live-query cache adds one abort listener per query to the run's signal and removes them
// all when the run ends; a screen whose live query reads more than ten ranges passes Node's default
// of 10 and Node prints a leak warning (browsers have no such limit). Not a leak: allow more.
setMaxListeners(64);

afterEach(() => {
  cleanup();
});
