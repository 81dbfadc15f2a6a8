/**
 * Numbered SQL migrations per engine: `migrations/<engine>/NNN_name.sql`. Released files are
 * never edited; a change is a new number. A database that records a number this build does not
 * ship was written by a newer server: starting anyway could corrupt it, so we refuse.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { StorageEngine } from './storage.ts';

export type Migration = { version: number; name: string; sql: string };

export class MigrationRefusedError extends Error {
  readonly code = 'migration-unknown';
  readonly unknownVersions: number[];
  constructor(unknownVersions: number[]) {
    super(
      `database has migration(s) ${unknownVersions.join(', ')} this server does not know; refusing to start (is this an older server build?)`,
    );
    this.name = 'MigrationRefusedError';
    this.unknownVersions = unknownVersions;
  }
}

const FILE = /^(\d{3})_([a-z0-9_-]+)\.sql$/;

export function loadMigrations(engine: StorageEngine): Migration[] {
  const dir = new URL(`./migrations/${engine}/`, import.meta.url);
  const migrations: Migration[] = [];
  for (const file of readdirSync(dir).sort()) {
    const match = FILE.exec(file);
    if (!match) continue;
    migrations.push({
      version: Number(match[1]),
      name: match[2] ?? file,
      sql: readFileSync(new URL(file, dir), 'utf8'),
    });
  }
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(
        `migrations for ${engine} must be numbered 001, 002, ... without gaps (found ${m.version} at position ${i + 1})`,
      );
  });
  return migrations;
}

/** Which migrations to run, or a refusal when the database is ahead of this build. */
export function planMigrations(
  applied: readonly number[],
  known: readonly Migration[],
): Migration[] {
  const knownVersions = new Set(known.map((m) => m.version));
  const unknown = applied.filter((v) => !knownVersions.has(v)).sort((a, b) => a - b);
  if (unknown.length > 0) throw new MigrationRefusedError(unknown);
  const done = new Set(applied);
  return known.filter((m) => !done.has(m.version));
}
