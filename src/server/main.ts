/**
 * The one process: API and built PWA on one port. Configuration from the environment
 * (docs/server.md). SIGTERM/SIGINT: stop accepting, let a push in flight commit and answer,
 * close the database, exit 0.
 */
import { readFileSync } from 'node:fs';
import { buildServer } from './http/build-server.ts';
import { startHttpsRedirect } from './http/redirect-to-https.ts';
import { loadConfigFile, readServerConfig } from './config/read-server-config.ts';
import { openStorage } from './storage/open-storage.ts';

function logFatal(msg: string, error: unknown): void {
  const err =
    error instanceof Error
      ? { type: error.name, message: error.message }
      : { message: String(error) };
  // Same shape as pino's JSON lines, so log collectors read start failures too.
  console.error(JSON.stringify({ level: 60, time: Date.now(), msg, err }));
}

async function startServer(): Promise<void> {
  const configFile = loadConfigFile();
  const config = readServerConfig(process.env);
  // Read the PEM files before opening the database: a wrong path stops the start cleanly.
  const tls = config.tls
    ? { cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) }
    : undefined;
  const storage = await openStorage(config);
  const app = await buildServer({
    storage,
    config,
    logger: { level: config.logLevel },
    ...(tls ? { tls } : {}),
    ...(config.trustProxy !== undefined ? { trustProxy: config.trustProxy } : {}),
    hstsMaxAgeSeconds: config.hstsMaxAgeSeconds,
  });
  let redirect: { close(): Promise<void> } | undefined;

  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      app.log.error('shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    Promise.all([app.close(), redirect?.close()])
      .then(() => storage.close())
      .then(() => {
        app.log.info('closed');
        process.exit(0);
      })
      .catch((error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await storage.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  if (tls && config.httpRedirectPort !== undefined) {
    redirect = await startHttpsRedirect({
      port: config.httpRedirectPort,
      host: config.host,
      httpsPort: port,
    });
    app.log.info({ port: config.httpRedirectPort }, 'redirecting http to https');
  }
  app.log.info(
    {
      port,
      host: config.host,
      https: tls !== undefined,
      trustProxy: config.trustProxy,
      configFile,
      engine: storage.engine,
      dataDir: config.databaseUrl ? undefined : config.dataDir,
    },
    'buurtpas-listening',
  );
}

startServer().catch((error: unknown) => {
  logFatal('start failed', error);
  process.exit(1);
});
