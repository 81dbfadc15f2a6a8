/**
 * WAL checkpoints off the push path. With SQLite's default auto-checkpoint the push whose commit
 * takes the WAL past 1.000 pages copies them all into the database file and fsyncs it before it
 * can answer: about every fourth 500-fact push, some 2–4 ms a push on average. Here a second
 * connection on a worker thread runs `wal_checkpoint(PASSIVE)` shortly after pushes instead, on
 * the other core, while the main connection keeps a larger auto-checkpoint as a backstop (should
 * the worker lag or fail, the WAL still stays bounded).
 *
 * Durability does not depend on it: a push is answered after its commit is in the WAL and the WAL
 * is fsynced (`synchronous=FULL`); a checkpoint only copies committed pages into the main file and
 * is crash-safe at any point. The erasure path keeps its own `wal_checkpoint(TRUNCATE)`.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Pages after which the main connection checkpoints itself anyway (SQLite's default is 1.000). */
export const BACKSTOP_AUTOCHECKPOINT_PAGES = 4000;
/** How soon after a push the worker checkpoints: pushes close together share one checkpoint. */
const CHECKPOINT_DELAY_MS = 50;

// Plain CommonJS evaluated in the worker: no TypeScript loader is needed there.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = FULL');
let timer;
parentPort.on('message', (message) => {
  if (message === 'close') {
    clearTimeout(timer);
    db.close();
    parentPort.close();
    return;
  }
  if (timer !== undefined) return;
  timer = setTimeout(() => {
    timer = undefined;
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Busy or closing: the next push asks again, and the backstop is there.
    }
  }, workerData.delayMs);
});
`;

export type SqliteCheckpointer = {
  /** A push committed: checkpoint soon. */
  notePush(): void;
  close(): Promise<void>;
};

/**
 * Starts the worker for `file`; `onFailure` runs once if it cannot run (the caller then restores
 * SQLite's own auto-checkpoint).
 */
export function startSqliteCheckpointer(file: string, onFailure: () => void): SqliteCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, driver, delayMs: CHECKPOINT_DELAY_MS },
  });
  worker.unref();
  let running = true;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.once('error', () => {
    if (!running) return;
    running = false;
    onFailure();
  });
  return {
    notePush() {
      if (running) worker.postMessage('push');
    },
    async close() {
      if (!running) return;
      running = false;
      worker.postMessage('close');
      const timeout = setTimeout(() => void worker.terminate(), 10_000);
      await exited;
      clearTimeout(timeout);
    },
  };
}
