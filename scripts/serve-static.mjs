#!/usr/bin/env node
/**
 * A small static file server for tests and benchmarks: serves a folder under a path prefix (to prove the build works
 * from a sub-path), with correct MIME types, optional COOP/COEP headers, and optional extra mounts
 * (`--mount /prefix=dir`, repeatable) for fixtures such as a model hub layout or a merchant's page.
 *
 *   node scripts/serve-static.mjs --dir dist --prefix /shop/ --port 4180 [--isolate] [--mount /hub/=tests/fixtures/hub]
 *     [--linked-etag] [--flaky substring]
 *
 * --linked-etag  adds `X-Linked-Etag: "<sha256>"` to every file, as the Hugging Face hub does for large files.
 * --max-age N   sends `Cache-Control: public, max-age=N` instead of no-cache (a static host that lets browsers cache).
 * --flaky S      GET number --flaky-at (default 1) of each path containing S sends half of what it should (of the
 *                file, or of the requested range), then drops the connection (to test resumable, retried downloads).
 * Every GET and HEAD is logged (GET /__log), and printed with SERVE_LOG=1: `GET <path> <range or full> <status>`.
 * Cross-origin reads are allowed (CORS), so that a page on another port can use it as a model host.
 */
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: 'dist' },
    prefix: { type: 'string', default: '/' },
    port: { type: 'string', default: '4180' },
    host: { type: 'string', default: '127.0.0.1' },
    isolate: { type: 'boolean', default: false },
    mount: { type: 'string', multiple: true, default: [] },
    'linked-etag': { type: 'boolean', default: false },
    flaky: { type: 'string' },
    'flaky-at': { type: 'string', default: '1' },
    'max-age': { type: 'string' },
  },
});
const flakyCount = new Map();

const hashes = new Map();
function sha256Of(file) {
  if (!hashes.has(file)) hashes.set(file, createHash('sha256').update(readFileSync(file)).digest('hex'));
  return hashes.get(file);
}

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.bin': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

/** @type {Array<[string, string]>} prefix → absolute folder, longest prefix first */
const mounts = [[values.prefix, resolve(values.dir)]];
for (const m of values.mount) {
  const [prefix, dir] = m.split('=');
  mounts.push([prefix, resolve(dir)]);
}
mounts.sort((a, b) => b[0].length - a[0].length);

/** The last GETs served, for tests that check what was (not) downloaded: GET /__log (and DELETE /__log to clear). */
const log = [];

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/__log') {
    if (req.method === 'DELETE') log.length = 0;
    res.writeHead(200, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'GET, DELETE' });
    res.end(JSON.stringify(log));
    return;
  }
  const mount = mounts.find(([prefix]) => url.pathname.startsWith(prefix));
  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': 'GET, HEAD, DELETE, OPTIONS',
      'Access-Control-Allow-Headers': 'Range',
      'Access-Control-Max-Age': '600',
    });
    res.end();
    return;
  }
  if (values.isolate) {
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
  }
  if (!mount) {
    res.writeHead(404).end('not found');
    return;
  }
  const [prefix, root] = mount;
  let file = normalize(join(root, decodeURIComponent(url.pathname.slice(prefix.length))));
  if (file !== root && !file.startsWith(root + sep)) {
    res.writeHead(403).end('forbidden');
    return;
  }
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(404).end('not found');
    return;
  }
  const size = statSync(file).size;
  const headers = {
    'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
    // --max-age N: browsers may keep files N seconds without asking (the embed's static host: warm loads, offline).
    'Cache-Control': values['max-age'] ? `public, max-age=${Number(values['max-age'])}` : 'no-cache',
    'Accept-Ranges': 'bytes',
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Expose-Headers': 'Content-Length, Content-Range, X-Linked-Etag, ETag',
    'Cross-Origin-Resource-Policy': 'cross-origin',
    ...(values['linked-etag'] ? { 'X-Linked-Etag': `"${sha256Of(file)}"` } : {}),
  };
  const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
  const start = range ? Number(range[1]) : 0;
  const end = range && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
  const status = range ? 206 : 200;
  res.writeHead(status, { ...headers, ...(range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}), 'Content-Length': end - start + 1 });
  if (req.method === 'HEAD') {
    log.push({ method: 'HEAD', path: url.pathname, start, end, status, broken: false });
    return res.end();
  }
  let broken = false;
  if (values.flaky && url.pathname.includes(values.flaky)) {
    const n = (flakyCount.get(url.pathname) ?? 0) + 1;
    flakyCount.set(url.pathname, n);
    broken = n === Number(values['flaky-at']);
  }
  log.push({ method: 'GET', path: url.pathname, start, end, status, broken });
  if (log.length > 1000) log.shift();
  if (process.env.SERVE_LOG) console.log(`GET ${url.pathname} ${range ? `${start}-${end}` : 'full'} ${status}${broken ? ' BROKEN' : ''}`);
  if (broken) {
    const half = start + Math.max(1, Math.floor((end - start + 1) / 2)) - 1;
    createReadStream(file, { start, end: half })
      .on('end', () => setTimeout(() => res.destroy(), 50))
      .pipe(res, { end: false });
    return;
  }
  createReadStream(file, { start, end }).pipe(res);
});

server.listen(Number(values.port), values.host, () => {
  const list = mounts.map(([p, d]) => `${p} -> ${d}`).join(', ');
  console.log(`serving http://${values.host}:${values.port}${values.prefix} (${list})`);
});
