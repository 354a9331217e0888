/**
 * Dot products of many rows with one query in WebAssembly: a hand-assembled module of two functions.
 * - `coarse(q8, rows, stride, query16, out)`: each row's dot product with the query, both quantised to 8-bit integers
 *   (a scale per row, one for the query), in SIMD (i8 → i16, i32x4.dot_i16x8_s), summed exactly as integers. It reads a
 *   quarter of the bytes of the float32 matrix: at 100,000 × 128 the float32 pass was bound by memory (51 MB a query).
 *   With the scales it is an approximation whose error `SimdDots.bound` limits (a bound, not an estimate).
 * - `exact(matrix, count, dim, query64, out, rows)`: chosen rows scored exactly as the JavaScript loop does (float64,
 *   each float32 widened, summed in order), four rows at a time so that their sums overlap (one row's additions wait on
 *   each other; four rows' do not), the same result to the bit.
 * The semantic index (semantic.ts) finds the rows that can matter with the first and scores those with the second.
 * Null where WebAssembly or its SIMD is not available (an old engine, or a page whose Content-Security-Policy forbids
 * compiling it): then the index scores every row in JavaScript. Pure: runs in a worker and in Node.
 */

/** The module's header, types, import, functions and exports (the code section follows: see moduleBytes). */
const MODULE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
  0x01, 0x12, 0x02, 0x60, 0x05, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x00, 0x60, 0x06, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x00, // types: (i32 × 5) → (), (i32 × 6) → ()
  0x02, 0x0f, 0x01, 0x03, 0x65, 0x6e, 0x76, 0x06, 0x6d, 0x65, 0x6d, 0x6f, 0x72, 0x79, 0x02, 0x00, 0x01, // import env.memory
  0x03, 0x03, 0x02, 0x00, 0x01, // two functions, of types 0 and 1
  0x07, 0x12, 0x02, 0x06, 0x63, 0x6f, 0x61, 0x72, 0x73, 0x65, 0x00, 0x00, 0x05, 0x65, 0x78, 0x61, 0x63, 0x74, 0x00, 0x01, // export "coarse", "exact"
  0x0a, // code section (its size, the bodies and their sizes follow)
]);

/**
 * `coarse`. Parameters: 0 q8 (byte offset of the int8 rows), 1 rows, 2 stride (bytes a row, a multiple of 16),
 * 3 query16 (byte offset of the query as int16, stride of them), 4 out (byte offset, int32s).
 * Locals: 5 i, 6 row end, 7 row pointer, 8 query pointer (i32); 9 accumulator, 10 sixteen int8s (v128).
 */
const COARSE = [
  0x02, 0x04, 0x7f, 0x02, 0x7b, // locals: 4 × i32, 2 × v128
  0x02, 0x40, 0x03, 0x40, // block, loop (rows)
  0x20, 0x05, 0x20, 0x01, 0x4f, 0x0d, 0x01, // if i >= rows: break
  0x20, 0x00, 0x21, 0x07, // p = q8
  0x20, 0x00, 0x20, 0x02, 0x6a, 0x21, 0x06, // end = q8 + stride
  0x20, 0x03, 0x21, 0x08, // qp = query16
  0xfd, 0x0c, ...new Array<number>(16).fill(0), 0x21, 0x09, // acc = 0
  0x02, 0x40, 0x03, 0x40, // block, loop (sixteen dimensions at a time)
  0x20, 0x07, 0x20, 0x06, 0x4f, 0x0d, 0x01, // if p >= end: break
  0x20, 0x07, 0xfd, 0x00, 0x00, 0x00, 0x21, 0x0a, // v = v128.load p
  0x20, 0x09, // acc
  0x20, 0x0a, 0xfd, 0x87, 0x01, // i16x8.extend_low_i8x16_s v
  0x20, 0x08, 0xfd, 0x00, 0x00, 0x00, // v128.load qp
  0xfd, 0xba, 0x01, // i32x4.dot_i16x8_s
  0xfd, 0xae, 0x01, // i32x4.add
  0x20, 0x0a, 0xfd, 0x88, 0x01, // i16x8.extend_high_i8x16_s v
  0x20, 0x08, 0xfd, 0x00, 0x00, 0x10, // v128.load qp + 16
  0xfd, 0xba, 0x01, // i32x4.dot_i16x8_s
  0xfd, 0xae, 0x01, // i32x4.add
  0x21, 0x09, // acc = …
  0x20, 0x07, 0x41, 0x10, 0x6a, 0x21, 0x07, // p += 16
  0x20, 0x08, 0x41, 0x20, 0x6a, 0x21, 0x08, // qp += 32
  0x0c, 0x00, 0x0b, 0x0b, // continue; end loop, end block
  0x20, 0x04, // out address
  0x20, 0x09, 0xfd, 0x1b, 0x00, // lane 0
  0x20, 0x09, 0xfd, 0x1b, 0x01, 0x6a, // + lane 1
  0x20, 0x09, 0xfd, 0x1b, 0x02, 0x6a, // + lane 2
  0x20, 0x09, 0xfd, 0x1b, 0x03, 0x6a, // + lane 3
  0x36, 0x02, 0x00, // i32.store
  0x20, 0x04, 0x41, 0x04, 0x6a, 0x21, 0x04, // out += 4
  0x20, 0x00, 0x20, 0x02, 0x6a, 0x21, 0x00, // q8 += stride
  0x20, 0x05, 0x41, 0x01, 0x6a, 0x21, 0x05, // i++
  0x0c, 0x00, 0x0b, 0x0b, // continue; end loop, end block
  0x0b, // end function
];

