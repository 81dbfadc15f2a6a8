import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { localDateOf, localTimeOf } from '../../../domain/amsterdam-time.ts';
import { findLocation, LOCATIONS } from '../../../domain/catalog.ts';
import type { Summary } from '../../../domain/summary.ts';
import { useDesk } from '../../context/desk-context.tsx';
import { useDb } from '../../db/db-context.tsx';
import { wipeLocalData, type SyncConnection } from '../../db/sync-state.ts';
import { useSnapshotLoadView } from '../../db/snapshot-watch.ts';
import { formatLocalDate, formatNumber } from '../../i18n/format.ts';
import { useLang, useT, type Translate } from '../../i18n/use-t.ts';
import { StoragePanel } from '../../ui/storage-panel.tsx';
import { rememberLaptopNames, useLaptopNames } from '../../ui/record-words.ts';
import { ScannerTestPanel } from './scanner-test-panel.tsx';
import { LaptopBackupPanel } from './laptop-backup-panel.tsx';
import { BootstrapProgressView } from '../../ui/bootstrap-progress.tsx';
import {
  browserTransport,
  createEnrollmentCode,
  enrollLaptop,
  listDevices,
  normalizeServerAddress,
  revokeDevice,
  type DeviceListing,
  type EnrollmentCode,
} from '../../sync/server-api.ts';
import type { Transport } from '../../sync/sync-engine.ts';
import { useSync, type SyncView } from '../../sync/sync-store.ts';
import { RefusedFactsPanel } from './refused-facts-panel.tsx';
import { ServerHealthPanel } from './server-health-panel.tsx';
import './settings.css';

const KNOWN_ERRORS = new Set([
  'offline',
  'code-invalid',
  'code-used',
  'code-expired',
  'device-exists',
  'rate-limited',
  'role-forbidden',
  'location-unknown',
  'device-unknown',
  'device-revoked',
  'token-invalid',
]);

function errorText(t: Translate, code: string): string {
  return KNOWN_ERRORS.has(code) ? t(`settings.error.${code}`) : t('settings.error.other', { code });
}

function locationName(id: string): string {
  return findLocation(id)?.name ?? id;
}

function defaultServerAddress(): string {
  return typeof window !== 'undefined' && /^https?:/.test(window.location.origin)
    ? window.location.origin
    : '';
}

export type SettingsScreenProps = {
  /** Tests and other embeddings pass their own; the browser's fetch otherwise. */
  transport?: Transport;
  /** Prefills the server address (default: the address this page came from). */
  serverAddress?: string;
};

/** Connect this laptop, data safety, bootstrap progress, problems that need a person, device admin. */
export function SettingsScreen({
  transport = browserTransport,
  serverAddress,
}: SettingsScreenProps = {}) {
  const t = useT();
  const db = useDb();
  const view = useSync(db);
  const connection = view.facts?.connection ?? null;
  const failure =
    view.phase === 'needs-person' && view.last?.kind === 'failed' ? view.last.failure : null;
  return (
    <div className="settings">
      <h1>{t('settings.title')}</h1>
      {failure === 'device-revoked' ? <RevokedPanel pending={view.facts?.pending ?? 0} /> : null}
      {failure === 'update-required' ? (
        <section className="problem" aria-labelledby="update-title">
          <h2 id="update-title">{t('settings.update.title')}</h2>
          <p>{t('settings.update.body')}</p>
        </section>
      ) : null}
      <ConnectPanel
        connection={connection}
        forceForm={failure === 'token-invalid'}
        transport={transport}
        defaultAddress={serverAddress ?? connection?.baseUrl ?? defaultServerAddress()}
        onConnected={view.nudge}
      />
      {connection ? <BootstrapPanel view={view} /> : null}
      <RefusedFactsPanel />
      <SafetyPanel view={view} />
      <ScannerTestPanel />
      {connection?.role === 'coordinator' && failure !== 'device-revoked' ? (
        <>
          <ServerHealthPanel connection={connection} transport={transport} />
          <AdminPanel connection={connection} transport={transport} />
        </>
      ) : null}
    </div>
  );
}

