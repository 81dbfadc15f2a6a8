/**
 * The server-administration commands of `cli.ts`: `setup`, `backup`, `restore`. They differ
 * from the device commands in cli.ts: setup runs before there is a configuration, and restore
 * must not open the database the normal way (it replaces it). Output: the result on stdout
 * (the backup's path), explanations on stderr.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfigFile, readServerConfig } from '../config/read-server-config.ts';
import { backupDatabase } from './backup-database.ts';
import { isPortInUse, restoreDatabase } from './restore-database.ts';
import { runSetup } from './run-setup.ts';

export const ADMIN_COMMANDS = ['setup', 'backup', 'restore'] as const;

export function isAdminCommand(command: string | undefined): boolean {
  return (ADMIN_COMMANDS as readonly (string | undefined)[]).includes(command);
}

export const ADMIN_USAGE = `  cli.ts setup [--config buurtpas.env]
  cli.ts backup [--out <file> | --dir <folder>] [--keep N]
  cli.ts restore <backup-file> [--force]`;

export async function runAdminCommand(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      dir: { type: 'string' },
      keep: { type: 'string' },
      force: { type: 'boolean' },
      config: { type: 'string' },
    },
  });
  const [command, ...rest] = positionals;
  if (command === 'setup') return runSetup({ configFile: values.config ?? 'buurtpas.env' });

  loadConfigFile();
  const config = readServerConfig(process.env);
  if (command === 'backup') {
    const keep = values.keep !== undefined ? Number(values.keep) : undefined;
    if (keep !== undefined && (!Number.isInteger(keep) || keep < 1)) {
      console.error('--keep must be a whole number, at least 1');
      return 2;
    }
    const result = await backupDatabase(config, {
      ...(values.out !== undefined ? { out: values.out } : {}),
      dir: values.dir ?? join(config.dataDir, 'backups'),
      ...(keep !== undefined ? { keep } : {}),
      nowMs: Date.now(),
    });
    console.log(result.file);
    console.error(
      `backup written: ${result.file} (${result.bytes} bytes)${result.removed.length > 0 ? `; removed ${result.removed.length} older` : ''}`,
    );
    return 0;
  }
  if (command === 'restore') {
    const file = rest[0];
    if (file === undefined) {
      console.error(`usage:\n${ADMIN_USAGE}`);
      return 2;
    }
    if (!values.force && (await isPortInUse(config.host, config.port))) {
      console.error(
        `something answers on port ${config.port}: stop the server first (sudo systemctl stop buurtpas), or pass --force if that is not Buurtpas`,
      );
      return 1;
    }
    const result = await restoreDatabase(config, file, Date.now());
    console.log(result.generation);
    console.error(
      `restored ${file}; new generation ${result.generation}.${result.keptPrevious ? ` The replaced database is kept as ${result.keptPrevious}.` : ''} Start the server: every laptop pushes what the backup lacks on its next sync.`,
    );
    return 0;
  }
  console.error(`usage:\n${ADMIN_USAGE}`);
  return 2;
}
