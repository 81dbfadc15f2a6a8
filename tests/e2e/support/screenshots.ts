/**
 * Where the end-to-end tests put their screenshots: an ignored folder (test-results/screenshots),
 * so `npm test` leaves the tree clean. `npm run screenshots` sets BUURTPAS_SCREENSHOTS=docs/screenshots
 * to refresh the README's pictures on purpose.
 */
import { mkdirSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { ROOT } from './app-server.ts';

function screenshotDir(): string {
  const chosen = process.env.BUURTPAS_SCREENSHOTS;
  if (!chosen) return join(ROOT, 'test-results/screenshots');
  return isAbsolute(chosen) ? chosen : join(ROOT, chosen);
}

export const SHOTS = screenshotDir();

export function ensureScreenshotDir(): string {
  mkdirSync(SHOTS, { recursive: true });
  return SHOTS;
}
