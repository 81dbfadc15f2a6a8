/** Display names of locations, associations and services (data from the catalog and the db). */
import { ASSOCIATIONS, DEFAULT_SERVICES, LOCATIONS } from '../../../domain/catalog.ts';
import type { Lang } from '../../i18n/i18n-store.ts';

export function locationName(id: string): string {
  return LOCATIONS.find((l) => l.id === id)?.name ?? id;
}

export function associationName(id: string): string {
  return ASSOCIATIONS.find((a) => a.id === id)?.name ?? id;
}

export function serviceName(
  id: string,
  lang: Lang,
  changed: ReadonlyMap<string, { nl: string; en: string }>,
): string {
  const name = changed.get(id) ?? DEFAULT_SERVICES.find((s) => s.id === id)?.name;
  return name ? name[lang] : id;
}
