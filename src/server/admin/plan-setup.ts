/**
 * What `npm run setup` writes, as a pure function of the coordinator's answers: the env file
 * the server reads (docs/server.md lists every variable) and, behind Caddy, the Caddyfile.
 * Kept apart from the questions so a test can check every combination without a terminal.
 */
export type HttpsMode = 'caddy' | 'builtin';

export type SetupAnswers = {
  /** A domain name (buurtpas.example.nl) or an address on the closed network (192.168.1.10). */
  address: string;
  https: HttpsMode;
  database: { engine: 'sqlite'; dataDir: string } | { engine: 'postgres'; url: string };
  /** Built-in HTTPS: the PEM files. */
  tlsCert?: string;
  tlsKey?: string;
  staticDir: string;
};

export type SetupPlan = { env: string; caddyfile: string | undefined; url: string };

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

export function isIpAddress(address: string): boolean {
  return IPV4.test(address) || address.includes(':');
}

/** A public domain gets a real certificate from Let's Encrypt; an address or .lan name cannot. */
export function needsInternalCertificate(address: string): boolean {
  return (
    isIpAddress(address) ||
    !address.includes('.') ||
    /\.(lan|local|internal|home|test|localhost)$/i.test(address)
  );
}

export function checkAddress(address: string): string | undefined {
  const trimmed = address.trim();
  if (trimmed === '') return 'address-empty';
  if (!/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)$/.test(trimmed)) return 'address-invalid';
  return undefined;
}

function envLine(key: string, value: string | number): string {
  const text = String(value);
  // dotenv quoting: values with spaces, # or quotes go in double quotes.
  return /^[A-Za-z0-9_./:@%+,-]*$/.test(text) ? `${key}=${text}` : `${key}=${JSON.stringify(text)}`;
}

export function planSetup(answers: SetupAnswers): SetupPlan {
  const address = answers.address.trim();
  const lines = [
    '# Buurtpas server configuration, written by `npm run setup`.',
    '# Every variable is described in docs/server.md. The server reads this file at start',
    '# (BUURTPAS_CONFIG, or ./buurtpas.env); a variable set in the environment wins.',
    envLine('STATIC_DIR', answers.staticDir),
    envLine('LOG_LEVEL', 'info'),
  ];
  if (answers.database.engine === 'sqlite')
    lines.push(envLine('DATA_DIR', answers.database.dataDir));
  else lines.push(envLine('DATABASE_URL', answers.database.url));
  let caddyfile: string | undefined;
  if (answers.https === 'caddy') {
    // The server listens on loopback only; Caddy terminates TLS and is the one trusted proxy.
    lines.push(
      '# Behind Caddy (deploy/Caddyfile): plain HTTP on loopback, X-Forwarded-* from Caddy only.',
      envLine('HOST', '127.0.0.1'),
      envLine('PORT', 8080),
      envLine('TRUST_PROXY', '127.0.0.1,::1'),
    );
    const site = isIpAddress(address) && address.includes(':') ? `[${address}]` : address;
    caddyfile = [
      '# Written by `npm run setup`. Caddy serves Buurtpas over HTTPS and forwards to the',
      '# server on 127.0.0.1:8080. See deploy/Caddyfile for the annotated template.',
      `${site} {`,
      needsInternalCertificate(address)
        ? "\t# A closed network: Caddy's own CA (install its root on every desk laptop, docs/installeren.md).\n\ttls internal"
        : "\t# A public domain: Caddy gets and renews a Let's Encrypt certificate itself.",
      '\tencode zstd gzip',
      '\treverse_proxy 127.0.0.1:8080',
      '}',
      '',
    ].join('\n');
  } else {
    lines.push(
      '# Built-in HTTPS: the server itself on 443, and port 80 only redirects to it.',
      envLine('HOST', '0.0.0.0'),
      envLine('PORT', 443),
      envLine('HTTP_REDIRECT_PORT', 80),
      envLine('TLS_CERT', answers.tlsCert ?? '/etc/buurtpas/cert.pem'),
      envLine('TLS_KEY', answers.tlsKey ?? '/etc/buurtpas/key.pem'),
    );
  }
  lines.push('');
  const host = isIpAddress(address) && address.includes(':') ? `[${address}]` : address;
  return { env: lines.join('\n'), caddyfile, url: `https://${host}` };
}
