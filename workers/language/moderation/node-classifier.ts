/**
 * Loads the bundled classifier in Node (unit tests, the eval CLI, benchmarks) through the same Transformers.js code
 * the language worker runs, from the repository's models/ folder, on onnxruntime-node's CPU backend.
 * No Node built-ins are imported, so this file type-checks with the worker code it sits beside.
 */
import { createClassifierLoader, loadTransformersClassifier } from './classifier.ts';
import type { TextClassifier } from './types.ts';

/** The repository's models/ folder as a file-system path (with a trailing slash). */
export function repoModelsPath(): string {
  const url = new URL('../../../models/', import.meta.url);
  if (url.protocol !== 'file:') throw new Error(`repoModelsPath() is for Node; this module was loaded from ${url.href}`);
  // file:///C:/x on Windows → C:/x; file:///work/x → /work/x
  const path = decodeURIComponent(url.pathname);
  return /^\/[A-Za-z]:\//.test(path) ? path.slice(1) : path;
}

export interface NodeClassifierOptions {
  /** Folder holding model folders; defaults to the repository's models/. */
  modelsPath?: string;
  modelId?: string;
}

export function loadNodeClassifier(options: NodeClassifierOptions = {}): Promise<TextClassifier> {
  const root = options.modelsPath ?? repoModelsPath();
  return loadTransformersClassifier({
    localModelPath: root.endsWith('/') ? root : `${root}/`,
    modelId: options.modelId,
    device: 'cpu',
  });
}

/** A cached, retry-on-failure loader of the Node classifier. */
export function nodeClassifierLoader(options: NodeClassifierOptions = {}): { load(): Promise<TextClassifier>; reset(): void } {
  return createClassifierLoader(() => loadNodeClassifier(options));
}
