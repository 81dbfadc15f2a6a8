/**
 * A desk laptop opening Buurtpas from another host name over HTTPS, two ways the coordinator
 * can run it (docs/server.md, "HTTPS"): (1) the server speaks TLS itself (TLS_CERT/TLS_KEY),
 * with its plain-HTTP port redirecting; (2) Caddy with `tls internal` in front, run from
 * deploy/Caddyfile.internal, the server trusting X-Forwarded-* from Caddy only.
 *
 * The laptop trusts the CA as a real one would: certutil into the NSS database under the HOME
 * Chromium runs with (no --ignore-certificate-errors). `buurtpas.test` resolves to 127.0.0.1
 * through --host-resolver-rules. On that secure origin: the service worker controls the very
 * first load (clientsClaim), the app reloads offline, the camera permission can be granted,
 * crypto.subtle is there, assets arrive brotli-compressed, and a sync round pushes a fact and
 * pulls, visible in the coordinator's device list.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort, ROOT } from './support/app-server.ts';
import { launchChromium } from './support/chromium.ts';
import { ensureScreenshotDir, SHOTS } from './support/screenshots.ts';
import {
  getOverTls,
  makeTestCa,
  makeTrustingHome,
  spawnGroup,
  TEST_HOST,
  waitUntil,
  type Spawned,
} from './support/https-test-ca.ts';

// Screenshots for docs/installeren.md go to test-results/ unless `npm run screenshots` asks.
ensureScreenshotDir();

const TSX = join(ROOT, 'node_modules/.bin/tsx');
const hasCaddy = spawnSync('caddy', ['version']).status === 0;
const hasCertutil = spawnSync('certutil', ['-H']).error === undefined;

type Setup = {
  origin: string;
  httpsPort: number;
  ca: Buffer;
  serverEnv: NodeJS.ProcessEnv;
  stops: Spawned[];
  tmp: string;
  /** Plain-HTTP port that must redirect to the origin. */
  redirectPort: number;
};

function cli(env: NodeJS.ProcessEnv, ...args: string[]): string {
  return execFileSync(TSX, [join(ROOT, 'src/server/cli.ts'), ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  }).trim();
}

function serverEnv(tmp: string, extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOST: '127.0.0.1',
    DATA_DIR: join(tmp, 'data'),
    STATIC_DIR: join(ROOT, 'dist'),
    LOG_LEVEL: 'warn',
    DATABASE_URL: '',
    BUURTPAS_CONFIG: '',
    ...extra,
  };
}

async function startBuiltIn(tmp: string): Promise<Setup> {
  const ca = makeTestCa(join(tmp, 'ca'));
  const httpsPort = await findFreePort();
  const redirectPort = await findFreePort();
  const env = serverEnv(tmp, {
    PORT: String(httpsPort),
    TLS_CERT: ca.serverCert,
    TLS_KEY: ca.serverKey,
    HTTP_REDIRECT_PORT: String(redirectPort),
  });
  const server = spawnGroup(TSX, [join(ROOT, 'src/server/main.ts')], env, ROOT);
  const caPem = readFileSync(ca.caCert);
  await waitUntil(
    'TLS server',
    async () => (await getOverTls(httpsPort, '/api/v1/health', caPem)).status === 200,
    server.output,
  );
  return {
    origin: `https://${TEST_HOST}:${httpsPort}`,
    httpsPort,
    ca: caPem,
    serverEnv: env,
    stops: [server],
    tmp,
    redirectPort,
  };
}

async function startBehindCaddy(tmp: string): Promise<Setup> {
  const upstream = await findFreePort();
  const httpsPort = await findFreePort();
  const redirectPort = await findFreePort();
  const adminPort = await findFreePort();
  const env = serverEnv(tmp, { PORT: String(upstream), TRUST_PROXY: '127.0.0.1,::1' });
  const server = spawnGroup(TSX, [join(ROOT, 'src/server/main.ts')], env, ROOT);
  await waitUntil(
    'server',
    async () => (await fetch(`http://127.0.0.1:${upstream}/api/v1/health`)).ok,
    server.output,
  );
  const caddyHome = join(tmp, 'caddy');
  const caddy = spawnGroup(
    'caddy',
    ['run', '--config', join(ROOT, 'deploy/Caddyfile.internal'), '--adapter', 'caddyfile'],
    {
      ...process.env,
      HOME: caddyHome,
      XDG_DATA_HOME: join(caddyHome, 'data'),
      XDG_CONFIG_HOME: join(caddyHome, 'config'),
      BUURTPAS_ADDRESS: TEST_HOST,
      BUURTPAS_UPSTREAM: `127.0.0.1:${upstream}`,
      BUURTPAS_HTTPS_PORT: String(httpsPort),
      BUURTPAS_HTTP_PORT: String(redirectPort),
      BUURTPAS_CADDY_ADMIN: `127.0.0.1:${adminPort}`,
    },
    ROOT,
  );
  const root = join(caddyHome, 'data/caddy/pki/authorities/local/root.crt');
  await waitUntil('Caddy root certificate', async () => existsSync(root), caddy.output);
  const caPem = readFileSync(root);
  await waitUntil(
    'Caddy',
    async () => (await getOverTls(httpsPort, '/api/v1/health', caPem)).status === 200,
    caddy.output,
  );
  return {
    origin: `https://${TEST_HOST}:${httpsPort}`,
    httpsPort,
    ca: caPem,
    serverEnv: env,
    stops: [caddy, server],
    tmp,
    redirectPort,
  };
}

