/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { playwright } from '@vitest/browser-playwright';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/vite/chromium.ts';
import { modelsPlugin } from './scripts/vite/models-plugin.ts';

export default defineConfig({
  // Relative base: the build works from any sub-path of any static host.
  base: './',
  plugins: [
    svelte(),
    modelsPlugin(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      injectRegister: false,
      manifestFilename: 'manifest.webmanifest',
      includeManifestIcons: false,
      manifest: {
        name: 'Aisle: your private shop assistant',
        short_name: 'Aisle',
        description: 'A shop that learns what you like on your own device. Nothing about you leaves it.',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#f7f5f2',
        theme_color: '#1f4d3a',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      injectManifest: {
        // The app shell, its workers, the demo catalog and the TF.js wasm binaries. Not precached: model files (the
        // language worker's ModelStore keeps them, verified, on first use) and the 27 MB ONNX runtime binary (the
        // service worker keeps it on first use).
        globPatterns: ['**/*.{js,mjs,css,html,svg,png,webmanifest,json,wasm}'],
        globIgnores: ['models/**', '**/ort-wasm-*.wasm'],
        maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
      },
      devOptions: { enabled: false },
    }),
  ],
  worker: { format: 'es' },
  optimizeDeps: {
    exclude: ['@huggingface/transformers', 'onnxruntime-web'],
    // Pre-bundled up front: discovered later (inside a worker), they make the dev server re-optimise and reload
    // mid-run, which breaks the browser tests' workers on a fresh checkout (a worker caught by the reload fails to
    // import, or falls back from wasm to cpu).
    include: [
      '@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-backend-webgpu', 'comlink', 'idb', 'minisearch', 'nsfwjs/core', 'nsfwjs/models/mobilenet_v2',
      // The language worker's moderation rules.
      'libphonenumber-js/min', 'linkify-it', 'tldts', 'obscenity',
    ],
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  test: {
    expect: { requireAssertions: true },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts', 'src/**/*.svelte.test.ts'],
          globalSetup: ['tests/browser/global-setup.ts'],
          testTimeout: 120_000,
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({ launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS } }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
