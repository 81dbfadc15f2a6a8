/**
 * The real server entry (`src/server/main.ts`) bundled once per process into a temp dir, so the
 * simulation's SIGKILL runs restart a plain `node main.mjs` (about 0.3 s) instead of `tsx`
 * compiling and loading every module again (about 1.5 s). Same code, same process boundary:
 * only the loader differs. The native and optional modules stay outside the bundle and resolve
 * through a `node_modules` link to the project's; the SQL migrations are copied beside it
 * (`migrations.ts` finds them relative to its own file).
 */
import { build } from 'esbuild';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

let bundled: Promise<string> | null = null;
let bundleDir: string | null = null;

/** Removes the bundle (a test runner's worker may end without running `exit` handlers). */
export function removeBundledServer(): void {
  if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
  bundleDir = null;
  bundled = null;
}

/** The path of the bundled server entry; built on the first call, removed when the process exits. */
export function bundledServerEntry(): Promise<string> {
  bundled ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'buurtpas-sim-bundle-'));
    bundleDir = dir;
    process.once('exit', removeBundledServer);
    const outfile = join(dir, 'main.mjs');
    await build({
      entryPoints: [join(ROOT, 'src/server/main.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile,
      external: ['better-sqlite3', 'pg-native'],
      // Bundled CommonJS packages call require(); give the ES module one.
      banner: {
        js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
      },
      logLevel: 'warning',
    });
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    cpSync(join(ROOT, 'src/server/storage/migrations'), join(dir, 'migrations'), {
      recursive: true,
    });
    return outfile;
  })();
  return bundled;
}
