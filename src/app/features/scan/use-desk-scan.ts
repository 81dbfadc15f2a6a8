import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { validatePassCode } from '../../../domain/pass-code.ts';
import { useDesk } from '../../context/desk-context.tsx';
import { useDb } from '../../db/db-context.tsx';
import {
  checkInByMemberId,
  checkInByPass,
  readContribution,
  voidEvent,
  type ScanOutcome,
} from '../../db/desk-actions.ts';
import { readPass } from '../../db/desk-card-queries.ts';
import { beginScan } from '../../db/desk-scan-gate.ts';
import { useLang, useT } from '../../i18n/use-t.ts';
import { describeWriteError, type WriteProblem } from './describe-write-error.ts';
import { soundOf, type DeskResult, type InvalidPassReason } from './desk-result.ts';
import type { DeskWork } from './desk-work.ts';
import { EMPTY_DRAFT, type RegistrationDraft } from './registration-panel.tsx';
import { describeResultForSpeech, speak } from './read-aloud.ts';
import { useReadAloudStore } from './read-aloud-store.ts';
import { useFeedbackSound } from './use-feedback-sound.ts';
import { useKeyboardWedge } from './use-keyboard-wedge.ts';
import { useRoomPassShapes } from './use-room-pass-shapes.ts';
import { readPassShapes, useStoredPassShapes } from '../../db/pass-shapes-setting.ts';
import { useScanHandoffStore } from './scan-handoff-store.ts';
import { DESK_UNDO_REASON } from '../../ui/record-words.ts';
import type { CardArrival } from './member-card.tsx';

/**
 * What the one card on the desk shows. Every scan, search hit or registration replaces it: there is
 * never a second person's card (with their pay and service buttons) below the current one.
 */
export type DeskStage =
  | { kind: 'idle' }
  | {
      kind: 'client';
      id: number;
      memberId: string;
      result: ArrivalResult;
      /** What the scan itself read, shown on the card until its live read is in. */
      arrival?: CardArrival;
    }
  | { kind: 'register'; id: number; unknownCode: string | null }
  | { kind: 'revoked'; id: number; code: string };

export type ArrivalResult = Extract<DeskResult, { kind: 'welcome' | 'already-here' }>;

/**
 * The one line under the scan field (its height is reserved, so nothing below moves): what was
 * just recorded with its undo, or why a scan changed nothing.
 */
export type DeskLine =
  | { id: number; kind: 'done'; text: string; undoEventId?: string }
  | { id: number; kind: 'invalid'; reason: InvalidPassReason }
  | { id: number; kind: 'pass-filled'; code: string };

/** How long the undo in the line stays; after that, Vandaag undoes for the rest of the day. */
export const LINE_MS = 15_000;

/**
 * The desk's behaviour without its look: every pass number (USB scanner, typed, camera, handed
 * over from another screen) goes through `handleCode`; the outcome picks what the one card shows.
 */
