import { isOwed } from '../../../domain/contribution.ts';
import type { MemberContribution } from '../../db/desk-actions.ts';
import type { PassCodeResult } from '../../../domain/pass-code.ts';
import type { SoundKind } from './feedback-sound.ts';

export type InvalidPassReason = Extract<PassCodeResult, { ok: false }>['reason'];

/** What the big card says after a scan, a typed number, a search check-in or a registration. */
export type DeskResult =
  | {
      kind: 'welcome';
      name: string;
      at: string;
      contribution: MemberContribution;
      registered: boolean;
    }
  | { kind: 'already-here'; name: string; sinceAt: string; contribution: MemberContribution }
  | { kind: 'unknown'; code: string }
  | { kind: 'revoked'; code: string }
  | { kind: 'invalid'; reason: InvalidPassReason }
  | { kind: 'pass-filled'; code: string };

export function isContributionOwed(contribution: MemberContribution): boolean {
  return isOwed(contribution.status);
}

/** One sound per outcome; money owed wins over the plain welcome so the volunteer asks for it. */
export function soundOf(result: DeskResult): SoundKind {
  switch (result.kind) {
    case 'welcome':
      return isContributionOwed(result.contribution) ? 'owed' : 'welcome';
    case 'already-here':
      return isContributionOwed(result.contribution) ? 'owed' : 'already-here';
    case 'unknown':
      return 'unknown';
    case 'pass-filled':
      return 'already-here';
    default:
      return 'error';
  }
}
