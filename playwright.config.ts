import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/vite/chromium.ts';

const PORT = Number(process.env.E2E_PORT ?? 4180);
/** A model host in hub layout on another origin (scripts/make-hub-fixture.mjs); the first download of flaky-encoder's weights breaks halfway. */
export const HUB_PORT = Number(process.env.E2E_HUB_PORT ?? 4181);
/** The server the README's start command runs (`vite preview`, as `npm start` does), for the offline test as shipped. */
export const PREVIEW_PORT = Number(process.env.E2E_PREVIEW_PORT ?? 4183);
/** The merchant embed's two origins: a store's page (scripts/serve-store.mjs) and the static host serving dist/. */
export const STORE_PORT = Number(process.env.E2E_STORE_PORT ?? 4184);
export const STATIC_PORT = Number(process.env.E2E_STATIC_PORT ?? 4185);
const CI = !!process.env.CI;

/**
 * End-to-end tests run against the production build (dist/), served from a sub-path by scripts/serve-static.mjs so
 * that `base: './'` is tested as a static host would serve it.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.e2e.ts',
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: CI ? [['list'], ['json', { outputFile: '.tmp/playwright.json' }]] : [['list'], ['json', { outputFile: '.tmp/playwright.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/shop/`,
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    trace: 'off',
    screenshot: 'off',
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: [
    {
      command: `npx vite preview --port ${PREVIEW_PORT} --strictPort`,
      url: `http://localhost:${PREVIEW_PORT}/`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      // /update/ serves whichever deployment tests/e2e/sw-update.e2e.ts has put in .tmp/sw-update/site.
      command: `node scripts/serve-static.mjs --dir dist --prefix /shop/ --port ${PORT} --mount /update/=.tmp/sw-update/site`,
      url: `http://127.0.0.1:${PORT}/shop/`,
      reuseExistingServer: !CI,
      timeout: 30_000,
    },
    {
      command: `node scripts/make-hub-fixture.mjs --out .tmp/hub-e2e && node scripts/serve-static.mjs --dir .tmp/hub-e2e --prefix / --port ${HUB_PORT} --linked-etag --flaky flaky-encoder/resolve/main/onnx --flaky-at 1`,
      url: `http://127.0.0.1:${HUB_PORT}/__log`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `node scripts/serve-static.mjs --dir dist --prefix / --port ${STATIC_PORT} --max-age 600`,
      url: `http://127.0.0.1:${STATIC_PORT}/embed/aisle.js`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `node scripts/serve-store.mjs --port ${STORE_PORT} --static http://127.0.0.1:${STATIC_PORT} --mount /catalog/=dist/catalog --mount /t/=tests/e2e/fixtures/embed --hub http://127.0.0.1:${HUB_PORT}/`,
      url: `http://127.0.0.1:${STORE_PORT}/`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
  ],
});
