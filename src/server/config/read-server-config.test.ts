import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readServerConfig } from './read-server-config.ts';

describe('readServerConfig', () => {
  it('has working defaults: port 8080, SQLite under ./data, the PWA from ./dist', () => {
    const config = readServerConfig({});
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: undefined,
      maxClockSkewMs: 600_000,
      minPayloadVersion: 1,
    });
    expect(config.sqliteFile).toBe(resolve('data/buurtpas.sqlite'));
    expect(config.staticDir).toBe(resolve('dist'));
  });

  it('reads every variable and treats empty as unset', () => {
    const config = readServerConfig({
      PORT: '0',
      DATA_DIR: '/srv/bp',
      DATABASE_URL: '',
      CORS_ORIGIN: 'https://desk.example',
      RATE_LIMIT_PER_MINUTE: '30',
      MAX_BODY_BYTES: '65536',
      MAX_CLOCK_SKEW_MS: '1000',
      MIN_PAYLOAD_VERSION: '2',
    });
    expect(config).toMatchObject({
      port: 0,
      sqliteFile: '/srv/bp/buurtpas.sqlite',
      databaseUrl: undefined,
      corsOrigin: 'https://desk.example',
      rateLimitPerMinute: 30,
      maxBodyBytes: 65536,
      maxClockSkewMs: 1000,
      minPayloadVersion: 2,
    });
  });

  it('names the variable that is wrong', () => {
    expect(() => readServerConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => readServerConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });

  it('reads TLS, the redirect port, the trusted proxy and HSTS, and refuses half a TLS pair', () => {
    expect(readServerConfig({})).toMatchObject({
      tls: undefined,
      httpRedirectPort: undefined,
      trustProxy: undefined,
      hstsMaxAgeSeconds: 31_536_000,
    });
    const config = readServerConfig({
      PORT: '443',
      TLS_CERT: '/etc/bp/cert.pem',
      TLS_KEY: '/etc/bp/key.pem',
      HTTP_REDIRECT_PORT: '80',
      TRUST_PROXY: '127.0.0.1, ::1',
      HSTS_MAX_AGE: '0',
    });
    expect(config).toMatchObject({
      tls: { certFile: '/etc/bp/cert.pem', keyFile: '/etc/bp/key.pem' },
      httpRedirectPort: 80,
      trustProxy: '127.0.0.1,::1',
      hstsMaxAgeSeconds: 0,
    });
    expect(() => readServerConfig({ TLS_CERT: '/c.pem' })).toThrow(/TLS_CERT and TLS_KEY/);
    expect(() => readServerConfig({ HTTP_REDIRECT_PORT: '80' })).toThrow(/needs TLS_CERT/);
    expect(() =>
      readServerConfig({ TLS_CERT: '/c', TLS_KEY: '/k', PORT: '80', HTTP_REDIRECT_PORT: '80' }),
    ).toThrow(/must differ/);
    expect(() => readServerConfig({ TRUST_PROXY: 'true; rm' })).toThrow(/TRUST_PROXY/);
  });
});
