/**
 * Dot products of many rows with one query in WebAssembly: a hand-assembled module of two functions. `dots(matrix,
 * rows, dim, query, out)` writes each row's dot product in SIMD (f32x4, summed in float32, lanes added at the end) as a
 * float64: several times faster than the same loop in JavaScript, and approximate. `exact(…)` scores chosen rows
 * exactly as the JavaScript loop does (float64, in order). The semantic index (semantic.ts) finds the rows that can
 * matter with the first and scores those with the second. Null where WebAssembly or its SIMD
 * is not available (an old engine, or a page whose Content-Security-Policy forbids compiling it): then the index
 * scores every row in JavaScript. Pure: runs in a worker and in Node.
 */

/** The module's bytes (see the comments for what each part is). */
const MODULE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
  0x01, 0x12, 0x02, 0x60, 0x05, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x00, 0x60, 0x06, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x00, // types: (i32 × 5) → (), (i32 × 6) → ()
  0x02, 0x0f, 0x01, 0x03, 0x65, 0x6e, 0x76, 0x06, 0x6d, 0x65, 0x6d, 0x6f, 0x72, 0x79, 0x02, 0x00, 0x01, // import env.memory
  0x03, 0x03, 0x02, 0x00, 0x01, // two functions, of types 0 and 1
  0x07, 0x10, 0x02, 0x04, 0x64, 0x6f, 0x74, 0x73, 0x00, 0x00, 0x05, 0x65, 0x78, 0x61, 0x63, 0x74, 0x00, 0x01, // export "dots", "exact"
  0x0a, // code section (its size, the bodies and their sizes follow: see moduleBytes)
]);

/**
 * The body. Parameters: 0 matrix (byte offset), 1 rows, 2 dim, 3 query (byte offset), 4 out (byte offset, float64s).
 * Locals: 5 i, 6 row end, 7 row pointer, 8 query pointer (i32), 9 accumulator (v128).
 */
const BODY = [
  0x02, 0x04, 0x7f, 0x01, 0x7b, // locals: 4 × i32, 1 × v128
  0x20, 0x02, 0x41, 0x02, 0x74, 0x21, 0x02, // dim = dim << 2 (a row's bytes)
  0x02, 0x40, 0x03, 0x40, // block, loop (rows)
  0x20, 0x05, 0x20, 0x01, 0x4f, 0x0d, 0x01, // if i >= rows: break
  0x20, 0x00, 0x21, 0x07, // p = matrix
  0x20, 0x00, 0x20, 0x02, 0x6a, 0x21, 0x06, // end = matrix + row bytes
  0x20, 0x03, 0x21, 0x08, // qp = query
  0xfd, 0x0c, ...new Array<number>(16).fill(0), 0x21, 0x09, // acc = 0
  0x02, 0x40, 0x03, 0x40, // block, loop (dims, four at a time)
  0x20, 0x07, 0x20, 0x06, 0x4f, 0x0d, 0x01, // if p >= end: break
  0x20, 0x09, // acc
  0x20, 0x07, 0xfd, 0x00, 0x02, 0x00, // v128.load p
  0x20, 0x08, 0xfd, 0x00, 0x02, 0x00, // v128.load qp
  0xfd, 0xe6, 0x01, // f32x4.mul
  0xfd, 0xe4, 0x01, // f32x4.add
  0x21, 0x09, // acc = …
  0x20, 0x07, 0x41, 0x10, 0x6a, 0x21, 0x07, // p += 16
  0x20, 0x08, 0x41, 0x10, 0x6a, 0x21, 0x08, // qp += 16
  0x0c, 0x00, 0x0b, 0x0b, // continue; end loop, end block
  0x20, 0x04, // out address
  0x20, 0x09, 0xfd, 0x1f, 0x00, // lane 0
  0x20, 0x09, 0xfd, 0x1f, 0x01, 0x92, // + lane 1
  0x20, 0x09, 0xfd, 0x1f, 0x02, 0x92, // + lane 2
  0x20, 0x09, 0xfd, 0x1f, 0x03, 0x92, // + lane 3
  0xbb, 0x39, 0x03, 0x00, // f64.promote_f32, f64.store
  0x20, 0x04, 0x41, 0x08, 0x6a, 0x21, 0x04, // out += 8
  0x20, 0x00, 0x20, 0x02, 0x6a, 0x21, 0x00, // matrix += row bytes
  0x20, 0x05, 0x41, 0x01, 0x6a, 0x21, 0x05, // i++
  0x0c, 0x00, 0x0b, 0x0b, // continue; end loop, end block
  0x0b, // end function
];

/** An unsigned LEB128 number (how WebAssembly writes sizes). */
function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

/**
 * `exact(matrix, count, dim, query, out, rows)`: for each of `count` row numbers (u32 at `rows`), the dot product
 * summed in float64 in order, each float32 widened first: the same operations, in the same order, as the JavaScript
 * loop, so the same result to the bit. Locals: 6 j, 7 row pointer, 8 row end, 9 query pointer (i32), 10 sum (f64).
 */
