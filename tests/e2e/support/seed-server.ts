/**
 * A history the browser did not write, put on the app server as a laptop's push would: a device
 * enrolled with a one-time code from the server's CLI, its facts pushed in pages of 500.
 */
import type { BuurtpasEvent } from '../../../src/domain/events.ts';
import type { AppServer } from './app-server.ts';

const PAGE = 500;

/** A desk device enrolled at `locationId`; its token. */
export async function enrollDevice(
  server: AppServer,
  deviceId: string,
  locationId: string,
): Promise<string> {
  const code = server.cli('enroll', '--location', locationId).trim();
  const res = await fetch(`${server.url}/api/v1/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, deviceId }),
  });
  return ((await res.json()) as { token: string }).token;
}

/** Pushes `events` as the device `deviceId` at `locationId` (enrolled here first). */
export async function pushSeedFacts(
  server: AppServer,
  device: { deviceId: string; locationId: string },
  events: readonly BuurtpasEvent[],
): Promise<void> {
  const token = await enrollDevice(server, device.deviceId, device.locationId);
  for (let i = 0; i < events.length; i += PAGE) {
    const res = await fetch(`${server.url}/api/v1/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ protocol: 1, payloadVersion: 1, events: events.slice(i, i + PAGE) }),
    });
    if (res.status !== 200) throw new Error(`seed push ${res.status}: ${await res.text()}`);
  }
}
