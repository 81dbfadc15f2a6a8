/** A failed write's technical detail, shown after the sentence that says what to do. */
export function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
