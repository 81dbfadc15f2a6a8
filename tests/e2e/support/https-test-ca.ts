/**
 * HTTPS as a desk laptop meets it: a test certificate authority and a server certificate for a
 * real-looking host name (made with openssl in a temp dir), trusted the way a Linux laptop's
 * Chromium trusts a CA: in the NSS database under $HOME/.pki/nssdb (certutil, Debian package
 * libnss3-tools). Chromium is started with that HOME and maps the name to 127.0.0.1.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';

export const TEST_HOST = 'buurtpas.test';

export type TestCa = { dir: string; caCert: string; serverCert: string; serverKey: string };

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A CA (CA:TRUE) and a server certificate for `host` and 127.0.0.1 signed by it, all PEM. */
export function makeTestCa(dir: string, host = TEST_HOST): TestCa {
  mkdirSync(dir, { recursive: true });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(dir, [
    'req',
    '-x509',
    ...ec,
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '7',
    '-subj',
    '/CN=Buurtpas Test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  openssl(dir, [
    'req',
    ...ec,
    '-keyout',
    'server.key',
    '-out',
    'server.csr',
    '-subj',
    `/CN=${host}`,
  ]);
  writeFileSync(
    join(dir, 'server.ext'),
    [
      `subjectAltName=DNS:${host},IP:127.0.0.1`,
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=serverAuth',
    ].join('\n'),
  );
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.pem',
    '-days',
    '7',
    '-extfile',
    'server.ext',
  ]);
  return {
    dir,
    caCert: join(dir, 'ca.pem'),
    serverCert: join(dir, 'server.pem'),
    serverKey: join(dir, 'server.key'),
  };
}

/** A HOME whose NSS database trusts `caCertFile` for websites, as `certutil` does on a laptop. */
export function makeTrustingHome(dir: string, caCertFile: string): string {
  const nssdb = join(dir, '.pki', 'nssdb');
  mkdirSync(nssdb, { recursive: true });
  execFileSync('certutil', ['-d', `sql:${nssdb}`, '-N', '--empty-password']);
  execFileSync('certutil', [
    '-d',
    `sql:${nssdb}`,
    '-A',
    '-t',
    'C,,',
    '-n',
    'Buurtpas test CA',
    '-i',
    caCertFile,
  ]);
  return dir;
}

/** GET over HTTPS trusting `ca`, to 127.0.0.1 with the name as SNI and Host. */
export function getOverTls(
  port: number,
  path: string,
  ca: string | Buffer,
  host = TEST_HOST,
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}> {
  return new Promise((resolveGet, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, servername: host, headers: { host: `${host}:${port}` }, ca },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () =>
          resolveGet({ status: res.statusCode ?? 0, headers: res.headers, body }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

export async function waitUntil(what: string, check: () => Promise<boolean>, output: () => string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${what} did not come up:\n${output()}`);
}

export type Spawned = { child: ChildProcess; output: () => string; stop: () => Promise<void> };

/** A process in its own group (tsx starts a child), stopped with SIGTERM to the whole group. */
export function spawnGroup(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): Spawned {
  const child = spawn(command, args, {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  child.stdout?.on('data', (d) => (log += String(d)));
  child.stderr?.on('data', (d) => (log += String(d)));
  return {
    child,
    output: () => log,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        return;
      }
      await exited;
    },
  };
}
