/**
 * The merchant embed's build, into dist/embed/ (after the app's build into dist/, which also holds models/ beside it):
 *   vite build -c vite.embed.config.ts                 the runtime: aisle-runtime.js (ES module), its chunks, the
 *                                                      workers (the same as the app's), wasm files, and aisle.css
 *   vite build -c vite.embed.config.ts --mode loader   the loader: aisle.js, one classic script (IIFE), no imports
 * The loader's gzipped size is checked against its 10 KB budget by scripts/check-embed-size.mjs (run by npm test).
 * Everything is served from the static host; the store's page loads only aisle.js with a script tag.
 */
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import baseConfig from './vite.config.ts';

export default defineConfig(({ mode }) => {
  if (mode === 'loader') {
    return {
      publicDir: false,
      build: {
        target: 'es2022',
        outDir: 'dist/embed',
        emptyOutDir: false,
        copyPublicDir: false,
        lib: { entry: 'src/embed/loader.ts', name: 'aisleLoader', formats: ['iife'], fileName: () => 'aisle.js' },
        rollupOptions: { output: { extend: false } },
        minify: true,
      },
    };
  }
  return {
    base: './',
    publicDir: false,
    // No window.__svelte (Svelte's version marker): the embed sets no global but window.aisle.
    plugins: [svelte({ compilerOptions: { discloseVersion: false } })],
    // The same worker bundling as the app (chunk names, ES workers), so the embed runs the very same worker code.
    worker: baseConfig.worker,
    optimizeDeps: baseConfig.optimizeDeps,
    build: {
      target: 'es2022',
      outDir: 'dist/embed',
      emptyOutDir: true,
      copyPublicDir: false,
      // One stylesheet for every component, read by the runtime and adopted into each shadow root (never a <link> or
      // <style> in the store's page).
      cssCodeSplit: false,
      chunkSizeWarningLimit: 4096,
      modulePreload: false,
      rollupOptions: {
        input: { 'aisle-runtime': 'src/embed/runtime.svelte.ts' },
        preserveEntrySignatures: 'exports-only',
        output: {
          format: 'es',
          entryFileNames: '[name].js',
          chunkFileNames: 'assets/[name]-[hash].js',
          assetFileNames: (info) => (info.names?.some((n) => n.endsWith('.css')) ? 'aisle.css' : 'assets/[name]-[hash][extname]'),
        },
      },
    },
  };
});
