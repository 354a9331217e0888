/**
 * For the browser tests: a model host in hub layout on another port (another origin), serving the bundled encoder
 * (scripts/make-hub-fixture.mjs), with X-Linked-Etag headers, and breaking the second GET of each flaky-encoder file.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import './provided.d.ts';

const PORT = Number(process.env.BROWSER_HUB_PORT ?? 4182);
let server: ChildProcess | null = null;

export async function setup(project: TestProject): Promise<void> {
  execFileSync('node', ['scripts/make-hub-fixture.mjs', '--out', '.tmp/hub-browser'], { stdio: 'ignore' });
  server = spawn('node', ['scripts/serve-static.mjs', '--dir', '.tmp/hub-browser', '--prefix', '/', '--port', String(PORT), '--linked-etag', '--flaky', 'flaky-encoder', '--flaky-at', '2'], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${PORT}/`;
  for (let i = 0; i < 50; i++) {
    try {
      await fetch(`${url}__log`);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  project.provide('hubUrl', url);
}

export async function teardown(): Promise<void> {
  server?.kill();
}
