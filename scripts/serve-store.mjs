#!/usr/bin/env node
/**
 * A merchant's store for the embed's tests, benchmark and demo: serves examples/store/ (and --mount folders, such as
 * the store's catalog) on its own origin, with the static host's origin written into the pages where they say
 * __AISLE_STATIC__ (and, for the tests, the model hub's address where they say __AISLE_HUB__, with --hub). `?csp=documented` sends the Content-Security-Policy the README documents for the embed, and
 * `?csp=stricter` the same without `blob:` in worker-src (the widgets must then fail visibly, in the console).
 * Pages and files are sent with `Cache-Control: max-age=600`, as a store would, so they reload from the cache offline.
 *
 *   node scripts/serve-store.mjs --port 4244 --static http://127.0.0.1:4245 [--dir examples/store] [--mount /catalog/=dist/catalog] [--hub http://127.0.0.1:4181/]
 */
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: 'examples/store' },
    port: { type: 'string', default: '4244' },
    host: { type: 'string', default: '127.0.0.1' },
    static: { type: 'string', default: 'http://127.0.0.1:4245' },
    mount: { type: 'string', multiple: true, default: [] },
    hub: { type: 'string', default: 'http://127.0.0.1:4181/' },
  },
});
const STATIC = new URL(values.static).origin;

/** The policy the README documents (keep the two in step). */
export function documentedCsp(staticOrigin) {
  return [
    "default-src 'self'",
    `script-src 'self' ${staticOrigin} 'wasm-unsafe-eval'`,
    `worker-src blob: ${staticOrigin}`,
    `connect-src 'self' ${staticOrigin}`,
    "img-src 'self' data:",
    "style-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
  ].join('; ');
}
const POLICIES = {
  documented: documentedCsp(STATIC),
  stricter: documentedCsp(STATIC).replace(`worker-src blob: ${STATIC}`, "worker-src 'self'"),
};

const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.bin': 'application/octet-stream', '.csv': 'text/csv; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png' };
const mounts = [['/', resolve(values.dir)], ...values.mount.map((m) => [m.split('=')[0], resolve(m.split('=')[1])])].sort((a, b) => b[0].length - a[0].length);

createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const [prefix, root] = mounts.find(([p]) => url.pathname.startsWith(p)) ?? [];
  if (!root) return res.writeHead(404).end('not found');
  let file = normalize(join(root, decodeURIComponent(url.pathname.slice(prefix.length))));
  if (file !== root && !file.startsWith(root + sep)) return res.writeHead(403).end('forbidden');
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) return res.writeHead(404).end('not found');
  const headers = { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'max-age=600' };
  const csp = POLICIES[url.searchParams.get('csp') ?? ''];
  if (csp) headers['Content-Security-Policy'] = csp;
  let body = readFileSync(file);
  if (extname(file) === '.html') body = Buffer.from(body.toString('utf8').replaceAll('__AISLE_STATIC__', STATIC).replaceAll('__AISLE_HUB__', values.hub));
  res.writeHead(200, headers).end(body);
}).listen(Number(values.port), values.host, () => console.log(`store http://${values.host}:${values.port}/ (static host ${STATIC})`));