const EXACT = [
  0x02, 0x04, 0x7f, 0x01, 0x7c, // locals: 4 × i32, 1 × f64
  0x20, 0x02, 0x41, 0x02, 0x74, 0x21, 0x02, // dim = dim << 2 (a row's bytes)
  0x02, 0x40, 0x03, 0x40, // block, loop (rows)
  0x20, 0x06, 0x20, 0x01, 0x4f, 0x0d, 0x01, // if j >= count: break
  0x20, 0x05, 0x28, 0x02, 0x00, 0x20, 0x02, 0x6c, 0x20, 0x00, 0x6a, 0x22, 0x07, // p = matrix + rows[j] * row bytes
  0x20, 0x02, 0x6a, 0x21, 0x08, // end = p + row bytes
  0x20, 0x03, 0x21, 0x09, // qp = query
  0x44, ...new Array<number>(8).fill(0), 0x21, 0x0a, // sum = 0
  0x02, 0x40, 0x03, 0x40, // block, loop (dims)
  0x20, 0x07, 0x20, 0x08, 0x4f, 0x0d, 0x01, // if p >= end: break
  0x20, 0x0a, // sum
  0x20, 0x07, 0x2a, 0x02, 0x00, 0xbb, // f64(f32.load p)
  0x20, 0x09, 0x2a, 0x02, 0x00, 0xbb, // f64(f32.load qp)
  0xa2, 0xa0, 0x21, 0x0a, // sum = sum + a * b
  0x20, 0x07, 0x41, 0x04, 0x6a, 0x21, 0x07, // p += 4
  0x20, 0x09, 0x41, 0x04, 0x6a, 0x21, 0x09, // qp += 4
  0x0c, 0x00, 0x0b, 0x0b, // continue; end loop, end block
  0x20, 0x04, 0x20, 0x0a, 0x39, 0x03, 0x00, // out[j] = sum
  0x20, 0x04, 0x41, 0x08, 0x6a, 0x21, 0x04, // out += 8
  0x20, 0x05, 0x41, 0x04, 0x6a, 0x21, 0x05, // rows += 4
  0x20, 0x06, 0x41, 0x01, 0x6a, 0x21, 0x06, // j++
  0x0c, 0x00, 0x0b, 0x0b, // continue; end loop, end block
  0x0b, // end function
];

function moduleBytes(): Uint8Array {
  const code = [0x02, ...leb(BODY.length), ...BODY, ...leb(EXACT.length), ...EXACT];
  return new Uint8Array([...MODULE, ...leb(code.length), ...code]);
}

/** Room for `rows` × `dim` float32s, one query and `rows` float64 results, and the function over them. */
export interface SimdDots {
  /** The matrix, row-major, in the module's memory: write the rows here. */
  matrix: Float32Array;
  /** The query: write it here before calling `run`. */
  query: Float32Array;
  /** `run()` writes row i's (approximate) dot product with the query here. */
  out: Float64Array;
  run(): void;
  /** Row numbers for `exact`: write them here. */
  rows: Uint32Array;
  /** `exact(count)` writes the exact dot product of row `rows[j]` with the query here, for j < count. */
  exactOut: Float64Array;
  exact(count: number): void;
}

let compiled: WebAssembly.Module | null | undefined;

/** A SIMD dot-product kernel for `rows` × `dim` (dim a multiple of 4), or null where it cannot run. */
export function simdDots(rows: number, dim: number): SimdDots | null {
  if (dim % 4 !== 0 || rows === 0 || typeof WebAssembly === 'undefined') return null;
  try {
    compiled ??= new WebAssembly.Module(moduleBytes() as BufferSource);
  } catch {
    compiled = null;
  }
  if (!compiled) return null;
  const matrixBytes = rows * dim * 4;
  const queryBytes = dim * 4;
  const bytes = matrixBytes + queryBytes + rows * 20;
  try {
    const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / 65536) });
    const instance = new WebAssembly.Instance(compiled, { env: { memory } });
    const dots = instance.exports.dots as (m: number, rows: number, dim: number, q: number, out: number) => void;
    const exact = instance.exports.exact as (m: number, count: number, dim: number, q: number, out: number, rows: number) => void;
    const out = matrixBytes + queryBytes;
    const exactOut = out + rows * 8;
    const rowNumbers = exactOut + rows * 8;
    return {
      matrix: new Float32Array(memory.buffer, 0, rows * dim),
      query: new Float32Array(memory.buffer, matrixBytes, dim),
      out: new Float64Array(memory.buffer, out, rows),
      run: () => dots(0, rows, dim, matrixBytes, out),
      rows: new Uint32Array(memory.buffer, rowNumbers, rows),
      exactOut: new Float64Array(memory.buffer, exactOut, rows),
      exact: (count) => exact(0, count, dim, matrixBytes, exactOut, rowNumbers),
    };
  } catch {
    return null;
  }
}