async function launchTrustingChromium(setup: Setup): Promise<Browser> {
  const caFile = join(setup.tmp, 'trusted-ca.pem');
  writeFileSync(caFile, setup.ca);
  const home = makeTrustingHome(join(setup.tmp, 'laptop-home'), caFile);
  return launchChromium([`--host-resolver-rules=MAP ${TEST_HOST} 127.0.0.1`], {
    env: { ...process.env, HOME: home },
  });
}

async function checkDesk(
  setup: Setup,
  browser: Browser,
  viaRedirect: boolean,
  shots = false,
): Promise<void> {
  const context = await browser.newContext();
  try {
    const page: Page = await context.newPage();
    const encodings = new Map<string, string>();
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (url.pathname.startsWith('/assets/') && url.pathname.endsWith('.js'))
        encodings.set(url.pathname, response.headers()['content-encoding'] ?? 'identity');
    });
    // Built in: a bookmark on http:// lands on the secure origin. (Caddy's own redirect leaves
    // out a non-standard https port, so behind Caddy the test opens https:// directly; with the
    // real ports 80 and 443 that makes no difference.)
    const first = await page.goto(
      viaRedirect ? `http://${TEST_HOST}:${setup.redirectPort}/` : `${setup.origin}/`,
    );
    expect(page.url()).toBe(`${setup.origin}/`);
    expect(first?.status()).toBe(200);
    expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
    expect(await page.evaluate(() => typeof crypto.subtle?.digest)).toBe('function');
    if (shots) await page.screenshot({ path: join(SHOTS, 'install-location-nl.png') });
    await page.getByRole('button', { name: /Casa Jepie Makandra/ }).click();

    // Controlled from the first visit, without a reload (clientsClaim).
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await expect
      .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), {
        timeout: 30_000,
      })
      .toBe(true);
    // The desk's main bundle comes precompressed (files under 1 kB are left as they are).
    const main = [...encodings].filter(([path]) => /^\/assets\/index-[^/]*\.js$/.test(path));
    expect(main.length).toBeGreaterThan(0);
    expect(main.map(([, encoding]) => encoding)).toEqual(main.map(() => 'br'));

    // The camera: the API exists on this origin and the permission can be granted.
    expect(await page.evaluate(() => typeof navigator.mediaDevices?.getUserMedia)).toBe('function');
    await context.grantPermissions(['camera'], { origin: setup.origin });
    expect(
      await page.evaluate(
        async () => (await navigator.permissions.query({ name: 'camera' as PermissionName })).state,
      ),
    ).toBe('granted');

    // Offline: the reload comes from the service worker; a walk-in is counted meanwhile.
    await context.setOffline(true);
    await page.reload();
    await page.getByText('Locatie: Casa Jepie Makandra').waitFor();
    await page.getByRole('button', { name: /^Losse bezoeker/ }).click();
    await page.getByRole('button', { name: /^\+1 / }).first().click();
    await page.getByRole('button', { name: /^Losse bezoeker vandaag 1$/ }).waitFor();
    await context.setOffline(false);

    // Enroll over HTTPS and sync: the walk-in reaches the server.
    const code = cli(setup.serverEnv, 'enroll', '--location', 'cjm');
    await page.getByRole('navigation').getByRole('button', { name: 'Instellingen' }).click();
    expect(await page.getByLabel('Adres van de server').inputValue()).toBe(setup.origin);
    await page.getByLabel('Koppelcode').fill(code);
    await page.getByLabel(/Naam van deze laptop/).fill('Balie CJM');
    await page.getByRole('button', { name: 'Koppelen' }).click();
    await page.getByText('Gekoppeld. Deze laptop synchroniseert nu vanzelf.').waitFor();
    if (shots) await page.screenshot({ path: join(SHOTS, 'install-enroll-nl.png') });
    const admin = cli(setup.serverEnv, 'admin-token');
    await expect
      .poll(
        async () => {
          const pulled = await getOverTlsWithToken(setup, '/api/v1/pull?after=0', admin);
          return (JSON.parse(pulled) as { events: { event: { type: string } }[] }).events.map(
            (e) => e.event.type,
          );
        },
        { timeout: 30_000 },
      )
      .toContain('walk-in-counted');
    const health = JSON.parse(await getOverTlsWithToken(setup, '/api/v1/health', admin)) as {
      status: string;
      database: { reachable: boolean };
      devices: { name: string; lastPushAt: string | null; lastPullAt: string | null }[];
    };
    expect(health.status).toBe('ok');
    expect(health.database.reachable).toBe(true);
    expect(health.devices).toEqual([
      expect.objectContaining({
        name: 'Balie CJM',
        lastPushAt: expect.any(String),
        lastPullAt: expect.any(String),
      }),
    ]);
  } finally {
    await context.close();
  }
}

