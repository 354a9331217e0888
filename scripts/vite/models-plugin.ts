/**
 * Serves the bundled models (`models/`, see models/manifest.json) at `<base>models/` in dev, and copies exactly the
 * files the manifest lists into the build. Training scripts and model cards stay in the repository, not in the app.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { join, normalize, resolve, sep } from 'node:path';
import type { Plugin } from 'vite';

interface ManifestFile {
  path: string;
}
interface ManifestModel {
  id: string;
  files: ManifestFile[];
}

const MIME: Record<string, string> = {
  '.json': 'application/json',
  '.onnx': 'application/octet-stream',
  '.bin': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
};

export function modelsPlugin(modelsDir = 'models'): Plugin {
  const root = resolve(modelsDir);
  const manifestPath = join(root, 'manifest.json');
  const readManifest = (): { models: ManifestModel[] } =>
    existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')) : { models: [] };

  return {
    name: 'aisle-models',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = new URL(req.url ?? '/', 'http://x');
        const at = url.pathname.indexOf('/models/');
        if (at < 0) return next();
        const file = normalize(join(root, decodeURIComponent(url.pathname.slice(at + '/models/'.length))));
        if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) return next();
        const ext = file.slice(file.lastIndexOf('.'));
        res.setHeader('Content-Type', MIME[ext] ?? 'application/octet-stream');
        res.setHeader('Content-Length', String(statSync(file).size));
        createReadStream(file).pipe(res);
      });
    },
    generateBundle() {
      const manifest = readManifest();
      this.emitFile({ type: 'asset', fileName: 'models/manifest.json', source: readFileSync(manifestPath) });
      for (const model of manifest.models) {
        for (const f of model.files) {
          this.emitFile({
            type: 'asset',
            fileName: `models/${model.id}/${f.path}`,
            source: readFileSync(join(root, model.id, f.path)),
          });
        }
      }
    },
  };
}
