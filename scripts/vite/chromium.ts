/**
 * How every test and benchmark here starts Chromium: Debian's binary (never a downloaded one) with the flags that keep
 * it from stalling on a closed network, and WebGPU enabled so the SwiftShader adapter exists.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