function ConnectPanel(props: {
  connection: SyncConnection | null;
  forceForm: boolean;
  transport: Transport;
  defaultAddress: string;
  onConnected: () => void;
}) {
  const t = useT();
  const db = useDb();
  const { now, writer } = useDesk();
  const [again, setAgain] = useState(false);
  const [address, setAddress] = useState(props.defaultAddress);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const { connection } = props;
  const laptopNames = useLaptopNames();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setDone(false);
    const baseUrl = normalizeServerAddress(address);
    if (!baseUrl) {
      setError(t('settings.connect.serverInvalid'));
      return;
    }
    setBusy(true);
    const result = await enrollLaptop({ db, transport: props.transport, baseUrl, code, name, now });
    setBusy(false);
    if (!result.ok) {
      setError(errorText(t, result.error));
      return;
    }
    await rememberLaptopNames(db, [{ deviceId: result.connection.deviceId, name }]);
    setCode('');
    setAgain(false);
    setDone(true);
    props.onConnected();
  };

  const showForm = !connection || again || props.forceForm;
  return (
    <section aria-labelledby="connect-title" className={props.forceForm ? 'problem' : undefined}>
      <h2 id="connect-title">{t('settings.connect.title')}</h2>
      {connection ? (
        <>
          <p>
            {laptopNames?.[connection.deviceId]
              ? t('settings.connect.connectedNamed', {
                  name: laptopNames[connection.deviceId]!,
                  server: connection.baseUrl,
                  location: locationName(connection.locationId),
                })
              : t('settings.connect.connected', {
                  server: connection.baseUrl,
                  location: locationName(connection.locationId),
                })}
          </p>
          <p>{t(`settings.connect.role.${connection.role}`)}</p>
          {connection.locationId !== writer.locationId ? (
            <p>
              {t('settings.connect.otherLocation', {
                enrolled: locationName(connection.locationId),
                chosen: locationName(writer.locationId),
              })}
            </p>
          ) : null}
        </>
      ) : null}
      {done ? <p role="status">{t('settings.connect.done')}</p> : null}
      {showForm ? (
        <form onSubmit={(e) => void submit(e)}>
          {!connection ? <p>{t('settings.connect.intro')}</p> : null}
          <label>
            {t('settings.connect.server')}
            <input
              type="url"
              inputMode="url"
              autoComplete="off"
              value={address}
              onChange={(e) => setAddress(e.target.value)}
              required
            />
          </label>
          <label>
            {t('settings.connect.code')}
            <input
              type="text"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              required
              minLength={4}
            />
          </label>
          <label>
            {t('settings.connect.name')}
            <input
              type="text"
              autoComplete="off"
              value={name}
              maxLength={100}
              onChange={(e) => setName(e.target.value)}
            />
          </label>
          {error ? <p role="alert">{error}</p> : null}
          <div className="actions">
            <button type="submit" disabled={busy}>
              {busy ? t('settings.connect.busy') : t('settings.connect.submit')}
            </button>
            {connection && again ? (
              <button type="button" onClick={() => setAgain(false)}>
                {t('settings.connect.cancel')}
              </button>
            ) : null}
          </div>
        </form>
      ) : (
        <button type="button" onClick={() => setAgain(true)}>
          {t('settings.connect.again')}
        </button>
      )}
    </section>
  );
}

function BootstrapPanel({ view }: { view: SyncView }) {
  const t = useT();
  const lang = useLang();
  const b = view.facts?.bootstrap;
  const snapshot = useSnapshotLoadView(useDb());
  // A laptop started from the server's snapshot shows rows per table and "Klaar om te scannen".
  if (snapshot)
    return (
      <section aria-labelledby="bootstrap-title">
        <h2 id="bootstrap-title">{t('settings.bootstrap.title')}</h2>
        <BootstrapProgressView view={snapshot} />
      </section>
    );
  if (!b) return null;
  return (
    <section aria-labelledby="bootstrap-title">
      <h2 id="bootstrap-title">{t('settings.bootstrap.title')}</h2>
      {b.phase === 'done' ? (
        <p>{t('settings.bootstrap.done')}</p>
      ) : (
        <>
          <p>
            {b.phase === 'priority'
              ? t('settings.bootstrap.priority')
              : t('settings.bootstrap.history')}
          </p>
          <progress
            aria-label={t('settings.bootstrap.title')}
            max={Math.max(1, b.total)}
            value={Math.min(b.pulled, b.total)}
          />
          <p>
            {t('settings.bootstrap.progress', {
              done: formatNumber(b.pulled, lang),
              total: formatNumber(b.total, lang),
            })}
          </p>
        </>
      )}
    </section>
  );
}

