/**
 * Starts scripts/serve-static.mjs on a folder and waits until it answers: for the scripts that drive the built app in
 * Chromium (screenshots, bench:assistant, bench:lighthouse). `server.kill()` stops it.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export async function serveStatic(dir: string, prefix: string, port: number | string, probe = ''): Promise<{ base: string; server: ChildProcess }> {
  const server = spawn('node', ['scripts/serve-static.mjs', '--dir', dir, '--prefix', prefix, '--port', String(port)], { stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}${prefix}`;
  for (let i = 0; i < 50; i++) {
    try {
      await fetch(`${base}${probe}`);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { base, server };
}
