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
        // The app shell, its workers and the demo catalog. Not precached: model files (the language worker's
        // ModelStore keeps them, verified, on first use), the 27 MB ONNX runtime binary (the same), and the files
        // below.
        globPatterns: ['**/*.{js,mjs,css,html,svg,png,webmanifest,json,wasm,bin}'],
        // Kept on first use instead (src/sw/sw.ts): the image checker (its worker, nsfwjs's model and weights) and
        // TF.js's wasm binaries, which the first visit does not need.
        globIgnores: ['models/**', '**/ort-wasm-*.wasm', 'assets/vision.worker-*.js', 'assets/group1-shard*', 'assets/model.min-*.js', 'assets/mobilenet_v2-*.js', 'assets/tfjs-backend-wasm*.wasm', 'assets/tfjs-backend-*.js'],
        maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
      },
      devOptions: { enabled: false },
    }),
  ],
  worker: {
    format: 'es',
    rollupOptions: {
      output: {
        // Named after what they hold, so the service worker's precache can leave out what the first visit does not
        // need (TF.js's backends load only when the shopper's model first trains).
        chunkFileNames: (chunk) => {
          const id = chunk.moduleIds.find((m) => /@tensorflow[\\/]tfjs-backend-(webgl|webgpu|wasm)[\\/]/.test(m));
          const backend = id?.match(/tfjs-backend-(webgl|webgpu|wasm)/)?.[1];
          return backend ? `assets/tfjs-backend-${backend}-[hash].js` : 'assets/[name]-[hash].js';
        },
      },
    },
  },
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
