/**
 * The folder of named tensors that Node and Python hand each other (scripts/cluster/tensors.py reads and writes the
 * same): `spec.json` ({ tensors: [{ name, dtype, shape, offset }], ...settings }) and `tensors.bin` (little-endian
 * float32 / int32 at those offsets). Node only.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeError, InvalidFileError } from '../../src/shared/errors.ts';

export type Tensor = { name: string; shape: number[]; data: Float32Array | Int32Array };

interface Entry {
  name: string;
  dtype: 'float32' | 'int32';
  shape: number[];
  offset: number;
}

export function writeTensorFolder(dir: string, spec: Record<string, unknown>, tensors: readonly Tensor[]): void {
  mkdirSync(dir, { recursive: true });
  const entries: Entry[] = [];
  let offset = 0;
  for (const t of tensors) {
    const count = t.shape.reduce((a, b) => a * b, 1);
    if (count !== t.data.length) throw new Error(`tensor ${t.name}: shape [${t.shape}] does not hold ${t.data.length} values`);
    entries.push({ name: t.name, dtype: t.data instanceof Float32Array ? 'float32' : 'int32', shape: t.shape, offset });
    offset += t.data.byteLength;
  }
  const blob = Buffer.alloc(offset);
  tensors.forEach((t, i) => blob.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), entries[i].offset));
  writeFileSync(join(dir, 'tensors.bin'), blob);
  writeFileSync(join(dir, 'spec.json'), JSON.stringify({ ...spec, tensors: entries }));
}

export function readTensorFolder(dir: string): { spec: Record<string, unknown>; tensors: Map<string, Tensor> } {
  let spec: Record<string, unknown> & { tensors?: Entry[] };
  let blob: Buffer;
  try {
    spec = JSON.parse(readFileSync(join(dir, 'spec.json'), 'utf8'));
    blob = readFileSync(join(dir, 'tensors.bin'));
  } catch (err) {
    throw new InvalidFileError(`Cannot read the tensor folder ${dir} (spec.json and tensors.bin): ${describeError(err)}`);
  }
  const tensors = new Map<string, Tensor>();
  for (const e of spec.tensors ?? []) {
    const count = e.shape.reduce((a, b) => a * b, 1);
    const bytes = blob.subarray(e.offset, e.offset + count * 4);
    if (bytes.length !== count * 4) throw new InvalidFileError(`${dir}: tensor ${e.name} runs past the end of tensors.bin; the folder is damaged.`);
    // Copy out: a Buffer's memory may be shared and unaligned.
    const copy = new Uint8Array(bytes).buffer;
    tensors.set(e.name, { name: e.name, shape: e.shape, data: e.dtype === 'int32' ? new Int32Array(copy) : new Float32Array(copy) });
  }
  return { spec, tensors };
}
