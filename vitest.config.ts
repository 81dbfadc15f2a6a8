import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Unit, component and server suites. The Chromium end-to-end suite has its own config
// (vitest.e2e.config.ts) because it needs a production build first.
export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'domain',
          environment: 'node',
          // fast-check properties run hundreds of cases: a limit for hangs on a busy machine.
          testTimeout: 120_000,
          include: ['src/domain/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'app',
          environment: 'jsdom',
          include: ['src/app/**/*.test.{ts,tsx}'],
          setupFiles: ['src/app/test/setup.ts'],
          // Real Dexie on fake-indexeddb under jsdom is slow on a shared two-core machine; the
          // limits are for hangs, not for speed (speed is measured in bench/). A test may wait
          // several times for up to 30 s (src/app/test/setup.ts).
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          environment: 'node',
          include: ['src/server/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
