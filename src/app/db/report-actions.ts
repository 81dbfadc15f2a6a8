/**
 * What the coordinator writes: targets, bulk deregistration, the services list, volunteer and
 * key-holder periods. Each is a new fact through `writeEvents` (stamped, projected, queued).
 */
import { DEFAULT_SERVICES, type LocalizedName, type ServiceKind } from '../../domain/catalog.ts';
import { localDateOf } from '../../domain/amsterdam-time.ts';
import type { RoleKind } from '../../domain/events.ts';
import { canonicalMemberId } from '../../domain/ledger.ts';
import { emptyMemberRecord, type MemberRecord } from '../../domain/member-record.ts';
import { dayNumberOf, positiveDayNumbers } from '../../domain/report/report-aggregates.ts';
import { selectNotSeenSince } from '../../domain/report/select-not-seen.ts';
import { pickCurrentRolePeriods } from '../../domain/report/current-settings.ts';
import type { BuurtpasDb } from './database.ts';
import { writeEvents, type Writer } from './record-events.ts';

export async function setTarget(
  db: BuurtpasDb,
  writer: Writer,
  target: { indicator: string; locationId: string; year: number; value: number },
  nowMs: number,
): Promise<void> {
  await writeEvents(db, writer, [{ type: 'target-set', data: target }], nowMs);
}

async function readMergeMap(db: BuurtpasDb): Promise<Map<string, MemberRecord>> {
  const merged = await db.members.where('mergedInto').above('').toArray();
  return new Map(
    merged.map((m) => [m.memberId, { ...emptyMemberRecord(m.memberId), mergedInto: m.mergedInto }]),
  );
}

/**
 * The clients of a location registered and not seen there since `since` (a local date). "Seen"
 * is read from the report's per-year activity (a visit or a service use on a day), which every
 * laptop holds in full, also one that keeps little visit history (docs/sync-protocol.md, "Raw
 * history on a laptop"); the visit-days it does hold count too.
 */
export async function findNotSeenSince(
  db: BuurtpasDb,
  locationId: string,
  since: string,
  nowMs: number,
): Promise<string[]> {
  const sinceDay = dayNumberOf(since);
  const [registrations, seenRows, activity, members] = await Promise.all([
    db.registrations.where('scopeId').equals(locationId).toArray(),
    db.visitDays
      .where('[locationId+day]')
      .between([locationId, since], [locationId, '\uffff'], true, true)
      .toArray(),
    db.reportActivity
      .where('year')
      .aboveOrEqual(Number(since.slice(0, 4)))
      .filter((r) => r.locationId === locationId)
      .toArray(),
    readMergeMap(db),
  ]);
  const seen = seenRows.map((r) => r.memberId);
  for (const r of activity)
    if (positiveDayNumbers(r.days, r.year).some((d) => d >= sinceDay)) seen.push(r.memberId);
  return selectNotSeenSince({
    registrations,
    seenMemberIds: new Set(seen),
    canonical: (id) => canonicalMemberId(members, id),
    locationId,
    since,
    today: localDateOf(nowMs),
  });
}

/** Deregisters them all, each with the same reason. Returns how many. */
export async function deregisterNotSeenSince(
  db: BuurtpasDb,
  writer: Writer,
  input: { locationId: string; since: string; reason: string },
  nowMs: number,
): Promise<number> {
  // Found, then written in one transaction by writeEvents: a visit recorded in between would only
  // make someone deregistered who had just come back, and the desk registers them again.
  const memberIds = await findNotSeenSince(db, input.locationId, input.since, nowMs);
  if (memberIds.length === 0) return 0;
  await writeEvents(
    db,
    writer,
    memberIds.map((memberId) => ({
      type: 'client-deregistered' as const,
      data: { memberId, locationId: input.locationId, reason: input.reason },
    })),
    nowMs,
  );
  return memberIds.length;
}

export type ServiceListItem = {
  id: string;
  locationId: string;
  kind: ServiceKind;
  name: LocalizedName;
  retired: boolean;
};

/** Every service of a location, retired ones included (marked), current names. */
export async function listAllServices(
  db: BuurtpasDb,
  locationId: string,
): Promise<ServiceListItem[]> {
  const changed = await db.services.where('locationId').equals(locationId).toArray();
  const byId = new Map<string, ServiceListItem>(
    DEFAULT_SERVICES.filter((s) => s.locationId === locationId).map((s) => [
      s.id,
      { ...s, retired: false },
    ]),
  );
  for (const s of changed)
    byId.set(s.id, {
      id: s.id,
      locationId: s.locationId,
      kind: s.kind,
      name: s.name,
      retired: s.retired,
    });
  return [...byId.values()].sort((a, b) =>
    a.kind === b.kind ? a.name.nl.localeCompare(b.name.nl, 'nl') : a.kind === 'service' ? -1 : 1,
  );
}

/** A new service id from its Dutch name, unique at the location. */
export function makeServiceId(
  locationId: string,
  nameNl: string,
  taken: ReadonlySet<string>,
): string {
  const slug =
    nameNl
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'dienst';
  let id = `${locationId}:${slug}`;
  for (let i = 2; taken.has(id); i++) id = `${locationId}:${slug}-${i}`;
  return id;
}

/** Adds a service, or renames one (same id): the report keeps the name it had before for past years. */
export async function defineService(
  db: BuurtpasDb,
  writer: Writer,
  service: { serviceId: string; locationId: string; kind: ServiceKind; name: LocalizedName },
  nowMs: number,
): Promise<void> {
  await writeEvents(db, writer, [{ type: 'service-defined', data: service }], nowMs);
}

export async function retireService(
  db: BuurtpasDb,
  writer: Writer,
  serviceId: string,
  nowMs: number,
): Promise<void> {
  await writeEvents(db, writer, [{ type: 'service-retired', data: { serviceId } }], nowMs);
}

export async function setRolePeriod(
  db: BuurtpasDb,
  writer: Writer,
  period: { memberId: string; locationId: string; role: RoleKind; from: string; to: string | null },
  nowMs: number,
): Promise<void> {
  await writeEvents(db, writer, [{ type: 'role-period-set', data: period }], nowMs);
}

export type RolePeriodItem = {
  eventId: string;
  memberId: string;
  name: string;
  locationId: string;
  role: RoleKind;
  from: string;
  to: string | null;
};

/** The role periods as they stand (latest setting per member, location, role and start), with names. */
export async function listRolePeriods(db: BuurtpasDb): Promise<RolePeriodItem[]> {
  const rows = await db.events.where('type').equals('role-period-set').toArray();
  const voided = new Set(
    (await db.voids.bulkGet(rows.map((r) => r.eventId)))
      .filter((v) => v)
      .map((v) => v!.targetEventId),
  );
  // Which setting is in force is the report's rule (src/domain/report/current-settings.ts).
  const items = [
    ...pickCurrentRolePeriods(
      rows.filter((r) => !voided.has(r.eventId)).map((r) => r.event),
    ).values(),
  ];
  const members = await db.members.bulkGet(items.map((e) => e.data.memberId));
  return items
    .map((e, i) => ({
      eventId: e.eventId,
      memberId: e.data.memberId,
      name: members[i]?.name ?? '',
      locationId: e.data.locationId,
      role: e.data.role,
      from: e.data.from,
      to: e.data.to,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'nl') || a.from.localeCompare(b.from));
}