/** `p_r = matrix + rows[j + r] * row bytes` for r = 0..3 (locals 7..10). */
const ROW_POINTERS = [0, 1, 2, 3].flatMap((r) => [0x20, 0x05, 0x28, 0x02, 4 * r, 0x20, 0x02, 0x6c, 0x20, 0x00, 0x6a, 0x21, 0x07 + r]);
/** `s_r = s_r + f64(f32.load p_r) * q` for r = 0..3 (sums in locals 13..16, q in 17). */
const ROW_SUMS = [0, 1, 2, 3].flatMap((r) => [0x20, 0x0d + r, 0x20, 0x07 + r, 0x2a, 0x02, 0x00, 0xbb, 0x20, 0x11, 0xa2, 0xa0, 0x21, 0x0d + r]);
/** `p_r += 4` for r = 0..3. */
const ROW_STEPS = [0, 1, 2, 3].flatMap((r) => [0x20, 0x07 + r, 0x41, 0x04, 0x6a, 0x21, 0x07 + r]);
/** `out[r] = s_r` for r = 0..3. */
const ROW_STORES = [0, 1, 2, 3].flatMap((r) => [0x20, 0x04, 0x20, 0x0d + r, 0x39, 0x03, 8 * r]);

/**
 * `exact`. Parameters: 0 matrix, 1 count (a multiple of 4), 2 dim, 3 query64 (byte offset of the query as float64s),
 * 4 out (float64s), 5 rows (u32 row numbers). Locals: 6 j, 7–10 row pointers, 11 end of the first row, 12 query
 * pointer (i32); 13–16 sums, 17 the query's value (f64).
 */
