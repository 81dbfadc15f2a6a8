/**
 * `npm run bench`: every benchmark in this folder, one after the other, each printing its figures
 * beside the baseline it measured in the same run. A benchmark is an exported async function whose
 * name starts with `bench` in a file here. `npm run bench -- scan report` runs only the files whose
 * names contain one of the words (`npm run bench -- import` runs bench/import-members.ts, the
 * 5.000-row member import of issue 11).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const HELPERS = new Set(['run.ts', 'static-server.ts', 'stats.ts']);
const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));

const files = readdirSync(import.meta.dirname)
  // `*-page.ts` files are browser code that benchmarks load into Chromium; they are not run here.
  .filter((f) => f.endsWith('.ts') && !HELPERS.has(f) && !f.endsWith('-page.ts'))
  .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
  .sort();

let failures = 0;
for (const file of files) {
  const mod = (await import(pathToFileURL(join(import.meta.dirname, file)).href)) as Record<
    string,
    unknown
  >;
  for (const [name, fn] of Object.entries(mod)) {
    if (!name.startsWith('bench') || typeof fn !== 'function') continue;
    console.log(`\n# ${file} — ${name}`);
    const t0 = performance.now();
    try {
      const figures = await (fn as () => Promise<unknown>)();
      // Benchmarks print their own report; a flat record of figures is tabulated as well.
      if (
        figures &&
        typeof figures === 'object' &&
        Object.values(figures).every((v) => typeof v !== 'object')
      )
        console.table(figures);
    } catch (error) {
      failures++;
      console.error(`  failed: ${error instanceof Error ? error.stack : String(error)}`);
    }
    console.log(`  (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
}
if (failures > 0) process.exitCode = 1;
