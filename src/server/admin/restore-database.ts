/**
 * `cli.ts restore <file>`: puts a backup back, with the server stopped. Whatever the backup
 * lacks is not lost: the restored database gets a NEW generation id, every laptop sees it on its
 * next sync, pushes all its own facts again (idempotent by eventId) and pulls from 0
 * (docs/server.md, "Restore"). The database being replaced is first kept beside it.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import Database from 'better-sqlite3';
import pg from 'pg';
import { runProgram, type BackupTarget } from './backup-database.ts';

export type RestoreResult = { generation: string; keptPrevious: string | undefined };

export function makeGeneration(): string {
  return randomBytes(16).toString('hex');
}

/** True when something answers on the port: the server must be stopped before a restore. */
export function isPortInUse(host: string, port: number): Promise<boolean> {
  return new Promise((resolvePort) => {
    const socket = connect({ host: host === '0.0.0.0' ? '127.0.0.1' : host, port });
    socket.setTimeout(2000);
    socket.once('connect', () => {
      socket.destroy();
      resolvePort(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolvePort(false);
    });
    socket.once('error', () => resolvePort(false));
  });
}

function hasTable(db: Database.Database, name: string): boolean {
  return (
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !==
    undefined
  );
}

/** Refuses a file that is not a Buurtpas SQLite database before anything is replaced. */
function checkSqliteBackup(file: string): void {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new Error(`${file} cannot be opened as SQLite: ${(error as Error).message}`);
  }
  try {
    const check = db.pragma('quick_check', { simple: true }) as string;
    if (check !== 'ok') throw new Error(`${file} is damaged: ${check}`);
    if (!hasTable(db, 'events') || !hasTable(db, 'schema_migrations'))
      throw new Error(`${file} is not a Buurtpas database (no events table)`);
  } catch (error) {
    if (error instanceof Error && error.message.startsWith(file)) throw error;
    throw new Error(`${file} is not a SQLite database: ${(error as Error).message}`);
  } finally {
    db.close();
  }
}

async function restoreSqlite(sqliteFile: string, backupFile: string, nowMs: number) {
  checkSqliteBackup(backupFile);
  const generation = makeGeneration();
  const staging = `${sqliteFile}.restoring`;
  rmSync(staging, { force: true });
  copyFileSync(backupFile, staging);
  const db = new Database(staging);
  try {
    // A backup from before migration 002 has no server_meta: the migration at start makes a
    // fresh generation, which is just as new.
    if (hasTable(db, 'server_meta'))
      db.prepare("UPDATE server_meta SET value = ? WHERE key = 'generation'").run(generation);
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
  let keptPrevious: string | undefined;
  if (existsSync(sqliteFile)) {
    keptPrevious = `${sqliteFile}.before-restore-${new Date(nowMs).toISOString().replace(/[:.]/g, '')}`;
    const current = new Database(sqliteFile, { fileMustExist: true });
    try {
      await current.backup(keptPrevious);
    } finally {
      current.close();
    }
  }
  // The old WAL must not be replayed onto the restored file.
  rmSync(`${sqliteFile}-wal`, { force: true });
  rmSync(`${sqliteFile}-shm`, { force: true });
  renameSync(staging, sqliteFile);
  return { generation, keptPrevious };
}

async function restorePostgres(databaseUrl: string, backupFile: string) {
  await runProgram('pg_restore', [
    '--clean',
    '--if-exists',
    '--no-owner',
    '--single-transaction',
    `--dbname=${databaseUrl}`,
    backupFile,
  ]);
  const generation = makeGeneration();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const exists = await client.query("SELECT to_regclass('server_meta') AS t");
    if ((exists.rows[0] as { t: string | null }).t !== null)
      await client.query("UPDATE server_meta SET value = $1 WHERE key = 'generation'", [
        generation,
      ]);
  } finally {
    await client.end();
  }
  return { generation, keptPrevious: undefined };
}

export async function restoreDatabase(
  target: BackupTarget,
  backupFile: string,
  nowMs: number,
): Promise<RestoreResult> {
  if (!existsSync(backupFile)) throw new Error(`no backup file ${backupFile}`);
  return target.databaseUrl
    ? restorePostgres(target.databaseUrl, backupFile)
    : restoreSqlite(target.sqliteFile, backupFile, nowMs);
}