const EXACT = [
  0x02, 0x07, 0x7f, 0x05, 0x7c, // locals: 7 × i32, 5 × f64
  0x20, 0x02, 0x41, 0x02, 0x74, 0x21, 0x02, // dim = dim << 2 (a row's bytes)
  0x02, 0x40, 0x03, 0x40, // block, loop (four rows at a time)
  0x20, 0x06, 0x20, 0x01, 0x4f, 0x0d, 0x01, // if j >= count: break
  ...ROW_POINTERS,
  0x20, 0x07, 0x20, 0x02, 0x6a, 0x21, 0x0b, // end = p0 + row bytes
  0x20, 0x03, 0x21, 0x0c, // qp = query64
  ...[0x0d, 0x0e, 0x0f, 0x10].flatMap((local) => [0x44, ...new Array<number>(8).fill(0), 0x21, local]), // sums = 0
  0x02, 0x40, 0x03, 0x40, // block, loop (dimensions)
  0x20, 0x07, 0x20, 0x0b, 0x4f, 0x0d, 0x01, // if p0 >= end: break
  0x20, 0x0c, 0x2b, 0x03, 0x00, 0x21, 0x11, // q = f64.load qp
  ...ROW_SUMS,
  ...ROW_STEPS,
  0x20, 0x0c, 0x41, 0x08, 0x6a, 0x21, 0x0c, // qp += 8
  0x0c, 0x00, 0x0b, 0x0b, // continue; end loop, end block
  ...ROW_STORES,
  0x20, 0x04, 0x41, 0x20, 0x6a, 0x21, 0x04, // out += 32
  0x20, 0x05, 0x41, 0x10, 0x6a, 0x21, 0x05, // rows += 16
  0x20, 0x06, 0x41, 0x04, 0x6a, 0x21, 0x06, // j += 4
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

function moduleBytes(): Uint8Array {
  const code = [0x02, ...leb(COARSE.length), ...COARSE, ...leb(EXACT.length), ...EXACT];
  return new Uint8Array([...MODULE, ...leb(code.length), ...code]);
}

/** Room for `rows` × `dim` float32s and their 8-bit copy, one query, the results, and the functions over them. */
export interface SimdDots {
  /** The matrix, row-major, in the module's memory: write a row here, then call `quantise(row)`. */
  matrix: Float32Array;
  /** Makes row i's 8-bit copy (and its scale and size) from what `matrix` holds. */
  quantise(row: number): void;
  /**
   * Sets the query and writes each row's approximate dot product with it to `coarseOut` (integers: row i's score is
   * about `coarseOut[i] * scale[i] * querySale`, within `bound(i)` of the exact one).
   */
  coarse(query: Float32Array): void;
  coarseOut: Int32Array;
  /** Per row: the scale of its 8-bit copy, and the sum of the absolute values of its elements. */
  scale: Float64Array;
  l1: Float64Array;
  /** The query's scale, and the two factors of the bound, for the last query (see `coarse`). */
  queryScale: number;
  /** Row i's approximation is within `boundScale * scale[i] + boundL1 * l1[i] + BOUND_SLACK` of its exact score. */
  boundScale: number;
  boundL1: number;
  /** Row numbers for `exact`: write them here (room for `rows` + 3). */
  rows: Uint32Array;
  /** `exact(count)` writes the exact dot product of row `rows[j]` with the last query here, for j < count. */
  exactOut: Float64Array;
  exact(count: number): void;
}

/** What the float64 arithmetic around the bound may add to it: far more than its rounding, far less than a score's step. */
export const BOUND_SLACK = 1e-9;

let compiled: WebAssembly.Module | null | undefined;

/** A SIMD dot-product kernel for `rows` × `dim`, or null where it cannot run. */
export function simdDots(rows: number, dim: number): SimdDots | null {
  if (rows === 0 || dim === 0 || typeof WebAssembly === 'undefined') return null;
  try {
    compiled ??= new WebAssembly.Module(moduleBytes() as BufferSource);
  } catch {
    compiled = null;
  }
  if (!compiled) return null;
  // The layout: float32 rows, 8-bit rows (each padded to a multiple of 16 bytes), the query as int16 and as float64,
  // the coarse results, the exact results, the row numbers.
  const stride = Math.ceil(dim / 16) * 16;
  const matrixBytes = rows * dim * 4;
  const q8 = Math.ceil(matrixBytes / 16) * 16;
  const query16 = q8 + rows * stride;
  const query64 = query16 + stride * 2;
  const coarseAt = query64 + dim * 8;
  const exactAt = coarseAt + Math.ceil((rows * 4) / 8) * 8;
  const rowsAt = exactAt + (rows + 3) * 8;
  const bytes = rowsAt + (rows + 3) * 4;
  try {
    const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / 65536) });
    const instance = new WebAssembly.Instance(compiled, { env: { memory } });
    const coarse = instance.exports.coarse as (q8: number, rows: number, stride: number, query: number, out: number) => void;
    const exact = instance.exports.exact as (m: number, count: number, dim: number, q: number, out: number, rows: number) => void;
    const matrix = new Float32Array(memory.buffer, 0, rows * dim);
    const int8 = new Int8Array(memory.buffer, q8, rows * stride);
    const q16 = new Int16Array(memory.buffer, query16, stride);
    const q64 = new Float64Array(memory.buffer, query64, dim);
    const rowNumbers = new Uint32Array(memory.buffer, rowsAt, rows + 3);
    const scale = new Float64Array(rows);
    const l1 = new Float64Array(rows);
    const kernel: SimdDots = {
      matrix,
      scale,
      l1,
      quantise(row) {
        let max = 0;
        let sum = 0;
        for (let k = 0; k < dim; k++) {
          const x = Math.abs(matrix[row * dim + k]);
          sum += x;
          if (x > max) max = x;
        }
        const s = max / 127;
        scale[row] = s;
        l1[row] = sum;
        for (let k = 0; k < dim; k++) int8[row * stride + k] = s ? Math.round(matrix[row * dim + k] / s) : 0;
      },
      coarseOut: new Int32Array(memory.buffer, coarseAt, rows),
      queryScale: 0,
      boundScale: 0,
      boundL1: 0,
      coarse(query) {
        let max = 0;
        for (let k = 0; k < dim; k++) max = Math.max(max, Math.abs(query[k]));
        const t = max / 127;
        let l1q = 0;
        for (let k = 0; k < dim; k++) {
          const q = t ? Math.round(query[k] / t) : 0;
          q16[k] = q;
          l1q += Math.abs(q);
          q64[k] = query[k];
        }
        // x·y − s·t·Σ qx·qy = Σ x(y − t·qy) + Σ t·qy(x − s·qx), and each rounding is within half its scale: the error
        // is at most t/2 · |x|₁ + s/2 · t · |qy|₁ (a hair more for the float64 divisions that made the integers).
        kernel.queryScale = t;
        kernel.boundL1 = (t / 2) * (1 + 1e-9);
        kernel.boundScale = (t / 2) * l1q * (1 + 1e-9);
        coarse(q8, rows, stride, query16, coarseAt);
      },
      rows: rowNumbers,
      exactOut: new Float64Array(memory.buffer, exactAt, rows + 3),
      exact(count) {
        // Four rows at a time: the last group is filled with the first row (its extra results are not read).
        const padded = Math.ceil(count / 4) * 4;
        for (let j = count; j < padded; j++) rowNumbers[j] = rowNumbers[0];
        exact(0, padded, dim, query64, exactAt, rowsAt);
      },
    };
    return kernel;
  } catch {
    return null;
  }
}
