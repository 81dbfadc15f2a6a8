/**
 * Long runs of the fault-injection simulation: `npm run sim -- --runs 200 [--seed 1] [--kill]`.
 * Prints one line per run and every violation; exits 1 when any run broke an invariant.
 */
import { runSimulation } from './run-simulation.ts';

function argOf(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const runs = Number(argOf('runs') ?? 20);
const firstSeed = Number(argOf('seed') ?? Date.now() % 100_000);
const kill = process.argv.includes('--kill');
const steps = argOf('steps') ? Number(argOf('steps')) : undefined;
let failed = 0;
for (let i = 0; i < runs; i++) {
  const seed = firstSeed + i;
  // Every fifth run kills the server process, unless --kill asks for it every time.
  const report = await runSimulation({
    seed,
    kill: kill || i % 5 === 4,
    ...(steps ? { steps } : {}),
  });
  const faults = Object.entries(report.faults)
    .filter(([, v]) => v > 0)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  console.log(
    `seed ${seed}: ${report.laptops} laptops, ${report.steps} steps, ${report.events} events, kills ${report.kills}; ${faults}; ${report.violations.length === 0 ? 'ok' : 'VIOLATIONS'}`,
  );
  for (const v of report.violations) console.log(`  - ${v}`);
  if (report.violations.length > 0) failed++;
}
console.log(`${runs - failed}/${runs} runs held every invariant`);
process.exit(failed > 0 ? 1 : 0);
