/**
 * Front-desk JavaScript: what the browser must load before the desk works (the entry chunk and
 * its static imports, gzip), against the budget of 150 kB, with the lazy camera chunk and the wasm
 * decoder apart. Baseline: a bare React + react-dom page built with the same Vite in the same run.
 * Builds into temporary directories (dist/ is left alone). Alone: `npx tsx bench/bundle-size.ts`.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { build, type Plugin } from 'vite';
import { ROOT } from '../tests/e2e/support/app-server.ts';

type ManifestChunk = {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
  assets?: string[];
};
type Manifest = Record<string, ManifestChunk>;

export type BundleSizeFigures = {
  startJsGzipBytes: number;
  startJsRawBytes: number;
  startCssGzipBytes: number;
  startChunks: string[];
  cameraJsGzipBytes: number;
  cameraChunks: string[];
  wasmBytes: number;
  wasmGzipBytes: number;
  reactBaselineGzipBytes: number;
};

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1).replace('.', ',')} kB`;

function gzipSize(path: string): number {
  return gzipSync(readFileSync(path), { level: 9 }).length;
}

/** The chunk and everything it imports statically (what loads before it runs). */
function collectStatic(manifest: Manifest, key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const imported of manifest[key]?.imports ?? []) collectStatic(manifest, imported, seen);
  return seen;
}

/** Rendered (pre-minify) bytes per source group (a package, or a folder of src/) in each output chunk. */
type ChunkModules = Map<string, Map<string, number>>;

function groupOf(id: string): string {
  const path = id.replace(/\\/g, '/').replace(/\?.*$/, '');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (pkg) return pkg[1]!;
  const src = /\/src\/(app\/features\/[^/]+|app\/[^/]+|domain|[^/]+)/.exec(path);
  return src ? `src/${src[1]}` : path;
}

async function buildApp(outDir: string): Promise<{ manifest: Manifest; modules: ChunkModules }> {
  const modules: ChunkModules = new Map();
  const measure: Plugin = {
    name: 'buurtpas-bench-module-sizes',
    generateBundle(_, bundle) {
      for (const out of Object.values(bundle)) {
        if (out.type !== 'chunk') continue;
        const groups = new Map<string, number>();
        for (const [id, m] of Object.entries(out.modules))
          groups.set(groupOf(id), (groups.get(groupOf(id)) ?? 0) + m.renderedLength);
        modules.set(out.fileName, groups);
      }
    },
  };
  await build({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'error',
    plugins: [measure],
    build: { outDir, emptyOutDir: true, manifest: true },
  });
  return {
    manifest: JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8')) as Manifest,
    modules,
  };
}

/** A page that renders one React element: what any React app pays before its own code. */
async function buildReactBaseline(dir: string): Promise<number> {
  const src = join(dir, 'src');
  mkdirSync(src, { recursive: true });
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html><body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body></html>',
  );
  writeFileSync(
    join(src, 'main.tsx'),
    "import { StrictMode } from 'react';\nimport { createRoot } from 'react-dom/client';\ncreateRoot(document.getElementById('root')!).render(<StrictMode><h1>Buurtpas</h1></StrictMode>);\n",
  );
  const outDir = join(dir, 'dist');
  await build({
    root: dir,
    configFile: false,
    logLevel: 'error',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, target: 'es2022' },
  });
  const assets = join(outDir, 'assets');
  return readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .reduce((sum, f) => sum + gzipSize(join(assets, f)), 0);
}