function SafetyPanel({ view }: { view: SyncView }) {
  const t = useT();
  const facts = view.facts;
  const pending = facts?.pending ?? 0;
  const comparison = facts?.comparison ?? null;
  return (
    <section aria-labelledby="safety-title">
      <h2 id="safety-title">{t('settings.safety.title')}</h2>
      <p data-testid="safety-pending">
        {pending === 0
          ? t('settings.safety.pending.zero')
          : t('settings.safety.pending', { count: pending })}
      </p>
      <p>
        {facts?.lastSyncAt
          ? t('settings.safety.lastSync', {
              date: formatLocalDate(localDateOf(facts.lastSyncAt)),
              time: localTimeOf(facts.lastSyncAt),
            })
          : t('settings.safety.neverSynced')}
      </p>
      <p data-testid="safety-comparison">
        {comparison === null
          ? t('settings.safety.notCompared')
          : comparison.kind === 'agrees'
            ? t('settings.safety.agrees', { count: comparison.count })
            : t('settings.safety.differs')}
      </p>
      {comparison?.summary ? <CountsTable summary={comparison.summary} /> : null}
      {facts?.connection ? (
        <button
          type="button"
          onClick={() => void view.syncNow()}
          disabled={view.phase === 'syncing'}
        >
          {t('settings.status.syncNow')}
        </button>
      ) : null}
      <StoragePanel
        rebuild
        history
        {...(facts?.connection ? { onRebuilt: () => view.syncNow() } : {})}
      />
      <LaptopBackupPanel />
    </section>
  );
}

/** This laptop's headline counts as last compared with the server (the numbers of /summary). */
function CountsTable({ summary }: { summary: Summary }) {
  const t = useT();
  const lang = useLang();
  const n = (x: number | undefined) => formatNumber(x ?? 0, lang);
  return (
    <table aria-label={t('settings.counts.title', { year: summary.year })}>
      <caption>{t('settings.counts.title', { year: summary.year })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('settings.admin.col.location')}</th>
          <th scope="col">{t('settings.counts.registered')}</th>
          <th scope="col">{t('settings.counts.members')}</th>
          <th scope="col">{t('settings.counts.paying')}</th>
        </tr>
      </thead>
      <tbody>
        {LOCATIONS.map((l) => (
          <tr key={l.id}>
            <th scope="row">{l.name}</th>
            <td>{n(summary.locations[l.id]?.registeredClients)}</td>
            <td>{n(summary.associations[l.associationId]?.members)}</td>
            <td>{n(summary.associations[l.associationId]?.payingMembers)}</td>
          </tr>
        ))}
        <tr>
          <th scope="row">{t('settings.counts.total')}</th>
          <td>{n(summary.total.registeredClients)}</td>
          <td>{n(summary.total.members)}</td>
          <td>{n(summary.total.payingMembers)}</td>
        </tr>
      </tbody>
    </table>
  );
}

