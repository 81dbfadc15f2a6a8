/**
 * Facts carry codes and ids (a void's reason `desk-undo`, the laptop's device id); screens show
 * words. This is the one place that knows the desk's undo reason and the laptops' names, so the
 * desk, *Vandaag* and the treasurer's history agree and never show an internal code.
 */
import { useCallback } from 'react';
import { useDesk } from '../context/desk-context.tsx';
import { readMeta, writeMeta } from '../db/desk-setup.ts';
import type { BuurtpasDb } from '../db/database.ts';
import { useDb } from '../db/db-context.tsx';
import { useLiveQuery } from '../db/use-live-query.ts';
import { registerMessages } from '../i18n/messages.ts';
import { useT } from '../i18n/use-t.ts';
import { recordWordsMessages } from './record-words-messages.ts';

registerMessages(recordWordsMessages);

/** The reason stored on a void made with an undo button at the desk or on *Vandaag*. */
export const DESK_UNDO_REASON = 'desk-undo';

/** A void's reason in words: the desk's own code worded, a person's typed reason as typed. */
export function useVoidReasonText(): (reason: string) => string {
  const t = useT();
  return useCallback(
    (reason: string) => (reason === DESK_UNDO_REASON ? t('record.voidReason.deskUndo') : reason),
    [t],
  );
}

/** Laptop names as given in Instellingen (this laptop's, and the server's list), by device id. */
const LAPTOP_NAMES_KEY = 'laptopNames';

type LaptopNames = Record<string, string>;

/** Remembers laptop names on this laptop, so history reads "Balie CJM" also offline. */
export async function rememberLaptopNames(
  db: BuurtpasDb,
  laptops: readonly { deviceId: string; name?: string | null }[],
): Promise<void> {
  const named = laptops.filter((l) => l.name?.trim());
  if (named.length === 0) return;
  const known = (await readMeta<LaptopNames>(db, LAPTOP_NAMES_KEY)) ?? {};
  const next = { ...known };
  for (const l of named) next[l.deviceId] = l.name!.trim();
  await writeMeta(db, LAPTOP_NAMES_KEY, next);
}

/** The laptop names this laptop knows (undefined while being read). */
export function useLaptopNames(): Readonly<LaptopNames> | undefined {
  const db = useDb();
  return useLiveQuery(() => readMeta<LaptopNames>(db, LAPTOP_NAMES_KEY), [db]);
}

/**
 * A laptop in words: its name when known, else "deze laptop" for this one and "een andere
 * laptop" for any other. Never its device id.
 */
export function useLaptopNameOf(): (deviceId: string) => string {
  const t = useT();
  const { writer } = useDesk();
  const names = useLaptopNames();
  return useCallback(
    (deviceId: string) =>
      names?.[deviceId] ??
      (deviceId === writer.deviceId ? t('record.laptop.this') : t('record.laptop.other')),
    [names, t, writer.deviceId],
  );
}
