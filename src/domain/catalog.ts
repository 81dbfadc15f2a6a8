/**
 * The locations, their residents' associations and their starting lists of services and
 * activities, taken from the 2016 year report. This is data: the coordinator changes the lists
 * through facts (service-defined, service-renamed, service-retired), and a desk shows the result.
 */
export type LocationId = string;
export type AssociationId = string;
export type ServiceId = string;
export type ServiceKind = 'service' | 'activity';
export type LocalizedName = { nl: string; en: string };

export type Location = {
  id: LocationId;
  name: string;
  area: string;
  associationId: AssociationId;
};

export type Association = {
  id: AssociationId;
  name: string;
  /** Contribution per calendar year in cents, unless a year has its own amount. */
  defaultContributionCents: number;
};

export type ServiceDefinition = {
  id: ServiceId;
  locationId: LocationId;
  kind: ServiceKind;
  name: LocalizedName;
};

export const DEFAULT_CONTRIBUTION_CENTS = 250;

export const LOCATIONS: readonly Location[] = [
  {
    id: 'cjm',
    name: 'Casa Jepie Makandra',
    area: 'Holendrecht/Gaasperdam',
    associationId: 'bv-cjm',
  },
  { id: 'multibron', name: 'MultiBron', area: 'Venserpolder', associationId: 'bv-multibron' },
  {
    id: 'handreiking',
    name: 'De Handreiking',
    area: 'H-Buurt/Bijlmer Centrum',
    associationId: 'bv-handreiking',
  },
];

export const ASSOCIATIONS: readonly Association[] = [
  {
    id: 'bv-cjm',
    name: 'Bewonersvereniging Casa Jepie Makandra',
    defaultContributionCents: DEFAULT_CONTRIBUTION_CENTS,
  },
  {
    id: 'bv-multibron',
    name: 'Bewonersvereniging MultiBron',
    defaultContributionCents: DEFAULT_CONTRIBUTION_CENTS,
  },
  {
    id: 'bv-handreiking',
    name: 'Bewonersvereniging De Handreiking',
    defaultContributionCents: DEFAULT_CONTRIBUTION_CENTS,
  },
];

type Entry = [id: string, kind: ServiceKind, nl: string, en: string];

const COMMON: Entry[] = [
  ['formulierenbrigade', 'service', 'Formulierenbrigade', 'Form help'],
  ['huurbemiddeling', 'service', 'Bemiddeling huurachterstand', 'Rent arrears mediation'],
  ['klussendienst', 'service', 'Klussendienst', 'Odd-job service'],
  ['tuindienst', 'service', 'Tuindienst', 'Garden service'],
  ['conversatieles', 'activity', 'Conversatieles Nederlands', 'Dutch conversation class'],
  ['computerles', 'activity', 'Computerles', 'Computer class'],
  ['kookclub', 'activity', 'Ontbijtcafé / kookclub', 'Breakfast café / cooking club'],
];

const BY_LOCATION: Record<LocationId, Entry[]> = {
  cjm: [
    ...COMMON,
    ['schuldhulptoeleiding', 'service', 'Schuldhulptoeleiding', 'Debt help referral'],
    ['naaiclub', 'activity', 'Naaiclub', 'Sewing club'],
    ['huiswerkbegeleiding', 'activity', 'Huiswerkbegeleiding', 'Homework support'],
  ],
  multibron: [
    ...COMMON,
    ['advocatenspreekuur', 'service', 'Advocatenspreekuur', 'Lawyer consultation hour'],
    ['naaiclub', 'activity', 'Naaiclub', 'Sewing club'],
    ['wandelgroep', 'activity', 'Wandelgroep', 'Walking group'],
  ],
  handreiking: [
    ...COMMON,
    ['hand-in-hand', 'service', 'Hand in Hand', 'Hand in Hand'],
    ['babbeluur', 'activity', 'Babbeluur', 'Chat hour'],
    ['kindergroep', 'activity', 'Kindergroep (zondag)', "Children's group (Sunday)"],
  ],
};

export const DEFAULT_SERVICES: readonly ServiceDefinition[] = Object.entries(BY_LOCATION).flatMap(
  ([locationId, entries]) =>
    entries.map(([id, kind, nl, en]) => ({
      id: `${locationId}:${id}`,
      locationId,
      kind,
      name: { nl, en },
    })),
);

export function findLocation(id: LocationId): Location | undefined {
  return LOCATIONS.find((l) => l.id === id);
}

export function associationOf(locationId: LocationId): AssociationId | undefined {
  return findLocation(locationId)?.associationId;
}
