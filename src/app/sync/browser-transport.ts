import type { Transport } from './server-request.ts';

/** The browser's fetch as a transport; `no-store` so a service worker or cache never answers. */
export const browserTransport: Transport = (url, init) =>
  fetch(url, { ...init, cache: 'no-store' });
