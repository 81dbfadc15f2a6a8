import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { SyncConnection } from '../../db/sync-state.ts';
import type { Transport } from '../../sync/sync-engine.ts';
import { ServerHealthPanel } from './server-health-panel.tsx';

const connection: SyncConnection = {
  baseUrl: 'https://buurtpas.test',
  token: 'coordinator-token',
  deviceId: 'dcoord01',
  locationId: 'cjm',
  role: 'coordinator',
  enrolledAt: '2026-11-01T09:00:00.000Z',
};

const device = (name: string, locationId: string, lastSyncAt: string | null, revokedAt = null) => ({
  deviceId: `id-${name || locationId}`,
  name,
  locationId,
  role: 'desk',
  createdAt: '2026-11-01T09:00:00.000Z',
  revokedAt,
  lastPushAt: lastSyncAt,
  lastPullAt: lastSyncAt,
  lastSyncAt,
});

/** The answer the server gives a coordinator token (register-admin-routes.ts). */
function healthAnswer(reachable: boolean) {
  return {
    status: reachable ? 'ok' : 'database-unreachable',
    protocol: 1,
    payloadVersion: 1,
    minPayloadVersion: 1,
    serverTime: '2026-11-27T12:00:00.000Z',
    generation: '0123456789abcdef0123456789abcdef',
    database: { engine: 'sqlite', reachable, pingMs: 0.2 },
    devices: [
      device('Balie CJM', 'cjm', '2026-11-27T11:58:00.000Z'),
      device('Balie MultiBron', 'multibron', '2026-11-24T09:30:00.000Z'),
      device('', 'handreiking', null),
    ],
  };
}

function transportAnswering(body: unknown, status = 200): Transport & { urls: string[] } {
  const urls: string[] = [];
  const transport = (async (url: string, init: { headers: Record<string, string> }) => {
    urls.push(`${url} ${init.headers.authorization ?? ''}`);
    return { status, text: async () => JSON.stringify(body) };
  }) as unknown as Transport & { urls: string[] };
  transport.urls = urls;
  return transport;
}

describe('ServerHealthPanel', () => {
  it('names the desk that is behind in days, by its laptop name, with the token sent', async () => {
    const transport = transportAnswering(healthAnswer(true));
    render(<ServerHealthPanel connection={connection} transport={transport} />);
    expect(
      await screen.findByText('Balie MultiBron heeft 3 dagen niet gesynchroniseerd'),
    ).toBeInTheDocument();
    expect(screen.getByText('De server werkt en de database antwoordt.')).toBeInTheDocument();
    expect(
      screen.getByText('Balie CJM: gesynchroniseerd op 27-11-2026 om 12:58'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Laptop zonder naam (De Handreiking) heeft nog nooit gesynchroniseerd'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/id-Balie/)).not.toBeInTheDocument();
    expect(transport.urls[0]).toBe('https://buurtpas.test/api/v1/health Bearer coordinator-token');
  });

  it('says when the database does not answer (503) and when the server is out of reach', async () => {
    render(
      <ServerHealthPanel
        connection={connection}
        transport={transportAnswering(healthAnswer(false), 503)}
      />,
    );
    expect(await screen.findByText(/de database antwoordt niet/)).toBeInTheDocument();
    const offline: Transport = async () => {
      throw new TypeError('Failed to fetch');
    };
    render(<ServerHealthPanel connection={connection} transport={offline} />);
    expect(await screen.findByText('De server is nu niet bereikbaar.')).toBeInTheDocument();
    await userEvent.setup().click(screen.getAllByRole('button', { name: 'Opnieuw bekijken' })[1]!);
    expect(screen.getByText('De server is nu niet bereikbaar.')).toBeInTheDocument();
  });
});