/** Plain HTTP with a chosen Host header (fetch does not let a caller set Host). */
async function getPlain(
  port: number,
  path: string,
  host: string,
): Promise<{ status: number; location: string | undefined }> {
  const { request } = await import('node:http');
  return new Promise((resolveGet, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      res.resume();
      res.on('end', () =>
        resolveGet({ status: res.statusCode ?? 0, location: res.headers.location }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

async function getOverTlsWithToken(setup: Setup, path: string, token: string): Promise<string> {
  const { request } = await import('node:https');
  return new Promise((resolveGet, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: setup.httpsPort,
        path,
        servername: TEST_HOST,
        ca: setup.ca,
        headers: { host: `${TEST_HOST}:${setup.httpsPort}`, authorization: `Bearer ${token}` },
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolveGet(body));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe.skipIf(!hasCertutil)('HTTPS built into the server (TLS_CERT / TLS_KEY)', () => {
  let setup: Setup;
  let browser: Browser;
  beforeAll(async () => {
    setup = await startBuiltIn(mkdtempSync(join(tmpdir(), 'buurtpas-https-')));
    browser = await launchTrustingChromium(setup);
  });
  afterAll(async () => {
    await browser?.close();
    for (const s of setup?.stops ?? []) await s.stop();
    if (setup) rmSync(setup.tmp, { recursive: true, force: true });
  });

  it('sends HSTS over TLS and redirects plain HTTP on its second port', async () => {
    const health = await getOverTls(setup.httpsPort, '/api/v1/health', setup.ca);
    expect(health.headers['strict-transport-security']).toBe('max-age=31536000');
    const plain = await getPlain(
      setup.redirectPort,
      '/members?x=1',
      `${TEST_HOST}:${setup.redirectPort}`,
    );
    expect(plain.status).toBe(308);
    expect(plain.location).toBe(`${setup.origin}/members?x=1`);
  });

  it('a desk laptop from another host name: service worker, offline, camera, sync', async () => {
    await checkDesk(setup, browser, true, true);
  });

  it('the coordinator sees which desk has not synchronised for days, by its name', async () => {
    // The desk from the test above last synced three days ago, as far as the server knows.
    // (It is that test's enrolled laptop: if it did not get that far, this one cannot pass.)
    const db = new Database(join(setup.tmp, 'data/buurtpas.sqlite'));
    const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000 - 3_600_000).toISOString();
    const moved = db
      .prepare('UPDATE device_activity SET last_push_at = ?, last_pull_at = ?')
      .run(threeDaysAgo, threeDaysAgo).changes;
    db.close();
    expect(moved, 'the desk enrolled by the test above').toBe(1);
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${setup.origin}/`);
      await page.getByRole('button', { name: /MultiBron/ }).click();
      const code = cli(
        setup.serverEnv,
        'enroll',
        '--location',
        'multibron',
        '--role',
        'coordinator',
      );
      await page.getByRole('navigation').getByRole('button', { name: 'Instellingen' }).click();
      await page.getByLabel('Koppelcode').fill(code);
      await page.getByLabel(/Naam van deze laptop/).fill('Coördinator');
      await page.getByRole('button', { name: 'Koppelen' }).click();
      await page
        .getByText('Balie CJM heeft 3 dagen niet gesynchroniseerd')
        .waitFor()
        .catch(async (error: unknown) => {
          console.log(
            await page
              .locator('main')
              .innerText()
              .catch(() => 'no main'),
          );
          throw error;
        });
      await page.getByText('De server werkt en de database antwoordt.').waitFor();
      await page.getByRole('heading', { name: 'Server en laptops' }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, 'install-health-nl.png') });
    } finally {
      await context.close();
    }
  });
});

describe.skipIf(!hasCertutil || !hasCaddy)('HTTPS behind Caddy (deploy/Caddyfile.internal)', () => {
  let setup: Setup;
  let browser: Browser;
  beforeAll(async () => {
    setup = await startBehindCaddy(mkdtempSync(join(tmpdir(), 'buurtpas-caddy-')));
    browser = await launchTrustingChromium(setup);
  });
  afterAll(async () => {
    await browser?.close();
    for (const s of setup?.stops ?? []) await s.stop();
    if (setup) rmSync(setup.tmp, { recursive: true, force: true });
  });

  it('the server believes Caddy about https (HSTS) and Caddy redirects plain HTTP', async () => {
    const health = await getOverTls(setup.httpsPort, '/api/v1/health', setup.ca);
    expect(health.status).toBe(200);
    expect(health.headers['strict-transport-security']).toBe('max-age=31536000');
    const plain = await getPlain(setup.redirectPort, '/', TEST_HOST);
    expect([301, 308]).toContain(plain.status);
    expect(plain.location).toMatch(new RegExp(`^https://${TEST_HOST}/`));
  });

  it('a desk laptop from another host name: service worker, offline, camera, sync', async () => {
    await checkDesk(setup, browser, false);
  });
});
