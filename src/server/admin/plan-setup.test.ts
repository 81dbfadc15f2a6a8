import { describe, expect, it } from 'vitest';
import { readServerConfig } from '../config/read-server-config.ts';
import { checkAddress, needsInternalCertificate, planSetup } from './plan-setup.ts';

function parseEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined)
      out[match[1]] = match[2].startsWith('"') ? (JSON.parse(match[2]) as string) : match[2];
  }
  return out;
}

describe('planSetup', () => {
  it('behind Caddy: loopback server, the proxy trusted, tls internal for an address', () => {
    const plan = planSetup({
      address: '192.168.1.10',
      https: 'caddy',
      database: { engine: 'sqlite', dataDir: '/var/lib/buurtpas' },
      staticDir: '/opt/buurtpas/dist',
    });
    const env = parseEnv(plan.env);
    const config = readServerConfig(env);
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      trustProxy: '127.0.0.1,::1',
      sqliteFile: '/var/lib/buurtpas/buurtpas.sqlite',
      tls: undefined,
    });
    expect(plan.caddyfile).toContain('192.168.1.10 {');
    expect(plan.caddyfile).toContain('tls internal');
    expect(plan.caddyfile).toContain('reverse_proxy 127.0.0.1:8080');
    expect(plan.url).toBe('https://192.168.1.10');
  });

  it('a public domain gets an automatic certificate (no tls internal), PostgreSQL by URL', () => {
    const plan = planSetup({
      address: 'buurtpas.example.nl',
      https: 'caddy',
      database: { engine: 'postgres', url: 'postgresql://bp:geheim met spatie@localhost/bp' },
      staticDir: './dist',
    });
    expect(plan.caddyfile).not.toContain('tls internal');
    const env = parseEnv(plan.env);
    expect(readServerConfig(env).databaseUrl).toBe(
      'postgresql://bp:geheim met spatie@localhost/bp',
    );
  });

  it('built in: 443 with a redirect from 80 and the PEM files', () => {
    const plan = planSetup({
      address: 'buurtpas.lan',
      https: 'builtin',
      database: { engine: 'sqlite', dataDir: './data' },
      tlsCert: '/etc/bp/cert.pem',
      tlsKey: '/etc/bp/key.pem',
      staticDir: './dist',
    });
    expect(plan.caddyfile).toBeUndefined();
    expect(readServerConfig(parseEnv(plan.env))).toMatchObject({
      port: 443,
      httpRedirectPort: 80,
      tls: { certFile: '/etc/bp/cert.pem', keyFile: '/etc/bp/key.pem' },
    });
  });

  it('tells a public domain from a closed-network name and refuses junk', () => {
    expect(needsInternalCertificate('buurtpas.example.nl')).toBe(false);
    expect(needsInternalCertificate('buurtpas.lan')).toBe(true);
    expect(needsInternalCertificate('server')).toBe(true);
    expect(needsInternalCertificate('fd00::10')).toBe(true);
    expect(checkAddress('')).toBe('address-empty');
    expect(checkAddress('https://x/y')).toBe('address-invalid');
    expect(checkAddress('buurtpas.example.nl')).toBeUndefined();
  });
});
