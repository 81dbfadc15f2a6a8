import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { MESSAGE_SETS } from '../app/all-messages.ts';
import { registerMessages } from '../i18n/messages.ts';

// Features rendered on their own in tests need their words without the lazy screen loader.
registerMessages(...MESSAGE_SETS);

afterEach(() => {
  cleanup();
});
