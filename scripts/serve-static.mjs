#!/usr/bin/env node
/**
 * A small static file server for tests and benchmarks: serves a folder under a path prefix (to prove the build works
 * from a sub-path), with correct MIME types, optional COOP/COEP headers, and optional extra mounts
 * (`--mount /prefix=dir`, repeatable) for fixtures such as a model hub layout or a merchant's page.
 *
 *   node scripts/serve-static.mjs --dir dist --prefix /shop/ --port 4180 [--isolate] [--mount /hub/=tests/fixtures/hub]
 */
import { createServer } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
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
  },
});

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

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const mount = mounts.find(([prefix]) => url.pathname.startsWith(prefix));
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
    'Cache-Control': 'no-cache',
    'Accept-Ranges': 'bytes',
    'Access-Control-Allow-Origin': '*',
    'Cross-Origin-Resource-Policy': 'cross-origin',
  };
  const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
  if (range) {
    const start = Number(range[1]);
    const end = range[2] ? Number(range[2]) : size - 1;
    res.writeHead(206, { ...headers, 'Content-Range': `bytes ${start}-${end}/${size}`, 'Content-Length': end - start + 1 });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file, { start, end }).pipe(res);
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Length': size });
  if (req.method === 'HEAD') return res.end();
  createReadStream(file).pipe(res);
});

server.listen(Number(values.port), values.host, () => {
  const list = mounts.map(([p, d]) => `${p} -> ${d}`).join(', ');
  console.log(`serving http://${values.host}:${values.port}${values.prefix} (${list})`);
});
