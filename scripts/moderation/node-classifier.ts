/**
 * Loads the bundled classifier in Node (unit tests, the eval CLI, benchmarks) through the same Transformers.js code
 * the language worker runs (workers/language/moderation/classifier.ts), from the repository's models/ folder, on
 * onnxruntime-node's CPU backend. Node only: it lives with the scripts, not in the runtime tree.
 */
import { fileURLToPath } from 'node:url';
import { createClassifierLoader, loadTransformersClassifier } from '../../workers/language/moderation/classifier.ts';
import type { TextClassifier } from '../../workers/language/moderation/types.ts';

/** The repository's models/ folder as a file-system path (with a trailing slash). */
export function repoModelsPath(): string {
  const path = fileURLToPath(new URL('../../models/', import.meta.url)).replace(/\\/g, '/');
  return path.endsWith('/') ? path : `${path}/`;
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
