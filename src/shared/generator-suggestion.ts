/**
 * The writing model a shop suggests to its shoppers, the pure part (every thread and Node, and the embed's loader,
 * so it imports nothing). The app reads it from models/manifest.json's `"assistantModel"`; the embed also from its
 * script tag's `data-assistant-model`.
 */

/**
 * A writing model the shop suggests: models/manifest.json's `"assistantModel"` (the app and the embed), or the embed's
 * `data-assistant-model` attribute. It only fills the form (or the embed's offer): nothing downloads before the
 * shopper's yes, with the host and size shown.
 */
export interface SuggestedGenerator {
  /** The hub's address, ending in / (https://huggingface.co/). */
  host: string;
  /** The model's id on that hub (onnx-community/Qwen2.5-0.5B-Instruct). */
  id: string;
  revision: string;
  /** The ONNX weights file, hub-relative (onnx/model_q4f16.onnx). */
  weights: string;
}

/** A suggestion in a stored or fetched value (a manifest's `assistantModel`), or null when it is not one. */
export function suggestedGenerator(value: unknown): SuggestedGenerator | null {
  const v = value as Partial<SuggestedGenerator> | null;
  if (!v || typeof v.host !== 'string' || typeof v.id !== 'string') return null;
  return { host: v.host, id: v.id, revision: typeof v.revision === 'string' ? v.revision : 'main', weights: typeof v.weights === 'string' ? v.weights : 'onnx/model_quantized.onnx' };
}

/**
 * A model's hub address as a merchant writes it on the embed's script tag, `https://hub.example/org/name` (optionally
 * `…/tree/<revision>`), read into a suggestion; an Error that says what to write otherwise.
 */
export function suggestionFromAddress(address: string, weights?: string): SuggestedGenerator | Error {
  let u: URL;
  try {
    u = new URL(address.trim());
  } catch {
    return new Error(`"${address}" is not a web address; write the model's page on its hub, as https://huggingface.co/onnx-community/Qwen2.5-0.5B-Instruct.`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return new Error(`"${address}" is not an http(s) address; write the model's page on its hub, as https://huggingface.co/org/model.`);
  const parts = u.pathname.split('/').filter(Boolean);
  if (parts.length !== 2 && !(parts.length === 4 && parts[2] === 'tree')) return new Error(`"${address}" does not name one model: write https://host/<organisation>/<model> (optionally /tree/<revision>).`);
  const w = weights?.trim() || 'onnx/model_quantized.onnx';
  if (!/^onnx\/[\w.-]+\.onnx$/.test(w)) return new Error(`the weights file "${weights}" is not an ONNX file in the model's onnx/ folder; write onnx/model_q4f16.onnx or the like.`);
  return { host: `${u.origin}/`, id: `${parts[0]}/${parts[1]}`, revision: parts[3] ?? 'main', weights: w };
}
