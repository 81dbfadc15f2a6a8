import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

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
      },
      devOptions: { enabled: false },
    }),
  ],
  build: {
    target: 'es2022',
    sourcemap: false,
  },
  server: {
    proxy: { '/api': 'http://localhost:8080' },
  },
});
