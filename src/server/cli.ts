/**
 * Coordinator commands against the same database as the server (same env config):
 *   tsx src/server/cli.ts enroll --location cjm [--role desk|coordinator] [--ttl-hours 72]
 *   tsx src/server/cli.ts revoke <deviceId>
 *   tsx src/server/cli.ts devices
 *   tsx src/server/cli.ts admin-token
 *   echo <pin> | tsx src/server/cli.ts role-pin --role coordinator|treasurer [--reset]
 *   tsx src/server/cli.ts setup | backup | restore   (src/server/admin/run-admin-command.ts)
 * Output on stdout is the result only (the code, the token), so scripts can capture it.
 */
import { parseArgs } from 'node:util';
import { LOCATIONS } from '../domain/catalog.ts';
import { createAdminToken, issueEnrollmentCode } from './auth/enroll-device.ts';
import { runRolePinCommand } from './auth/role-pin-command.ts';
import { ADMIN_USAGE, isAdminCommand, runAdminCommand } from './admin/run-admin-command.ts';
import { loadConfigFile, readServerConfig } from './config/read-server-config.ts';
import { openStorage } from './storage/open-storage.ts';
import type { Storage } from './storage/storage.ts';

const USAGE = `usage:
  cli.ts enroll --location <${LOCATIONS.map((l) => l.id).join('|')}> [--role desk|coordinator] [--ttl-hours N]
  cli.ts revoke <deviceId>
  cli.ts devices
  cli.ts admin-token
  echo <pin> | cli.ts role-pin --role coordinator|treasurer [--reset]
${ADMIN_USAGE}`;

async function runCommand(storage: Storage, argv: string[], ttlHours: number): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      location: { type: 'string' },
      role: { type: 'string' },
      'ttl-hours': { type: 'string' },
      reset: { type: 'boolean' },
    },
  });
  const [command, ...rest] = positionals;
  switch (command) {
    case 'enroll': {
      const role = values.role ?? 'desk';
      if (role !== 'desk' && role !== 'coordinator') {
        console.error(`--role must be desk or coordinator\n${USAGE}`);
        return 2;
      }
      if (!values.location) {
        console.error(`--location is required\n${USAGE}`);
        return 2;
      }
      const ttl = values['ttl-hours'] !== undefined ? Number(values['ttl-hours']) : ttlHours;
      if (!Number.isInteger(ttl) || ttl < 1) {
        console.error('--ttl-hours must be a whole number of hours');
        return 2;
      }
      const result = await issueEnrollmentCode(storage, {
        locationId: values.location,
        role,
        ttlHours: ttl,
        nowMs: Date.now(),
      });
      if (!result.ok) {
        console.error(
          `unknown location "${values.location}"; one of ${LOCATIONS.map((l) => l.id).join(', ')}`,
        );
        return 2;
      }
      console.log(result.issued.code);
      console.error(
        `one-time code for ${result.issued.locationId} (${result.issued.role}), valid until ${result.issued.expiresAt}`,
      );
      return 0;
    }
    case 'revoke': {
      const deviceId = rest[0];
      if (!deviceId) {
        console.error(USAGE);
        return 2;
      }
      const ok = await storage.revokeDevice(deviceId, new Date().toISOString());
      if (!ok) {
        console.error(`no device ${deviceId}`);
        return 1;
      }
      console.log(`revoked ${deviceId}`);
      return 0;
    }
    case 'devices': {
      for (const d of await storage.listDevices()) {
        console.log(
          [
            d.deviceId,
            d.locationId,
            d.role,
            d.revokedAt ? `revoked ${d.revokedAt}` : 'active',
            d.createdAt,
            d.name,
          ].join('\t'),
        );
      }
      return 0;
    }
    case 'admin-token': {
      console.log(await createAdminToken(storage, Date.now()));
      console.error(
        'admin token: shown once, stored hashed. Use as "Authorization: Bearer <token>" on /api/v1/admin/*',
      );
      return 0;
    }
    case 'role-pin':
      return runRolePinCommand(storage, { role: values.role, reset: values.reset === true });
    default:
      console.error(USAGE);
      return 2;
  }
}

async function main(): Promise<void> {
  if (isAdminCommand(process.argv[2])) {
    process.exitCode = await runAdminCommand(process.argv.slice(2));
    return;
  }
  loadConfigFile();
  const config = readServerConfig(process.env);
  const storage = await openStorage(config);
  try {
    process.exitCode = await runCommand(
      storage,
      process.argv.slice(2),
      config.enrollmentCodeTtlHours,
    );
  } finally {
    await storage.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
