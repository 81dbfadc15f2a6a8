import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|wasm|json|webmanifest|txt)$/;

/**
 * Writes `name.br` and `name.gz` beside every text asset of the build, at maximum levels (done
 * once, at build time), so the server sends them without compressing per request
 * (@fastify/static `preCompressed`). A variant that saves less than 5 % is not written. Runs
 * after vite-plugin-pwa has written sw.js.
 */
function precompress(): Plugin {
  let outDir = 'dist';
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
  return {
    name: 'buurtpas-precompress',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        let raw = 0;
        let br = 0;
        for (const file of walk(outDir)) {
          if (!COMPRESSIBLE.test(file)) continue;
          const body = readFileSync(file);
          if (body.length < 1024) continue;
          const brotli = brotliCompressSync(body, {
            params: {
              [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
              [zlib.BROTLI_PARAM_SIZE_HINT]: body.length,
            },
          });
          const gzip = gzipSync(body, { level: 9 });
          if (brotli.length < body.length * 0.95) writeFileSync(`${file}.br`, brotli);
          if (gzip.length < body.length * 0.95) writeFileSync(`${file}.gz`, gzip);
          raw += body.length;
          br += Math.min(brotli.length, body.length);
        }
        this.info?.(
          `precompressed ${Math.round(raw / 1024)} kB of text assets to ${Math.round(br / 1024)} kB brotli`,
        );
      },
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      // The app asks before it updates (workbox-window prompt): never a reload in the middle of work.
      registerType: 'prompt',
      injectRegister: false,
      // public/ (favicon, icons) is already in workbox.globPatterns; listing it again here and
      // through the manifest icons put each file twice in the precache manifest.
      includeManifestIcons: false,
      manifest: {
        name: 'Buurtpas — ledenregistratie buurtwerkkamers',
        short_name: 'Buurtpas',
        description: 'Pas scannen, bezoek en bijdrage registreren, ook zonder internet.',
        lang: 'nl',
        // A stable identity, so a later change of start_url does not make it a different app.
        id: '/',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#0b5d4b',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          {
            src: '/icons/icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      workbox: {
        // The camera decoder (zxing-wasm) is precached so the camera works offline too.
        // manifest.webmanifest is added by vite-plugin-pwa itself.
        globPatterns: ['**/*.{js,css,html,svg,png,wasm}'],
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        // The first visit is controlled at once: a laptop that goes offline right after its first
        // load still has the app. Updates still wait for the user's consent (registerType prompt:
        // no skipWaiting until the update prompt says so).
        clientsClaim: true,
      },
      devOptions: { enabled: false },
    }),
    precompress(),
  ],
  build: {
    target: 'es2022',
    sourcemap: false,
  },
  server: {
    proxy: { '/api': 'http://localhost:8080' },
  },
});
