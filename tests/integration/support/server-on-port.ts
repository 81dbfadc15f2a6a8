/**
 * A real server over storage the test opened itself, on a port it can stop and start again on
 * (a restore, an upgrade): the laptops keep the same address across the restart.
 */
import type { FastifyInstance } from 'fastify';
import { buildServer, type BuildServerOptions } from '../../../src/server/http/build-server.ts';
import type { Storage } from '../../../src/server/storage/storage.ts';
import { testServerConfig } from '../../../src/server/testing/start-test-server.ts';

export type ServerOnPort = {
  app: FastifyInstance;
  storage: Storage;
  port: number;
  /** Closes the server, then its storage. */
  stop(): Promise<void>;
};

/** `port` 0: a free one (read it from the answer). The test settings, `config` changed. */
export async function listenOnPort(
  storage: Storage,
  port: number,
  options: Omit<BuildServerOptions, 'storage' | 'config'> & {
    dataDir: string;
    config?: Partial<BuildServerOptions['config']>;
  },
): Promise<ServerOnPort> {
  const { dataDir, config, ...build } = options;
  const app = await buildServer({ storage, config: testServerConfig(dataDir, config), ...build });
  await app.listen({ port, host: '127.0.0.1' });
  const address = app.server.address();
  return {
    app,
    storage,
    port: typeof address === 'object' && address !== null ? address.port : port,
    async stop() {
      await app.close();
      await storage.close();
    },
  };
}
