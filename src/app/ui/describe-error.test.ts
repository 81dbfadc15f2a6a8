import { describe, expect, it } from 'vitest';
import { classifyError, errorDetail } from './describe-error.ts';

describe('classifyError', () => {
  it('finds a full disk inside the errors Dexie wraps around it', () => {
    const quota = new DOMException('quota', 'QuotaExceededError');
    expect(classifyError(quota)).toEqual({ kind: 'storage-full' });
    const wrapped = Object.assign(new Error('AbortError'), { name: 'AbortError', inner: quota });
    expect(classifyError(Object.assign(new Error('x'), { inner: wrapped }))).toEqual({
      kind: 'storage-full',
    });
  });

  it('tells no connection from a refusal by the server', () => {
    expect(classifyError(new TypeError('Failed to fetch'))).toEqual({ kind: 'offline' });
    expect(classifyError(Object.assign(new Error('down'), { failure: 'offline' }))).toEqual({
      kind: 'offline',
    });
    expect(
      classifyError(
        Object.assign(new Error('status 403 forbidden'), { failure: 'device-revoked' }),
      ),
    ).toEqual({ kind: 'refused', detail: 'status 403 forbidden' });
  });

  it('shows anything else by its own first line, cut short', () => {
    expect(classifyError(new Error('first line\nsecond'))).toEqual({
      kind: 'failed',
      detail: 'first line',
    });
    expect(errorDetail('x'.repeat(500))).toHaveLength(160);
    expect(classifyError(new TypeError('x is undefined'))).toEqual({
      kind: 'failed',
      detail: 'x is undefined',
    });
  });
});
