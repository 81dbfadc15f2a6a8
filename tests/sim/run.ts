/**
 * Long runs of the fault-injection simulation:
 * `npm run sim -- --runs 1000 [--seed 1] [--kill] [--steps N] [--jobs N]`.
 * Prints one line per run and every violation, then the seed range, the wall time and
 * `N/N runs held every invariant`; exits 1 when any run broke an invariant (or crashed).
 * Every fifth run (i % 5 === 4) kills the server process, unless --kill asks for it every time.
 * Runs go to `--jobs N` child processes (default 1) (each its own fake-indexeddb, servers and ports);
 * a seed's run is the same whichever process runs it.
 */
import { fork } from 'node:child_process';
import { runSimulation, type SimReport } from './run-simulation.ts';

function argOf(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

type Job = { i: number; seed: number };
type Outcome = { seed: number; report?: SimReport; error?: string };

const runs = Number(argOf('runs') ?? 20);
const firstSeed = Number(argOf('seed') ?? Date.now() % 100_000);
const kill = process.argv.includes('--kill');
const steps = argOf('steps') ? Number(argOf('steps')) : undefined;
const jobs = Math.max(1, Math.min(runs, Number(argOf('jobs') ?? 1)));

async function runOne(job: Job): Promise<Outcome> {
  try {
    const report = await runSimulation({
      seed: job.seed,
      kill: kill || job.i % 5 === 4,
      ...(steps ? { steps } : {}),
    });
    return { seed: job.seed, report };
  } catch (error) {
    return {
      seed: job.seed,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
  }
}

function lineOf(outcome: Outcome): string[] {
  const { report } = outcome;
  if (!report) return [`seed ${outcome.seed}: CRASHED`, `  - ${outcome.error ?? ''}`];
  const faults = Object.entries(report.faults)
    .filter(([, v]) => v > 0)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  return [
    `seed ${report.seed}: ${report.laptops} laptops, ${report.steps} steps, ${report.events} events, kills ${report.kills}; ${faults}; joiner wrote ${report.joiner?.writesDuringLoad ?? 0}× while loading (${report.joiner?.voidsOlderDuringLoad ?? 0} voids of older facts); ${report.violations.length === 0 ? 'ok' : 'VIOLATIONS'}`,
    ...report.violations.map((v) => `  - ${v}`),
  ];
}

const held = (o: Outcome) => o.report !== undefined && o.report.violations.length === 0;

if (process.argv.includes('--worker')) {
  // A child of `--jobs`: runs the seeds it is sent, answers each with its outcome.
  process.on('message', (job: Job | 'done') => {
    if (job === 'done') process.exit(0);
    void runOne(job).then((outcome) => process.send!(outcome));
  });
} else {
  const started = Date.now();
  const queue: Job[] = Array.from({ length: runs }, (_, i) => ({ i, seed: firstSeed + i }));
  const failedSeeds: number[] = [];
  let done = 0;
  const record = (outcome: Outcome) => {
    done++;
    for (const line of lineOf(outcome)) console.log(line);
    if (!held(outcome)) failedSeeds.push(outcome.seed);
  };
  {
    const args = process.argv.slice(2).filter((a) => a !== '--worker');
    await Promise.all(
      Array.from({ length: jobs }, () => {
        // A larger young generation: the laptops' fake-indexeddb clones many short-lived
        // objects, and the default spends a tenth of a run collecting them.
        const child = fork(import.meta.filename, [...args, '--worker'], {
          execArgv: [...process.execArgv, '--max-semi-space-size=32'],
        });
        return new Promise<void>((resolveWorker) => {
          let current: Job | undefined;
          const next = () => {
            current = queue.shift();
            child.send(current ?? 'done');
          };
          child.on('message', (outcome: Outcome) => {
            record(outcome);
            next();
          });
          // A worker that dies takes its seed with it: reported as crashed, the rest go on.
          child.once('exit', (code) => {
            if (code !== 0 && current)
              record({ seed: current.seed, error: `worker exited ${code}` });
            resolveWorker();
          });
          next();
        });
      }),
    );
  }
  const seconds = (Date.now() - started) / 1000;
  const last = firstSeed + runs - 1;
  console.log(
    `seeds ${firstSeed}..${last} (${runs} runs${kill ? ', every run kills' : ', every fifth kills the server'}${steps ? `, ${steps} steps` : ''}, ${jobs} job${jobs > 1 ? 's' : ''}): ${seconds.toFixed(0)} s wall, ${(seconds / Math.max(1, done)).toFixed(2)} s per run`,
  );
  if (failedSeeds.length > 0)
    console.log(`failed seeds: ${failedSeeds.sort((a, b) => a - b).join(' ')}`);
  console.log(`${done - failedSeeds.length}/${runs} runs held every invariant`);
  process.exit(failedSeeds.length > 0 || done !== runs ? 1 : 0);
}
