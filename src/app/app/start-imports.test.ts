/**
 * The desk's start bundle (≤ 150 kB gzip, bench/bundle-size.ts) stays small only while what the
 * first screen imports statically keeps the wire schemas (zod) and the lazy screens out. This walks
 * the static imports from main.tsx as the bundler does (type-only imports and `import()` left out)
 * and names the chain when one reaches them.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const MAIN = resolve(import.meta.dirname, 'main.tsx');

/** The modules main.tsx loads before the first render, each with the module that imported it. */
function walkStaticImports(entry: string): Map<string, string | null> {
  const seen = new Map<string, string | null>([[entry, null]]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (!file.startsWith('/')) continue; // a package: not followed further
    const source = readFileSync(file, 'utf8');
    // `import x from '…'`, `import { a } from '…'`, `export { a } from '…'`, `import '…'`;
    // not `import type …` / `export type …` (erased) and not `import('…')` (its own chunk).
    const pattern = /^(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
    for (const [, spec] of source.matchAll(pattern)) {
      const target = spec!.startsWith('.') ? resolve(dirname(file), spec!) : spec!;
      if (seen.has(target)) continue;
      seen.set(target, file);
      queue.push(target);
    }
  }
  return seen;
}

function chainTo(seen: Map<string, string | null>, target: string): string[] {
  const chain: string[] = [];
  for (let at: string | null | undefined = target; at; at = seen.get(at)) chain.unshift(at);
  return chain.map((f) => f.replace(resolve(import.meta.dirname, '../../..') + '/', ''));
}

describe('the start bundle', () => {
  const seen = walkStaticImports(MAIN);

  it('walks the app (the walk itself finds the desk and the database)', () => {
    const files = [...seen.keys()].map((f) => f.replace(/\\/g, '/'));
    expect(files.some((f) => f.endsWith('features/scan/desk-screen.tsx'))).toBe(true);
    expect(files.some((f) => f.endsWith('app/db/database.ts'))).toBe(true);
    expect(files).toContain('dexie');
  });

  it('holds no wire schemas: zod loads with the sync engine and the screens that parse', () => {
    const zod = [...seen.keys()].filter((f) => f === 'zod' || f.endsWith('jitless-zod.ts'));
    expect(zod.map((f) => chainTo(seen, f).join(' → '))).toEqual([]);
  });

  it('holds none of the lazy screens', () => {
    const screens = [...seen.keys()].filter((f) =>
      /features\/(today|members|treasurer|reports|kiosk|settings)\/[^/]*-screen\.tsx$|kiosk-view\.tsx$/.test(
        f,
      ),
    );
    expect(screens.map((f) => chainTo(seen, f).join(' → '))).toEqual([]);
  });
});
