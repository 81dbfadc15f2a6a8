import { classifyError, errorDetail } from '../../ui/describe-error.ts';

/**
 * A failed desk write in words the volunteer can act on: a full disk has its own sentence
 * (`app.storageFull`, recognised by ui/describe-error.ts); anything else is "not saved" with the
 * error's own message.
 */
export type WriteProblem = { key: 'app.storageFull' } | { key: 'app.writeFailed'; detail: string };

export function describeWriteError(error: unknown): WriteProblem {
  return classifyError(error).kind === 'storage-full'
    ? { key: 'app.storageFull' }
    : { key: 'app.writeFailed', detail: errorDetail(error) };
}