function RevokedPanel({ pending }: { pending: number }) {
  const t = useT();
  const db = useDb();
  const [confirming, setConfirming] = useState(false);
  const [wiped, setWiped] = useState(false);
  if (wiped) return <p role="alert">{t('settings.wipe.done')}</p>;
  const wipe = async () => {
    await wipeLocalData(db);
    setWiped(true);
  };
  return (
    <section className="problem" aria-labelledby="revoked-title">
      <h2 id="revoked-title">{t('settings.revoked.title')}</h2>
      <p>{t('settings.revoked.body')}</p>
      {confirming ? (
        <div role="alertdialog" aria-labelledby="wipe-title" aria-describedby="wipe-body">
          <h3 id="wipe-title">{t('settings.wipe.confirmTitle')}</h3>
          <p id="wipe-body">{t('settings.wipe.confirmBody')}</p>
          {pending > 0 ? <p>{t('settings.wipe.lost', { count: pending })}</p> : null}
          <div className="actions">
            <button type="button" onClick={() => void wipe()}>
              {t('settings.wipe.confirm')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('settings.wipe.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" onClick={() => setConfirming(true)}>
          {t('settings.wipe.start')}
        </button>
      )}
    </section>
  );
}

function AdminPanel({
  connection,
  transport,
}: {
  connection: SyncConnection;
  transport: Transport;
}) {
  const t = useT();
  const db = useDb();
  const laptopWords = (d: DeviceListing) =>
    d.name || t('settings.admin.unnamed', { date: formatLocalDate(localDateOf(d.createdAt)) });
  const [locationId, setLocationId] = useState(connection.locationId);
  const [role, setRole] = useState<'desk' | 'coordinator'>('desk');
  const [issued, setIssued] = useState<EnrollmentCode | null>(null);
  const [devices, setDevices] = useState<DeviceListing[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmRevoke, setConfirmRevoke] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const result = await listDevices(transport, connection);
    if (result.ok) {
      setDevices(result.devices);
      await rememberLaptopNames(db, result.devices);
    } else setError(errorText(t, result.error));
  }, [transport, connection, t, db]);

  useEffect(() => {
    let cancelled = false;
    void listDevices(transport, connection).then((result) => {
      if (cancelled) return;
      if (result.ok) {
        setDevices(result.devices);
        // The names go with this laptop, so history elsewhere says "Balie CJM", not an id.
        void rememberLaptopNames(db, result.devices);
      } else setError(result.error);
    });
    return () => {
      cancelled = true;
    };
  }, [transport, connection, db]);

  const makeCode = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const result = await createEnrollmentCode(transport, connection, { locationId, role });
    if (result.ok) setIssued(result.code);
    else setError(errorText(t, result.error));
  };

  const revoke = async (deviceId: string) => {
    setConfirmRevoke(null);
    setError(null);
    const result = await revokeDevice(transport, connection, deviceId);
    if (!result.ok) setError(errorText(t, result.error));
    await refresh();
  };

  return (
    <section aria-labelledby="admin-title">
      <h2 id="admin-title">{t('settings.admin.title')}</h2>
      <h3>{t('settings.admin.codeTitle')}</h3>
      <form onSubmit={(e) => void makeCode(e)}>
        <label>
          {t('settings.admin.location')}
          <select value={locationId} onChange={(e) => setLocationId(e.target.value)}>
            {LOCATIONS.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('settings.admin.role')}
          <select
            value={role}
            onChange={(e) => setRole(e.target.value === 'coordinator' ? 'coordinator' : 'desk')}
          >
            <option value="desk">{t('settings.admin.role.desk')}</option>
            <option value="coordinator">{t('settings.admin.role.coordinator')}</option>
          </select>
        </label>
        <button type="submit">{t('settings.admin.makeCode')}</button>
      </form>
      {issued ? (
        <div role="status">
          <p className="enroll-code">
            {t('settings.admin.code', {
              location: locationName(issued.locationId),
              code: issued.code,
            })}
          </p>
          <p>
            {t('settings.admin.codeExpires', {
              date: formatLocalDate(localDateOf(issued.expiresAt)),
              time: localTimeOf(issued.expiresAt),
            })}
          </p>
        </div>
      ) : null}
      {error ? <p role="alert">{KNOWN_ERRORS.has(error) ? errorText(t, error) : error}</p> : null}
      <h3>{t('settings.admin.devicesTitle')}</h3>
      <button type="button" onClick={() => void refresh()}>
        {t('settings.admin.refresh')}
      </button>
      {devices ? (
        <table>
          <thead>
            <tr>
              <th>{t('settings.admin.col.name')}</th>
              <th>{t('settings.admin.col.device')}</th>
              <th>{t('settings.admin.col.location')}</th>
              <th>{t('settings.admin.col.role')}</th>
              <th>{t('settings.admin.col.status')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {devices.map((d) => (
              <tr key={d.deviceId}>
                <td>
                  {d.name || '—'}{' '}
                  {d.deviceId === connection.deviceId ? t('settings.admin.thisLaptop') : ''}
                </td>
                <td>{formatLocalDate(localDateOf(d.createdAt))}</td>
                <td>{locationName(d.locationId)}</td>
                <td>
                  {d.role === 'coordinator'
                    ? t('settings.admin.role.coordinator')
                    : t('settings.admin.role.desk')}
                </td>
                <td>
                  {d.revokedAt
                    ? t('settings.admin.revokedOn', {
                        date: formatLocalDate(localDateOf(d.revokedAt)),
                      })
                    : t('settings.admin.active')}
                </td>
                <td>
                  {d.revokedAt || d.deviceId === connection.deviceId ? null : confirmRevoke ===
                    d.deviceId ? (
                    <span
                      role="alertdialog"
                      aria-label={t('settings.admin.revokeConfirm', {
                        device: laptopWords(d),
                      })}
                      className="actions"
                    >
                      {t('settings.admin.revokeConfirm', { device: laptopWords(d) })}
                      <button type="button" onClick={() => void revoke(d.deviceId)}>
                        {t('settings.admin.revokeYes')}
                      </button>
                      <button type="button" onClick={() => setConfirmRevoke(null)}>
                        {t('settings.admin.revokeNo')}
                      </button>
                    </span>
                  ) : (
                    <button
                      type="button"
                      aria-label={t('settings.admin.revokeLabel', { device: laptopWords(d) })}
                      onClick={() => setConfirmRevoke(d.deviceId)}
                    >
                      {t('settings.admin.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
