/**
 * `npm run setup`: the few questions a coordinator answers once on the server (address, how
 * HTTPS is done, which database, the first coordinator laptop), then the files are written and
 * a one-time code for the coordinator's laptop is printed. Dutch, as the coordinator reads it
 * (docs/installeren.md walks through it). Answers can also come from flags for scripting.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { LOCATIONS } from '../../domain/catalog.ts';
import { issueEnrollmentCode } from '../auth/enroll-device.ts';
import { readServerConfig } from '../config/read-server-config.ts';
import { openStorage } from '../storage/open-storage.ts';
import { checkAddress, planSetup, type SetupAnswers } from './plan-setup.ts';

type Ask = (question: string, fallback?: string) => Promise<string>;

async function askChoice(ask: Ask, question: string, choices: string[], fallback: string) {
  for (;;) {
    const answer = (await ask(`${question} [${choices.join('/')}]`, fallback)).toLowerCase();
    if (choices.includes(answer)) return answer;
    console.error(`  Kies een van: ${choices.join(', ')}`);
  }
}

export async function runSetup(options: { configFile: string }): Promise<number> {
  const configFile = resolve(options.configFile);
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const ask: Ask = async (question, fallback) => {
    const answer = (await rl.question(`${question}${fallback ? ` (${fallback})` : ''}: `)).trim();
    return answer === '' ? (fallback ?? '') : answer;
  };
  try {
    console.error(
      'Buurtpas installeren: een paar vragen. Enter neemt het voorstel tussen haakjes.\n',
    );
    if (existsSync(configFile)) {
      const again = await askChoice(
        ask,
        `${configFile} bestaat al. Overschrijven?`,
        ['ja', 'nee'],
        'nee',
      );
      if (again !== 'ja') return 1;
    }
    let address = '';
    for (;;) {
      address = await ask(
        'Domeinnaam of adres van deze server (bv. buurtpas.voorbeeld.nl of 192.168.1.10)',
      );
      if (checkAddress(address) === undefined) break;
      console.error('  Alleen de naam of het adres, zonder https:// of /.');
    }
    const https = await askChoice(
      ask,
      'HTTPS via Caddy (aanbevolen) of door Buurtpas zelf met eigen certificaatbestanden?',
      ['caddy', 'zelf'],
      'caddy',
    );
    let tlsCert: string | undefined;
    let tlsKey: string | undefined;
    if (https === 'zelf') {
      tlsCert = await ask('Pad van het certificaat (PEM)', '/etc/buurtpas/cert.pem');
      tlsKey = await ask('Pad van de sleutel (PEM)', '/etc/buurtpas/key.pem');
    }
    const engine = await askChoice(
      ask,
      'Database: SQLite (één bestand, aanbevolen) of PostgreSQL?',
      ['sqlite', 'postgresql'],
      'sqlite',
    );
    const database: SetupAnswers['database'] =
      engine === 'sqlite'
        ? { engine: 'sqlite', dataDir: await ask('Map voor de gegevens', '/var/lib/buurtpas') }
        : {
            engine: 'postgres',
            url: await ask('PostgreSQL-adres (postgresql://gebruiker:wachtwoord@host/db)'),
          };
    const location = await askChoice(
      ask,
      'Op welke locatie werkt de eerste coördinator?',
      LOCATIONS.map((l) => l.id),
      LOCATIONS[0]?.id ?? 'cjm',
    );
    const plan = planSetup({
      address,
      https: https === 'zelf' ? 'builtin' : 'caddy',
      database,
      ...(tlsCert !== undefined ? { tlsCert } : {}),
      ...(tlsKey !== undefined ? { tlsKey } : {}),
      staticDir: resolve('dist'),
    });
    writeFileSync(configFile, plan.env, { mode: 0o600 });
    console.error(`\nGeschreven: ${configFile}`);
    if (plan.caddyfile !== undefined) {
      const caddyfile = join(dirname(configFile), 'Caddyfile');
      writeFileSync(caddyfile, plan.caddyfile);
      console.error(`Geschreven: ${caddyfile}  (kopieer naar /etc/caddy/Caddyfile)`);
    }
    // The first coordinator's code: the database is created (migrations) right here.
    process.loadEnvFile(configFile);
    const config = readServerConfig(process.env);
    const storage = await openStorage(config);
    try {
      const issued = await issueEnrollmentCode(storage, {
        locationId: location,
        role: 'coordinator',
        ttlHours: config.enrollmentCodeTtlHours,
        nowMs: Date.now(),
      });
      if (!issued.ok) throw new Error(`unknown location ${location}`);
      console.error(
        `\nKlaar. Open ${plan.url} op de laptop van de coördinator en koppel met deze code (geldig tot ${issued.issued.expiresAt}):`,
      );
      console.log(issued.issued.code);
    } finally {
      await storage.close();
    }
    return 0;
  } finally {
    rl.close();
  }
}
