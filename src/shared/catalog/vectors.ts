/**
 * Product vectors shipped beside a catalog (`"vectors": { "file": "demo.vectors.bin", "model": …, "dim": … }` in the
 * catalog JSON), computed when the catalog is built by the same encoder in Node (`npm run catalog:vectors`). With
 * them, shelves, the shopper's model and search by meaning need no encoder on the device until the first query: the
 * 27 MB ONNX runtime and the encoder load only then.
 *
 * File layout (little-endian): the 8 bytes "AISLEVEC", u32 version (1), u32 dim, u32 count, u32 length of the model
 * id, the model id (UTF-8), then `count` records of a 16-byte text hash (src/shared/text/product-text.ts `textHash`:
 * the first 128 bits of the SHA-256 of the text embedded) and `dim` float32 values. A product whose text changed
 * since the file was built has another hash, so a stale vector is never used for it. Pure; runs everywhere.
 */

const MAGIC = 'AISLEVEC';
const VERSION = 1;
const HASH_BYTES = 16;

export interface CatalogVectorsRef {
  /** The file, relative to the catalog file. */
  file: string;
  /** The encoder that computed them (its id in models/manifest.json). */
  model: string;
  dim: number;
}

export interface VectorFile {
  model: string;
  dim: number;
  entries: Array<{ hash: string; vector: Float32Array }>;
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

function hashBytes(hash: string): Uint8Array {
  if (!/^[0-9a-f]{32}$/.test(hash)) throw new Error(`A text hash must be 32 hex digits, not "${hash}".`);
  const out = new Uint8Array(HASH_BYTES);
  for (let i = 0; i < HASH_BYTES; i++) out[i] = Number.parseInt(hash.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function encodeVectorFile(f: VectorFile): Uint8Array {
  const model = new TextEncoder().encode(f.model);
  const head = 8 + 16 + model.length;
  const record = HASH_BYTES + 4 * f.dim;
  const bytes = new Uint8Array(head + record * f.entries.length);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  view.setUint32(8, VERSION, true);
  view.setUint32(12, f.dim, true);
  view.setUint32(16, f.entries.length, true);
  view.setUint32(20, model.length, true);
  bytes.set(model, 24);
  f.entries.forEach((e, i) => {
    if (e.vector.length !== f.dim) throw new Error(`Vector ${i} has ${e.vector.length} values; the file's dimension is ${f.dim}.`);
    const at = head + i * record;
    bytes.set(hashBytes(e.hash), at);
    for (let d = 0; d < f.dim; d++) view.setFloat32(at + HASH_BYTES + 4 * d, e.vector[d]!, true);
  });
  return bytes;
}

/** Reads a vectors file; throws with what is wrong when it is not one (or is cut short). */
export function decodeVectorFile(data: ArrayBuffer | Uint8Array): VectorFile {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 24 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) throw new Error('This is not an Aisle product-vectors file (it does not start with "AISLEVEC").');
  const version = view.getUint32(8, true);
  if (version !== VERSION) throw new Error(`This product-vectors file is version ${version}; this Aisle reads version ${VERSION}. Build it again with npm run catalog:vectors.`);
  const dim = view.getUint32(12, true);
  const count = view.getUint32(16, true);
  const modelLength = view.getUint32(20, true);
  const head = 24 + modelLength;
  const record = HASH_BYTES + 4 * dim;
  if (dim === 0 || dim > 4096 || bytes.length !== head + record * count) {
    throw new Error(`This product-vectors file is damaged: ${bytes.length} bytes, where ${count} vectors of ${dim} values need ${head + record * count}. Build it again with npm run catalog:vectors.`);
  }
  const model = new TextDecoder().decode(bytes.subarray(24, head));
  const entries: VectorFile['entries'] = [];
  for (let i = 0; i < count; i++) {
    const at = head + i * record;
    const vector = new Float32Array(dim);
    for (let d = 0; d < dim; d++) vector[d] = view.getFloat32(at + HASH_BYTES + 4 * d, true);
    entries.push({ hash: hex(bytes.subarray(at, at + HASH_BYTES)), vector });
  }
  return { model, dim, entries };
}

/** Whether a catalog's `vectors` field is well formed (a plain relative file name, a model id, a dimension). */
export function vectorsRefProblem(v: unknown): string | null {
  const r = v as Partial<CatalogVectorsRef> | null;
  if (typeof r !== 'object' || r === null) return 'must be an object { file, model, dim }';
  if (typeof r.file !== 'string' || !/^[\w.-]+\.bin$/.test(r.file)) return 'file must be a file name ending in .bin, beside the catalog';
  if (typeof r.model !== 'string' || r.model.length === 0 || r.model.length > 200) return 'model must be the id of the encoder that computed them';
  if (!Number.isInteger(r.dim) || r.dim! <= 0 || r.dim! > 4096) return 'dim must be a whole number of dimensions';
  return null;
}
