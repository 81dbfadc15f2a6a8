import { useLiveQuery } from '../../db/use-live-query.ts';
import { findLocation } from '../../../domain/catalog.ts';
import { useDesk } from '../../context/desk-context.tsx';
import { useDb } from '../../db/db-context.tsx';
import {
  readLocationRegistrations,
  registerAtThisLocation,
} from '../../db/location-registrations.ts';
import { useT } from '../../i18n/use-t.ts';
import type { DeskWork } from './desk-work.ts';
import './registered-elsewhere.css';

const nameOf = (id: string) => findLocation(id)?.name ?? id;

/**
 * The member card's location line. A person registered at another location who comes here is
 * checked in like anyone; the line says where they are registered and offers, in one tap, to
 * register them here too — the same person, so the totals still count them once.
 */
export function RegisteredElsewhere({ memberId, work }: { memberId: string; work: DeskWork }) {
  const t = useT();
  const db = useDb();
  const { writer, now } = useDesk();
  const registrations = useLiveQuery(
    () => readLocationRegistrations(db, memberId, now()),
    [db, memberId, now],
  );
  if (!registrations) return null;
  const open = registrations.filter((r) => r.open);
  const here = open.some((r) => r.locationId === writer.locationId);
  const elsewhere = open.filter((r) => r.locationId !== writer.locationId);
  if (here || elsewhere.length === 0) return null;
  const places = elsewhere.map((r) => nameOf(r.locationId)).join(', ');
  const register = async () => {
    const eventId = await work.run(() => registerAtThisLocation(db, writer, memberId, now()));
    if (eventId) work.done(t('scan.elsewhere.done', { location: nameOf(writer.locationId) }));
  };
  return (
    <div className="registered-elsewhere" role="group" aria-label={t('scan.elsewhere.label')}>
      <p>{t('scan.elsewhere.text', { locations: places })}</p>
      <button type="button" onClick={() => void register()}>
        {t('scan.elsewhere.register', { location: nameOf(writer.locationId) })}
      </button>
    </div>
  );
}
