/**
 * The plain-HTTP port next to a TLS server: every request is answered with a permanent redirect
 * to the same path over HTTPS, nothing else. A desk laptop that has `http://server` bookmarked
 * lands on the secure origin, where the service worker, camera and crypto.subtle work.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export type HttpsRedirectOptions = { port: number; host: string; httpsPort: number };

/** `Host: buurtpas.test:8080` → `https://buurtpas.test:8443/path` (no port for 443). */
export function buildHttpsLocation(
  hostHeader: string | undefined,
  url: string | undefined,
  httpsPort: number,
): string | undefined {
  if (hostHeader === undefined) return undefined;
  // Host names and IPv6 literals only: a header with anything else is not echoed back.
  const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::\d+)?$/.exec(hostHeader.trim());
  if (!match) return undefined;
  const host = match[1] ?? '';
  const path = url !== undefined && url.startsWith('/') ? url : '/';
  return `https://${host}${httpsPort === 443 ? '' : `:${httpsPort}`}${path}`;
}

export async function startHttpsRedirect(
  options: HttpsRedirectOptions,
): Promise<{ port: number; close(): Promise<void> }> {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const location = buildHttpsLocation(request.headers.host, request.url, options.httpsPort);
    if (location === undefined) {
      response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('use https');
      return;
    }
    // 308 keeps the method and body (a POST stays a POST); browsers treat it like 301.
    response.writeHead(308, { location, 'content-type': 'text/plain; charset=utf-8' });
    response.end(`moved to ${location}`);
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolveListen());
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address !== null ? address.port : options.port,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}
