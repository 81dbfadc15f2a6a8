/**
 * The real server (src/server/main.ts) as a child process on a free port, serving the built PWA
 * from dist/ and the API over SQLite in a temporary data directory. Run `vite build` first
 * (`npm run test:e2e` does).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

export type AppServer = {
  url: string;
  port: number;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  /** Graceful stop (SIGTERM), waits for exit. */
  stop: () => Promise<void>;
  /** Hard kill (SIGKILL), waits for exit. */
  kill: () => Promise<void>;
  /** Runs the server CLI (src/server/cli.ts) against the same database; returns stdout. */
  cli: (...args: string[]) => string;
};

export async function findFreePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => res(port));
    });
  });
}

async function waitForHealth(
  url: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(`${url}/api/v1/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not become healthy:\n${output()}`);
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((res) => child.once('exit', () => res()));
}

export async function startAppServer(
  options: {
    dataDir?: string;
    port?: number;
    env?: NodeJS.ProcessEnv;
    /** A benchmark's server folds a million facts before it answers (default 60 s). */
    healthTimeoutMs?: number;
  } = {},
): Promise<AppServer> {
  if (!existsSync(join(ROOT, 'dist/index.html')))
    throw new Error('dist/ is missing: run `npx vite build` first');
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'buurtpas-e2e-'));
  const port = options.port ?? (await findFreePort());
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    STATIC_DIR: join(ROOT, 'dist'),
    LOG_LEVEL: 'warn',
    DATABASE_URL: '',
    ...options.env,
  };
  // Its own process group: tsx runs the server in a child process, and a signal to tsx alone
  // would leave that server running after the test.
  const child = spawn(TSX, [join(ROOT, 'src/server/main.ts')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  let log = '';
  child.stdout?.on('data', (d) => (log += String(d)));
  child.stderr?.on('data', (d) => (log += String(d)));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, child, () => log, options.healthTimeoutMs);
  } catch (error) {
    // A server that never became healthy must not outlive the run that started it.
    signalGroup('SIGKILL');
    throw error;
  }
  return {
    url,
    port,
    dataDir,
    env,
    stop: async () => {
      signalGroup('SIGTERM');
      await waitForExit(child);
    },
    kill: async () => {
      signalGroup('SIGKILL');
      await waitForExit(child);
    },
    cli: (...args: string[]) => {
      const r = spawnSync(TSX, [join(ROOT, 'src/server/cli.ts'), ...args], {
        cwd: ROOT,
        env,
        encoding: 'utf8',
      });
      if (r.status !== 0) throw new Error(`cli ${args.join(' ')} failed: ${r.stderr}${r.stdout}`);
      return r.stdout;
    },
  };
}
