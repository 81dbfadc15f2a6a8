import { openPostgresStorage } from './postgres-storage.ts';
import { openSqliteStorage } from './sqlite-storage.ts';
import type { Storage } from './storage.ts';

/** DATABASE_URL picks PostgreSQL; otherwise the SQLite file needs no setup at all. */
export async function openStorage(config: {
  databaseUrl: string | undefined;
  sqliteFile: string;
}): Promise<Storage> {
  if (config.databaseUrl) return openPostgresStorage({ connectionString: config.databaseUrl });
  return openSqliteStorage({ file: config.sqliteFile });
}
