/**
 * A body over the limit is refused with 413 before it is read. Node closes a connection whose
 * request body was left unread, and a client that writes its whole body before reading (most
 * HTTP libraries do) then sees a reset instead of the 413. So the rest is read and thrown away
 * first, up to a cap: beyond that the connection is closed after all.
 */
import type { IncomingMessage } from 'node:http';

export const MAX_DRAIN_BYTES = 64 * 1024 * 1024;

export async function drainRequest(
  raw: IncomingMessage,
  maxBytes: number = MAX_DRAIN_BYTES,
): Promise<void> {
  if (raw.complete || raw.readableEnded || raw.destroyed) return;
  await new Promise<void>((resolve) => {
    let seen = 0;
    const finish = () => {
      raw.off('data', onData);
      raw.off('end', finish);
      raw.off('error', finish);
      raw.off('close', finish);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > maxBytes) finish();
    };
    raw.on('data', onData);
    raw.once('end', finish);
    raw.once('error', finish);
    raw.once('close', finish);
    raw.resume();
  });
}