export function useDeskScan() {
  const t = useT();
  const lang = useLang();
  const db = useDb();
  const { writer, now } = useDesk();
  const play = useFeedbackSound();
  const readAloud = useReadAloudStore((s) => s.on);

  const [stage, setStage] = useState<DeskStage>({ kind: 'idle' });
  const [draft, setDraft] = useState<RegistrationDraft>(EMPTY_DRAFT);
  const [line, setLine] = useState<DeskLine | null>(null);
  const [problem, setProblem] = useState<WriteProblem | null>(null);
  const counter = useRef(0);
  const stageRef = useRef(stage);
  const liveShapes = useStoredPassShapes(db, writer.locationId);
  const storedShapes = useRef(liveShapes);
  useEffect(() => {
    storedShapes.current = liveShapes;
  }, [liveShapes]);
  const nextId = () => (counter.current += 1);

  useEffect(() => {
    stageRef.current = stage;
  }, [stage]);

  // The id of the line being pointed at or focused; a new line is never paused by an old hover.
  const [linePausedId, setLinePausedId] = useState<number | null>(null);
  useEffect(() => {
    if (!line || linePausedId === line.id) return;
    const timer = setTimeout(() => setLine((l) => (l?.id === line.id ? null : l)), LINE_MS);
    return () => clearTimeout(timer);
  }, [line, linePausedId]);

  const announce = useCallback(
    (result: DeskResult) => {
      play(soundOf(result));
      if (readAloud) speak(describeResultForSpeech(t, lang, result), lang);
    },
    [play, readAloud, t, lang],
  );

  const work = useMemo<DeskWork>(
    () => ({
      run: async (write) => {
        try {
          const value = await write();
          setProblem(null);
          return value;
        } catch (error) {
          setProblem(describeWriteError(error));
          play('error');
          return undefined;
        }
      },
      done: (text, undoEventId) => {
        const id = (counter.current += 1);
        setLine(undoEventId ? { id, kind: 'done', text, undoEventId } : { id, kind: 'done', text });
      },
    }),
    [play],
  );

  const showOutcome = useCallback(
    (outcome: ScanOutcome) => {
      switch (outcome.kind) {
        case 'checked-in':
        case 'already-here': {
          const result: ArrivalResult =
            outcome.kind === 'checked-in'
              ? {
                  kind: 'welcome',
                  name: outcome.member.name,
                  at: outcome.at,
                  contribution: outcome.contribution,
                  registered: false,
                }
              : {
                  kind: 'already-here',
                  name: outcome.member.name,
                  sinceAt: outcome.sinceAt,
                  contribution: outcome.contribution,
                };
          // Rendered now, not in a later task: the card comes from the scan's own result (name,
          // contribution), so nothing else has to be read or waited for before it is on screen.
          flushSync(() =>
            setStage({
              kind: 'client',
              id: nextId(),
              memberId: outcome.member.memberId,
              result,
              arrival: {
                member: outcome.member,
                contribution: outcome.contribution,
                passCode: outcome.code || null,
              },
            }),
          );
          announce(result);
          return;
        }
        case 'pass-unknown':
          // A pass nobody has is a newcomer: the form opens with the pass in it, replacing the
          // previous client's card. What was typed for another newcomer is not kept with it.
          setDraft((d) =>
            stageRef.current.kind === 'register' && d.passCode === ''
              ? { ...d, passCode: outcome.code }
              : { ...EMPTY_DRAFT, passCode: outcome.code },
          );
          setStage({ kind: 'register', id: nextId(), unknownCode: outcome.code });
          announce({ kind: 'unknown', code: outcome.code });
          return;
        case 'pass-revoked':
          setStage({ kind: 'revoked', id: nextId(), code: outcome.code });
          announce({ kind: 'revoked', code: outcome.code });
          return;
      }
    },
    [announce],
  );

  const handleScannedCode = useCallback(
    async (raw: string): Promise<boolean> => {
      // The room's shapes as last read live (a setting saved applies as soon as the live read
      // has it); read here only before that first live read, e.g. a pass handed over at mount.
      const shapes = storedShapes.current ?? (await readPassShapes(db, writer.locationId));
      const pass = validatePassCode(raw, shapes);
      if (!pass.ok) {
        setLine({ id: nextId(), kind: 'invalid', reason: pass.reason });
        announce({ kind: 'invalid', reason: pass.reason });
        return false;
      }
      if (stageRef.current.kind === 'register') {
        // While registering, a pass nobody has is the newcomer's new pass: it goes into the form
        // and nothing else changes. A known pass is someone else arriving: their card replaces the
        // form, and the typed details wait for "Nieuwe klant".
        const existing = await work.run(() => readPass(db, pass.code));
        if (existing === undefined && stageRef.current.kind === 'register') {
          setDraft((d) => ({ ...d, passCode: pass.code }));
          setLine({ id: nextId(), kind: 'pass-filled', code: pass.code });
          announce({ kind: 'pass-filled', code: pass.code });
          return true;
        }
      }
      const outcome = await work.run(() => checkInByPass(db, writer, pass.code, now()));
      if (!outcome) return false;
      showOutcome(outcome);
      return true;
    },
    [db, writer, now, announce, showOutcome, work],
  );

  /** The one path for every pass number, however it arrived. Resolves whether it was read. */
  const handleCode = useCallback(
    async (raw: string): Promise<boolean> => {
      // Background re-reads wait until this scan's answer is painted (desk-scan-gate.ts).
      const endScan = beginScan();
      try {
        return await handleScannedCode(raw);
      } finally {
        requestAnimationFrame(() => setTimeout(endScan, 0));
        // A hidden tab gets no frames: the gate never stays shut longer than this.
        setTimeout(endScan, 500);
      }
    },
    [handleScannedCode],
  );

  const passShapes = useRoomPassShapes();
  useKeyboardWedge((scan) => void handleCode(scan.text), { shapes: passShapes });

  // A pass scanned on another screen brought the volunteer here: handle it as if scanned here.
  useEffect(() => {
    const handed = useScanHandoffStore.getState().take();
    // Handled after this render (taken once, so StrictMode's second run finds nothing).
    if (handed !== null) void Promise.resolve(handed).then(handleCode);
  }, [handleCode]);

  const checkInMember = useCallback(
    async (id: string) => {
      const outcome = await work.run(() => checkInByMemberId(db, writer, id, now()));
      if (outcome) showOutcome(outcome);
    },
    [db, writer, now, showOutcome, work],
  );

  const openRegistration = () => setStage({ kind: 'register', id: nextId(), unknownCode: null });

  const closeRegistration = () => setStage({ kind: 'idle' });

  const closeCard = () => setStage({ kind: 'idle' });

  const onRegistered = async (memberId: string, name: string) => {
    setDraft(EMPTY_DRAFT);
    // The long form is gone: back to the top, where the card and the scanner field are.
    window.scrollTo?.({ top: 0 });
    const contribution = await work.run(() =>
      readContribution(db, memberId, writer.locationId, now()),
    );
    if (!contribution) return;
    const result: ArrivalResult = {
      kind: 'welcome',
      name,
      at: new Date(now()).toISOString(),
      contribution,
      registered: true,
    };
    setStage({ kind: 'client', id: nextId(), memberId, result });
    announce(result);
  };

  const undo = async (undoEventId: string) => {
    const result = await work.run(() =>
      voidEvent(db, writer, undoEventId, DESK_UNDO_REASON, now()),
    );
    if (result) setLine({ id: nextId(), kind: 'done', text: t('scan.undone') });
  };

  return {
    stage,
    draft,
    setDraft,
    line,
    setLine,
    setLinePausedId,
    problem,
    setProblem,
    work,
    handleCode,
    checkInMember,
    openRegistration,
    closeRegistration,
    closeCard,
    onRegistered,
    undo,
  };
}
