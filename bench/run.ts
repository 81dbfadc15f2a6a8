/**
 * `npm run bench`: every benchmark in this folder, one after the other, each printing its figures
 * beside the baseline it measured in the same run. A benchmark is an exported async function whose
 * name starts with `bench` in a file here. `npm run bench -- scan report` runs only the files whose
 * names contain one of the words (`npm run bench -- import` runs bench/import-members.ts, the
 * 5.000-row member import of issue 11).
 *
 * Each file runs in a process of its own, so one benchmark's heap (a million facts folded) does
 * not slow the next one's garbage collection or show in its resident memory.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HELPERS = new Set(['run.ts', 'static-server.ts', 'stats.ts']);

/** Runs the benchmarks of one file in this process; the number that failed. */
async function runFile(file: string): Promise<number> {
  let failures = 0;
  const mod = (await import(pathToFileURL(join(import.meta.dirname, file)).href)) as Record<
    string,
    unknown
  >;
  for (const [name, fn] of Object.entries(mod)) {
    if (!name.startsWith('bench') || typeof fn !== 'function') continue;
    console.log(`\n# ${file} — ${name} (load average ${loadavg()[0]!.toFixed(1)})`);
    const t0 = performance.now();
    try {
      const figures = await (fn as () => Promise<unknown>)();
      // Benchmarks print their own report; a flat record of figures is tabulated as well, and a
      // record of `{ value, unit }` figures as "value unit".
      if (figures && typeof figures === 'object') {
        const values = Object.values(figures);
        if (values.every((v) => typeof v !== 'object')) console.table(figures);
        else if (values.every((v) => v && typeof v === 'object' && 'value' in v && 'unit' in v))
          console.table(
            Object.fromEntries(
              Object.entries(figures as Record<string, { value: unknown; unit: unknown }>).map(
                ([k, v]) => [k, `${String(v.value)} ${String(v.unit)}`],
              ),
            ),
          );
      }
    } catch (error) {
      failures++;
      console.error(`  failed: ${error instanceof Error ? error.stack : String(error)}`);
    }
    console.log(`  (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
  return failures;
}

const one = process.argv.indexOf('--file');
if (one >= 0) {
  // A child of the run below: one file, then exit (so its handles cannot keep the run waiting).
  const failures = await runFile(process.argv[one + 1]!);
  process.exit(failures > 0 ? 1 : 0);
} else {
  const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const files = readdirSync(import.meta.dirname)
    // `*-page.ts` files are browser code that benchmarks load into Chromium; they are not run here.
    .filter((f) => f.endsWith('.ts') && !HELPERS.has(f) && !f.endsWith('-page.ts'))
    .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
    .sort();
  console.log(`npm run bench: ${files.length} files, ${new Date().toISOString()}`);
  const failed: string[] = [];
  for (const file of files) {
    // The same Node with the same loader (tsx), this script, one file.
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), '--file', file],
      { stdio: 'inherit' },
    );
    if (child.status !== 0) failed.push(file);
  }
  console.log(
    `\nnpm run bench: done ${new Date().toISOString()}` +
      (failed.length > 0 ? `; failed: ${failed.join(', ')}` : '; every benchmark ran'),
  );
  if (failed.length > 0) process.exitCode = 1;
}
