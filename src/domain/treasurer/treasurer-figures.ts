/**
 * The treasurer's headline figures per association and year — members, paid, partly paid, still
 * owing, waived, amount outstanding — as the laptop's treasurer screen shows them above its list.
 * One function for both sides: the laptop passes the rows it read from its tables, the server the
 * rows of its folded ledger, both built by `buildOwesRows`, so the figures agree for the same facts.
 */
import { ASSOCIATIONS } from '../catalog.ts';
import type { Ledger } from '../ledger.ts';
import { buildOwesRows, owesInputFromLedger, totalOwes, type OwesRow } from './owes-list.ts';

export type TreasurerFigures = {
  associationId: string;
  year: number;
  /** The contribution of that year. */
  dueCents: number;
  /** Members in the year (the rows of the treasurer's list). */
  members: number;
  /** Paid in full: the report's paying members. */
  paid: number;
  partlyPaid: number;
  /** Nothing paid, not waived. */
  owing: number;
  waived: number;
  /** Still to be paid, erased people left out. */
  outstandingCents: number;
};

export function treasurerFiguresOf(
  associationId: string,
  year: number,
  dueCents: number,
  rows: readonly OwesRow[],
): TreasurerFigures {
  const t = totalOwes(rows);
  return {
    associationId,
    year,
    dueCents,
    members: t.members,
    paid: t.paying,
    partlyPaid: t.partial,
    owing: t.unpaid,
    waived: t.waived,
    outstandingCents: t.openCents,
  };
}

/** Every association's figures from a folded ledger (the server's view). */
export function treasurerFiguresFromLedger(
  ledger: Pick<Ledger, 'members' | 'memberships' | 'payments' | 'waivers' | 'voids' | 'amounts'>,
  year: number,
): TreasurerFigures[] {
  return ASSOCIATIONS.map((a) => {
    const input = owesInputFromLedger(ledger, a.id, year);
    return treasurerFiguresOf(a.id, year, input.dueCents, buildOwesRows(input));
  });
}
