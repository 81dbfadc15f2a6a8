/**
 * Facts put on a real server the way their devices would push them, for the property tests that
 * compare a server's state with laptops'.
 */
import { expect } from 'vitest';
import { PAYLOAD_VERSION, type BuurtpasEvent } from '../../../src/domain/events.ts';
import type { EngineServer } from '../../../src/server/testing/start-engine-server.ts';

/**
 * One push per (batch, device), with that device's token (enrolled as a coordinator the first time
 * and kept in `tokens`); every push is taken and no fact refused.
 */
export async function pushAsDevices(
  server: EngineServer,
  tokens: Map<string, string>,
  batches: readonly BuurtpasEvent[][],
): Promise<void> {
  for (const batch of batches) {
    const byDevice = new Map<string, BuurtpasEvent[]>();
    for (const e of batch) byDevice.set(e.deviceId, [...(byDevice.get(e.deviceId) ?? []), e]);
    for (const [deviceId, events] of byDevice) {
      let token = tokens.get(deviceId);
      if (!token) {
        token = await server.enroll(deviceId, { role: 'coordinator' });
        tokens.set(deviceId, token);
      }
      const res = await fetch(`${server.baseUrl}/api/v1/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ protocol: 1, payloadVersion: PAYLOAD_VERSION, events }),
      });
      const body = (await res.json()) as { results: { status: string; reason?: string }[] };
      expect({ status: res.status, refused: body.results.filter((r) => r.reason) }).toEqual({
        status: 200,
        refused: [],
      });
    }
  }
}
