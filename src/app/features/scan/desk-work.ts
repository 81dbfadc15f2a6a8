/**
 * How a desk panel writes: `run` performs a write and turns a failure into the translated notice
 * (nothing half-written: each action is one Dexie transaction); `done` shows what was recorded,
 * with an undo for a few seconds when the fact can be voided.
 */
export type DeskWork = {
  run: <T>(write: () => Promise<T>) => Promise<T | undefined>;
  done: (text: string, undoEventId?: string) => void;
};
