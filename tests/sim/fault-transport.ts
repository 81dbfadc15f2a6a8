/**
 * A network that misbehaves on purpose, seeded: drops requests, drops answers after the server
 * committed, sends twice, holds a request back and delivers it later (reordering it behind newer
 * ones), cuts answers short, and answers 5xx, 401 and 426 itself. With a `kill` hook it can also
 * kill the server process right after sending a request (between commit and answer).
 */
import type { Transport } from '../../src/app/sync/sync-engine.ts';

export type Fault =
  | 'none'
  | 'drop-request'
  | 'drop-answer'
  | 'duplicate'
  | 'hold'
  | 'truncate'
  | '5xx'
  | '401'
  | '426'
  | 'kill';

export type FaultStats = Record<Fault, number>;

export type FaultNetwork = {
  transport: Transport;
  /** Faults on or off (off: a clean network, for the healing phase). */
  setFaulty: (on: boolean) => void;
  /** Delivers held-back requests now, in random order; their answers go nowhere. */
  deliverHeld: () => Promise<void>;
  stats: FaultStats;
};

const FAULTS: readonly Fault[] = [
  'drop-request',
  'drop-answer',
  'duplicate',
  'hold',
  'truncate',
  '5xx',
  '401',
  '426',
];

export function createFaultNetwork(options: {
  random: () => number;
  faultRate: number;
  kill?: () => Promise<void>;
  killRate?: number;
}): FaultNetwork {
  let faulty = true;
  const held: (() => Promise<unknown>)[] = [];
  const stats = Object.fromEntries(['none', ...FAULTS, 'kill'].map((f) => [f, 0])) as FaultStats;
  const send = (url: string, init: Parameters<Transport>[1]) => fetch(url, init);

  const pick = (): Fault => {
    if (!faulty) return 'none';
    if (options.kill && options.random() < (options.killRate ?? 0)) return 'kill';
    if (options.random() >= options.faultRate) return 'none';
    return FAULTS[Math.floor(options.random() * FAULTS.length)]!;
  };

  const transport: Transport = async (url, init) => {
    const fault = pick();
    stats[fault]++;
    switch (fault) {
      case 'drop-request':
        throw new TypeError('network down (request dropped)');
      case 'drop-answer':
        await (await send(url, init)).text();
        throw new TypeError('connection reset (answer dropped after commit)');
      case 'duplicate': {
        await (await send(url, init)).text();
        return send(url, init);
      }
      case 'hold':
        held.push(async () => (await send(url, init)).text());
        throw new TypeError('timeout (request held back, delivered later)');
      case 'truncate': {
        const res = await send(url, init);
        const text = await res.text();
        const cut = text.slice(0, Math.floor(text.length * options.random()));
        return { status: res.status, text: async () => cut };
      }
      case '5xx':
        if (options.random() < 0.5) await (await send(url, init)).text();
        return { status: 503, text: async () => '{"error":"unavailable"}' };
      case '401':
        return { status: 401, text: async () => '{"error":"device-revoked"}' };
      case '426':
        return { status: 426, text: async () => '{"error":"client-too-old"}' };
      case 'kill': {
        const inFlight = send(url, init).then((r) => r.text());
        inFlight.catch(() => undefined);
        // Give the server a moment to commit, then take it down before or while it answers.
        await new Promise((r) => setTimeout(r, Math.floor(options.random() * 15)));
        await options.kill!();
        try {
          await inFlight;
        } catch {
          // expected: the connection died with the process
        }
        throw new TypeError('server gone');
      }
      default:
        return send(url, init);
    }
  };

  return {
    transport,
    setFaulty: (on) => {
      faulty = on;
    },
    deliverHeld: async () => {
      const batch = held.splice(0, held.length);
      for (let i = batch.length - 1; i > 0; i--) {
        const j = Math.floor(options.random() * (i + 1));
        [batch[i], batch[j]] = [batch[j]!, batch[i]!];
      }
      for (const deliver of batch) {
        try {
          await deliver();
        } catch {
          // the server may be down right now: a held request that never arrives is a dropped one
        }
      }
    },
    stats,
  };
}
