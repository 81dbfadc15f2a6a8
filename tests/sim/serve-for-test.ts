/**
 * The real test server (startTestServer) as a child process, for tests whose own environment
 * cannot load the server (jsdom: Vite's browser transform rewrites `new URL(…, import.meta.url)`
 * in the migration loader). Prints one JSON line `{ baseUrl, adminToken }`, serves until killed.
 * Env: FIXED_NOW (ISO; the server clock), MIN_PAYLOAD_VERSION.
 */
import { startTestServer } from '../../src/server/testing/start-test-server.ts';

const fixed = process.env.FIXED_NOW ? Date.parse(process.env.FIXED_NOW) : null;
const server = await startTestServer({
  ...(fixed !== null ? { nowMs: () => fixed } : {}),
  ...(process.env.MIN_PAYLOAD_VERSION
    ? { minPayloadVersion: Number(process.env.MIN_PAYLOAD_VERSION) }
    : {}),
});
process.stdout.write(
  `${JSON.stringify({ baseUrl: server.baseUrl, adminToken: server.adminToken })}\n`,
);
const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
