/**
 * `cli.ts backup`: a consistent copy of the live database while the server keeps running.
 * SQLite: better-sqlite3's online backup API (page by page, restarts when a push writes in
 * between, so the copy is one committed state). PostgreSQL: `pg_dump --format=custom`, one
 * snapshot transaction. Older backups beyond `keep` in the same folder are removed.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';

export type BackupTarget = {
  databaseUrl: string | undefined;
  sqliteFile: string;
};

export type BackupResult = { file: string; bytes: number; removed: string[] };

const BACKUP_NAME = /^buurtpas-\d{8}-\d{6}\.(sqlite|pgdump)$/;

/** `buurtpas-20261206-030000.sqlite`: sortable by name, so "the newest N" is a name sort. */
export function nameBackupFile(nowMs: number, engine: 'sqlite' | 'postgres'): string {
  const iso = new Date(nowMs).toISOString();
  const stamp = `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
  return `buurtpas-${stamp}.${engine === 'sqlite' ? 'sqlite' : 'pgdump'}`;
}

export function runProgram(command: string, args: string[]): Promise<void> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolveRun();
      else reject(new Error(`${command} failed (exit ${code}): ${stderr.trim().slice(0, 500)}`));
    });
  });
}

export async function backupDatabase(
  target: BackupTarget,
  options: { out?: string; dir: string; keep?: number; nowMs: number },
): Promise<BackupResult> {
  const engine = target.databaseUrl ? 'postgres' : 'sqlite';
  const file = options.out ?? join(options.dir, nameBackupFile(options.nowMs, engine));
  mkdirSync(dirname(file), { recursive: true });
  // Written under a temporary name and renamed: a half-written backup never looks like a backup.
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  try {
    if (target.databaseUrl) {
      await runProgram('pg_dump', [
        '--format=custom',
        '--no-owner',
        `--file=${partial}`,
        `--dbname=${target.databaseUrl}`,
      ]);
    } else {
      const db = new Database(target.sqliteFile, { readonly: true, fileMustExist: true });
      try {
        await db.backup(partial);
      } finally {
        db.close();
      }
    }
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  const removed: string[] = [];
  if (options.keep !== undefined && options.out === undefined) {
    const ours = readdirSync(options.dir)
      .filter((name) => BACKUP_NAME.test(name))
      .sort();
    for (const name of ours.slice(0, Math.max(0, ours.length - options.keep))) {
      rmSync(join(options.dir, name), { force: true });
      removed.push(name);
    }
  }
  return { file, bytes: statSync(file).size, removed: removed.map((n) => basename(n)) };
}