export async function benchBundleSize(): Promise<BundleSizeFigures> {
  // Measure what `vite build` ships: with NODE_ENV=test or development (a test runner, a shell)
  // Vite would build React's development code and turn import.meta.env.DEV on.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    return await measureBundles();
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

async function measureBundles(): Promise<BundleSizeFigures> {
  // Inside the repository (ignored by git) so the baseline resolves react from node_modules.
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const work = mkdtempSync(join(ROOT, '.tmp', 'bench-bundle-'));
  try {
    const outDir = join(work, 'app');
    const { manifest, modules } = await buildApp(outDir);
    const entryKey = Object.keys(manifest).find(
      (k) => manifest[k]!.isEntry && k.endsWith('index.html'),
    );
    if (!entryKey) throw new Error('no index.html entry in the build manifest');
    const startKeys = collectStatic(manifest, entryKey);
    const startChunks = [...startKeys].map((k) => manifest[k]!.file);
    const startJsGzipBytes = startChunks.reduce((sum, f) => sum + gzipSize(join(outDir, f)), 0);
    const startJsRawBytes = startChunks.reduce(
      (sum, f) => sum + readFileSync(join(outDir, f)).length,
      0,
    );
    const startCss = [...startKeys].flatMap((k) => manifest[k]!.css ?? []);
    const startCssGzipBytes = startCss.reduce((sum, f) => sum + gzipSize(join(outDir, f)), 0);

    const cameraKey = Object.keys(manifest).find((k) =>
      k.endsWith('features/scan/camera/camera-scanner.tsx'),
    );
    const cameraKeys = cameraKey
      ? [...collectStatic(manifest, cameraKey)].filter((k) => !startKeys.has(k))
      : [];
    const cameraChunks = cameraKeys.map((k) => manifest[k]!.file);
    const cameraJsGzipBytes = cameraChunks.reduce((sum, f) => sum + gzipSize(join(outDir, f)), 0);
    const wasmFile = readdirSync(join(outDir, 'assets')).find((f) => f.endsWith('.wasm'));
    const wasmBytes = wasmFile ? readFileSync(join(outDir, 'assets', wasmFile)).length : 0;
    const wasmGzipBytes = wasmFile ? gzipSize(join(outDir, 'assets', wasmFile)) : 0;
    const inStart =
      startChunks.some((f) => /zxing|camera/i.test(f)) ||
      startChunks.some((f) => readFileSync(join(outDir, f), 'utf8').includes('zxing_reader'));

    const reactBaselineGzipBytes = await buildReactBaseline(join(work, 'react-baseline'));

    console.log('\nFront-desk JavaScript (gzip -9 of the built files)');
    console.log(
      `desk at start: ${kB(startJsGzipBytes)} gzip (${kB(startJsRawBytes)} raw) in ${startChunks.length} chunk(s): ${startChunks.join(', ')}; target ≤ 150 kB`,
    );
    console.log(
      `  baseline, bare React + react-dom page: ${kB(reactBaselineGzipBytes)} gzip → Buurtpas adds ${kB(startJsGzipBytes - reactBaselineGzipBytes)}`,
    );
    console.log(`  desk CSS at start: ${kB(startCssGzipBytes)} gzip`);
    const startGroups = new Map<string, number>();
    for (const f of startChunks)
      for (const [g, n] of modules.get(f) ?? []) startGroups.set(g, (startGroups.get(g) ?? 0) + n);
    const top = [...startGroups].sort((a, b) => b[1] - a[1]).slice(0, 12);
    console.log(
      `  largest parts of the start JS (rendered source before minify and gzip, to compare parts): ${top.map(([g, n]) => `${g} ${kB(n)}`).join(', ')}`,
    );
    console.log(
      `camera (lazy, on "Camera"): ${kB(cameraJsGzipBytes)} gzip JS in ${cameraChunks.join(', ') || '— (no camera chunk found)'}`,
    );
    console.log(
      `  zxing-wasm decoder: ${kB(wasmBytes)} raw, ${kB(wasmGzipBytes)} gzip (precached by the service worker)`,
    );
    console.log(`  decoder in the start bundle: ${inStart ? 'YES (regression)' : 'no'}`);
    return {
      startJsGzipBytes,
      startJsRawBytes,
      startCssGzipBytes,
      startChunks,
      cameraJsGzipBytes,
      cameraChunks,
      wasmBytes,
      wasmGzipBytes,
      reactBaselineGzipBytes,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchBundleSize();
}
