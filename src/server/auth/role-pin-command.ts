/**
 * `cli.ts role-pin --role coordinator|treasurer [--reset]`: the PIN comes on stdin (one line),
 * never as an argument, so it stays out of the shell history and the process list.
 */
import { createInterface } from 'node:readline';
import type { Storage } from '../storage/storage.ts';
import { setRolePinFromServer } from './set-role-pin.ts';

async function readPinLine(): Promise<string> {
  const lines = createInterface({ input: process.stdin, terminal: false });
  for await (const line of lines) {
    lines.close();
    return line.trim();
  }
  return '';
}

export async function runRolePinCommand(
  storage: Storage,
  options: { role: string | undefined; reset: boolean },
): Promise<number> {
  const role = options.role;
  if (role !== 'coordinator' && role !== 'treasurer') {
    console.error('usage: echo <pin> | cli.ts role-pin --role coordinator|treasurer [--reset]');
    return 2;
  }
  if (process.stdin.isTTY) console.error(`new ${role} PIN (digits), then Enter:`);
  const result = await setRolePinFromServer(storage, {
    role,
    pin: await readPinLine(),
    reset: options.reset,
    nowMs: Date.now(),
  });
  if (!result.ok) {
    console.error(`PIN refused: ${result.code}`);
    return 2;
  }
  console.log(result.keyId);
  console.error(
    `${role} PIN set (fact ${result.eventId}); laptops take it at their next sync` +
      (options.reset ? `; ${result.revoked} earlier ${role} key(s) revoked` : ''),
  );
  return 0;
}
