/**
 * `npm run setup` as the coordinator runs it: the real CLI process, answers typed when each
 * question appears. It writes the env file and the Caddyfile, creates the database, and prints
 * a one-time code that really enrolls a coordinator laptop.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { enrollDevice } from '../auth/enroll-device.ts';
import { readServerConfig } from '../config/read-server-config.ts';
import { openSqliteStorage } from '../storage/sqlite-storage.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function runSetup(
  cwd: string,
  answers: string[],
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(
      join(ROOT, 'node_modules/.bin/tsx'),
      [join(ROOT, 'src/server/cli.ts'), 'setup'],
      {
        cwd,
        env: { ...process.env, BUURTPAS_CONFIG: '', DATABASE_URL: '', DATA_DIR: '' },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    let asked = 0;
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
      // Each question ends in ": " (no echo without a terminal); answer once it is on screen.
      if (err.endsWith(': ') && asked < answers.length) {
        child.stdin.write(`${answers[asked]}\n`);
        asked++;
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolveRun({ code, out: out.trim(), err }));
  });
}

describe('npm run setup', () => {
  it('asks address, HTTPS, database and first coordinator; writes the files; the code enrolls', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'buurtpas-setup-'));
    dirs.push(cwd);
    const dataDir = join(cwd, 'data');
    const run = await runSetup(cwd, ['buurtpas.lan', '', 'sqlite', dataDir, 'multibron']);
    expect(run.code, run.err).toBe(0);
    const env = readFileSync(join(cwd, 'buurtpas.env'), 'utf8');
    const values = Object.fromEntries(
      env
        .split('\n')
        .filter((l) => /^[A-Z_]+=/.test(l))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    const config = readServerConfig(values);
    expect(config).toMatchObject({ host: '127.0.0.1', port: 8080, trustProxy: '127.0.0.1,::1' });
    expect(readFileSync(join(cwd, 'Caddyfile'), 'utf8')).toContain('tls internal');
    expect(existsSync(config.sqliteFile)).toBe(true);
    // The printed code enrolls the coordinator's laptop at MultiBron.
    const storage = openSqliteStorage({ file: config.sqliteFile });
    try {
      const enrolled = await enrollDevice(storage, {
        code: run.out,
        deviceId: 'dcoordsetup1',
        nowMs: Date.now(),
      });
      expect(enrolled).toMatchObject({
        ok: true,
        response: { locationId: 'multibron', role: 'coordinator' },
      });
    } finally {
      await storage.close();
    }
  }, 60_000);
});
