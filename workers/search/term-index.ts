/**
 * The lexical index's term store: an inverted index in flat typed arrays, searched exactly as MiniSearch 7 searches
 * (BM25+ with its constants, field boosts, fuzzy and prefix terms with MiniSearch's weights, AND combination, the same
 * result order), so the search engine's results are the same as with MiniSearch (tests/unit/search/engine-parity.test.ts
 * compares them), while it builds several times faster and can be stored and restored as one ArrayBuffer. The terms sit
 * in MiniSearch's own radix tree (minisearch/SearchableMap), inserted in the order they were first met, so prefix and
 * fuzzy lookups list them in MiniSearch's order. Pure: runs in a worker and in Node.
 */
import SearchableMap from 'minisearch/SearchableMap';

/** BM25+ as MiniSearch computes it (its defaults: k 1.2, b 0.7, d 0.5). */
const K = 1.2;
const B = 0.7;
const D = 0.5;
/** MiniSearch's default weights of fuzzy and prefix matches. */
const FUZZY_WEIGHT = 0.45;
const PREFIX_WEIGHT = 0.375;
/** MiniSearch's default cap on the edit distance of a fractional `fuzzy`. */
const MAX_FUZZY = 6;

export interface TermSearchOptions {
  /** Per field (by position), the boost; fields without one count 1. */
  boost: readonly number[];
  /** Edit distance allowed per query term: a number of edits, a fraction of its length (below 1), or none. */
  fuzzy?: number | false | ((term: string, i: number, terms: string[]) => number | false);
  prefix?: boolean | ((term: string, i: number, terms: string[]) => boolean);
  /** Documents (by position) that may be results. */
  filter?: (doc: number) => boolean;
}

export interface TermHit {
  doc: number;
  score: number;
  /** The document terms that matched, in the order MiniSearch lists them (for highlighting and typo detection). */
  terms: string[];
}

/** The stored form: every array the index reads, and the catalog words counted while indexing. */
export interface TermIndexData {
  docs: number;
  fields: number;
  /** Terms in the order they were first met while indexing. */
  terms: string[];
  /** Postings of term t in field f: offsets[t * fields + f] .. offsets[t * fields + f + 1]. */
  offsets: Uint32Array;
  postingDocs: Uint32Array;
  postingFreqs: Uint16Array | Uint32Array;
  /** Distinct words of document d's field f (MiniSearch's field length). */
  fieldLengths: Uint16Array | Uint32Array;
  averageFieldLengths: Float64Array;
}

interface Growing {
  data: Uint32Array;
  length: number;
}

function push(g: Growing, x: number): void {
  if (g.length === g.data.length) {
    const next = new Uint32Array(g.data.length * 2);
    next.set(g.data);
    g.data = next;
  }
  g.data[g.length++] = x;
}

function narrow(values: Uint32Array): Uint16Array | Uint32Array {
  let max = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
  return max <= 0xffff ? Uint16Array.from(values) : values;
}

export class TermIndex {
  readonly #data: TermIndexData;
  readonly #tree: SearchableMap<number>;
  /** Per-query scratch: which query term last touched a document, and where its entry is. */
  readonly #stamp: Uint32Array;
  readonly #slot: Uint32Array;
  #generation = 0;
  /**
   * Per-query buffers, reused (a common word's 50,000 matches cost megabytes of arrays per call otherwise): two for
   * a term's entries (an AND reads one and writes the other), one for the ordered result, and the sort's. Each grows
   * to the most postings a call has needed, never past the number of documents.
   */
  readonly #entries: [Entries, Entries] = [newEntries(0), newEntries(0)];
  #result: Entries = newEntries(0);
  readonly #order = new OrderScratch();

  constructor(data: TermIndexData) {
    const { docs, fields, terms, offsets, postingDocs, postingFreqs, fieldLengths, averageFieldLengths } = data;
    if (offsets.length !== terms.length * fields + 1 || postingDocs.length !== postingFreqs.length || offsets[offsets.length - 1] !== postingDocs.length || fieldLengths.length !== docs * fields || averageFieldLengths.length !== fields) {
      throw new Error('This search index is damaged (its arrays do not fit together). It will be built again from the catalog.');
    }
    this.#data = data;
    this.#tree = new SearchableMap<number>();
    terms.forEach((t, i) => this.#tree.set(t, i));
    this.#stamp = new Uint32Array(docs);
    this.#slot = new Uint32Array(docs);
  }

  /**
   * Indexes documents (each a list of field texts, in field order) the way MiniSearch's addAll does: `tokenize` splits
   * a field, a field's length is its number of distinct tokens, and `processTerm` turns a token into the indexed term
   * (or null to leave it out).
   */
  static build(documents: Iterable<readonly string[]>, fields: number, tokenize: (text: string) => string[], processTerm: (token: string) => string | null): TermIndex {
    const ids = new Map<string, number>();
    const terms: string[] = [];
    const keys: Growing = { data: new Uint32Array(1 << 16), length: 0 };
    const docsOf: Growing = { data: new Uint32Array(1 << 16), length: 0 };
    const freqs: Growing = { data: new Uint32Array(1 << 16), length: 0 };
    const lengths: Growing = { data: new Uint32Array(1 << 12), length: 0 };
    const averages = new Float64Array(fields);
    let doc = 0;
    const counts = new Map<number, number>();
    for (const texts of documents) {
      for (let f = 0; f < fields; f++) {
        const tokens = tokenize(texts[f] ?? '');
        const length = new Set(tokens).size;
        push(lengths, length);
        averages[f] = ((averages[f] || 0) * doc + length) / (doc + 1);
        counts.clear();
        for (const token of tokens) {
          const term = processTerm(token);
          if (!term) continue;
          let id = ids.get(term);
          if (id === undefined) {
            id = terms.length;
            ids.set(term, id);
            terms.push(term);
          }
          counts.set(id, (counts.get(id) ?? 0) + 1);
        }
        for (const [id, n] of counts) {
          push(keys, id * fields + f);
          push(docsOf, doc);
          push(freqs, n);
        }
      }
      doc++;
    }
    // Postings grouped by (term, field), each group in document order (a stable counting sort).
    const offsets = new Uint32Array(terms.length * fields + 1);
    for (let i = 0; i < keys.length; i++) offsets[keys.data[i] + 1]++;
    for (let i = 1; i < offsets.length; i++) offsets[i] += offsets[i - 1];
    const fill = offsets.slice(0, -1);
    const postingDocs = new Uint32Array(keys.length);
    const postingFreqs = new Uint32Array(keys.length);
    for (let i = 0; i < keys.length; i++) {
      const at = fill[keys.data[i]]++;
      postingDocs[at] = docsOf.data[i];
      postingFreqs[at] = freqs.data[i];
    }
    return new TermIndex({ docs: doc, fields, terms, offsets, postingDocs, postingFreqs: narrow(postingFreqs), fieldLengths: narrow(lengths.data.slice(0, lengths.length)), averageFieldLengths: averages });
  }

  get data(): TermIndexData {
    return this.#data;
  }

  /** The sort's working arrays (see descendingOrder), for the lexical index's own sorts too. */
  get orderScratch(): OrderScratch {
    return this.#order;
  }

  get documentCount(): number {
    return this.#data.docs;
  }

  /**
   * The documents matching every query term (AND), best first, as MiniSearch's `search(query, { combineWith: 'AND' })`
   * finds and orders them. `queryTerms` are the query's processed terms.
   */
  search(queryTerms: string[], options: TermSearchOptions): TermHit[] {
    const m = this.match(queryTerms, options);
    const hits: TermHit[] = [];
    for (let k = 0; k < m.length; k++) hits.push({ doc: m.docs[k], score: m.scores[k], terms: [...m.lists.terms(m.termLists[k])] });
    return hits;
  }

  /**
   * What `search` finds, in flat arrays: the documents best first (ties in MiniSearch's order), their scores and the
   * id of their list of matched terms in `lists` (shared by every document that matched the same terms, so that a
   * common word's tens of thousands of matches cost no array each). Pass one `lists` to several calls to compare
   * their term lists by id. The arrays are this index's own and are overwritten by the next call: read them first.
   */
  match(queryTerms: string[], options: TermSearchOptions, lists: TermLists = new TermLists(this.#data.terms)): TermMatches {
    const none: TermMatches = { length: 0, docs: new Uint32Array(0), scores: new Float64Array(0), termLists: new Int32Array(0), lists };
    if (!queryTerms.length) return none;
    let combined: Entries | null = null;
    const sources = new Set<string>();
    for (let i = 0; i < queryTerms.length; i++) {
      const term = queryTerms[i];
      sources.add(term);
      const fuzzy = typeof options.fuzzy === 'function' ? options.fuzzy(term, i, queryTerms) : (options.fuzzy ?? false);
      const prefix = typeof options.prefix === 'function' ? options.prefix(term, i, queryTerms) : options.prefix === true;
      // Into the buffer the combination so far is not in.
      const into = combined === this.#entries[0] ? 1 : 0;
      const entries = this.#termResults(term, fuzzy, prefix, options.boost, lists, into);
      combined = combined ? this.#and(combined, entries, lists) : entries;
      if (combined.length === 0) return none;
    }
    const quality = sources.size || 1;
    const { docs, scores, lists: termLists } = combined!;
    // The filter and the quality factor in place (the kept are written at or before where they are read).
    let n = 0;
    for (let k = 0; k < combined!.length; k++) {
      if (options.filter && !options.filter(docs[k])) continue;
      docs[n] = docs[k];
      scores[n] = scores[k] * quality;
      termLists[n++] = termLists[k];
    }
    const order = descendingOrder(scores, n, this.#order);
    if (this.#result.docs.length < n) this.#result = newEntries(Math.min(this.#data.docs, Math.max(n, 2 * this.#result.docs.length)));
    const out = this.#result;
    for (let r = 0; r < n; r++) {
      const k = order[r];
      out.docs[r] = docs[k];
      out.scores[r] = scores[k];
      out.lists[r] = termLists[k];
    }
    return { length: n, docs: out.docs, scores: out.scores, termLists: out.lists, lists };
  }

  /** Completions of the query as MiniSearch's autoSuggest gives them: the matched terms of each result, grouped. */
  suggest(queryTerms: string[], options: TermSearchOptions): Array<{ suggestion: string; terms: string[]; score: number }> {
    const groups = new Map<string, { score: number; terms: string[]; count: number }>();
    for (const { score, terms } of this.search(queryTerms, options)) {
      const phrase = terms.join(' ');
      const g = groups.get(phrase);
      if (g) {
        g.score += score;
        g.count += 1;
      } else groups.set(phrase, { score, terms, count: 1 });
    }
    const out = [...groups].map(([suggestion, { score, terms, count }]) => ({ suggestion, terms, score: score / count }));
    out.sort((a, b) => b.score - a.score);
    return out;
  }

  /** One query term's matches: the term itself, then its prefix completions, then its fuzzy neighbours. */
  #termResults(term: string, fuzzy: number | false, prefix: boolean, boost: readonly number[], lists: TermLists, into: 0 | 1): Entries {
    // The terms and their weights first (so that the entries can be sized to their postings), then their postings.
    const ids: number[] = [];
    const weights: number[] = [];
    const exact = this.#tree.get(term);
    if (exact !== undefined) {
      ids.push(exact);
      weights.push(1);
    }
    let fuzzyMatches: Map<string, [number, number]> | undefined;
    if (fuzzy !== false) {
      const f = fuzzy;
      const maxDistance = f < 1 ? Math.min(MAX_FUZZY, Math.round(term.length * f)) : f;
      if (maxDistance) fuzzyMatches = this.#tree.fuzzyGet(term, maxDistance);
    }
    if (prefix) {
      for (const [t, id] of this.#tree.atPrefix(term)) {
        const distance = t.length - term.length;
        if (!distance) continue;
        fuzzyMatches?.delete(t);
        ids.push(id);
        weights.push((PREFIX_WEIGHT * t.length) / (t.length + 0.3 * distance));
      }
    }
    if (fuzzyMatches) {
      for (const [t, [id, distance]] of fuzzyMatches) {
        if (!distance) continue;
        ids.push(id);
        weights.push((FUZZY_WEIGHT * t.length) / (t.length + distance));
      }
    }
    const { fields, offsets } = this.#data;
    let postings = 0;
    for (const id of ids) postings += offsets[(id + 1) * fields] - offsets[id * fields];
    const need = Math.min(postings, this.#data.docs);
    let entries = this.#entries[into];
    if (entries.docs.length < need) entries = this.#entries[into] = newEntries(Math.min(this.#data.docs, Math.max(need, 2 * entries.docs.length)));
    entries.length = 0;
    const generation = this.#nextGeneration();
    for (let i = 0; i < ids.length; i++) this.#accumulate(ids[i], weights[i], boost, entries, lists, generation);
    return entries;
  }

  #nextGeneration(): number {
    const generation = ++this.#generation;
    if (generation === 0xffffffff) {
      this.#stamp.fill(0);
      this.#generation = 1;
      return 1;
    }
    return generation;
  }

  /** Adds term `id`'s postings (with weight `weight`) to `entries`, a document's first match appending it. */
  #accumulate(id: number, weight: number, boost: readonly number[], entries: Entries, lists: TermLists, generation: number): void {
    const { fields, docs: total, offsets, postingDocs, postingFreqs, fieldLengths, averageFieldLengths } = this.#data;
    const stamp = this.#stamp;
    const slot = this.#slot;
    const single = lists.single(id);
    const scores = entries.scores;
    const termLists = entries.lists;
    for (let f = 0; f < fields; f++) {
      const from = offsets[id * fields + f];
      const to = offsets[id * fields + f + 1];
      if (from === to) continue;
      const fieldBoost = boost[f] || 1;
      const matching = to - from;
      const idf = Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
      const average = averageFieldLengths[f];
      const w = weight * fieldBoost;
      for (let p = from; p < to; p++) {
        const doc = postingDocs[p];
        const tf = postingFreqs[p];
        const raw = idf * (D + (tf * (K + 1)) / (tf + K * (1 - B + (B * fieldLengths[doc * fields + f]) / average)));
        const score = w * raw;
        if (stamp[doc] === generation) {
          const k = slot[doc];
          scores[k] += score;
          const list = termLists[k];
          if (lists.last(list) !== id) termLists[k] = lists.append(list, id);
        } else {
          stamp[doc] = generation;
          const k = entries.length++;
          slot[doc] = k;
          entries.docs[k] = doc;
          scores[k] = score;
          termLists[k] = single;
        }
      }
    }
  }

  /** MiniSearch's AND: the documents of `b` (in b's order) that `a` has too, scores added, matched terms merged. */
  #and(a: Entries, b: Entries, lists: TermLists): Entries {
    const generation = this.#nextGeneration();
    const stamp = this.#stamp;
    const slot = this.#slot;
    for (let k = 0; k < a.length; k++) {
      stamp[a.docs[k]] = generation;
      slot[a.docs[k]] = k;
    }
    // b's arrays are reused for the result: it never holds more than b, and is written at or before what it reads.
    let n = 0;
    for (let k = 0; k < b.length; k++) {
      const doc = b.docs[k];
      if (stamp[doc] !== generation) continue;
      const j = slot[doc];
      b.docs[n] = doc;
      b.lists[n] = lists.merge(a.lists[j], b.lists[k]);
      b.scores[n++] = a.scores[j] + b.scores[k];
    }
    b.length = n;
    return b;
  }
}

/**
 * The permutation that orders `scores[0..n)` from the highest to the lowest, equal scores in their order (what a
 * stable sort by descending score gives), without a comparison function: scores already in order cost one pass, others
 * a least-significant-digit radix sort over the bits of each score (stable, so equal scores keep their order; passes
 * whose digit is the same for every score are skipped). At 100,000 products a JavaScript comparator sort of tens of
 * thousands of matches cost more than finding them.
 */
export function descendingOrder(scores: ArrayLike<number>, n: number, scratch?: OrderScratch): Uint32Array {
  const buffers = scratch ?? new OrderScratch();
  buffers.reserve(n);
  const order = buffers.order.subarray(0, n);
  for (let i = 0; i < n; i++) order[i] = i;
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) if (scores[i] > scores[i - 1]) sorted = false;
  if (sorted) return order;
  if (n < 64) {
    const o = [...order].sort((a, b) => scores[b] - scores[a] || a - b);
    order.set(o);
    return order;
  }
  // Each score as 64 bits that order like the numbers, inverted (so ascending keys are descending scores); + 0 makes
  // -0 the same key as 0, as the comparison treats them. The high and low words, and the positions, move together.
  const values = buffers.values;
  for (let i = 0; i < n; i++) values[i] = scores[i] + 0;
  const bits = buffers.bits;
  let hi = buffers.hi;
  let lo = buffers.lo;
  let at = order;
  for (let i = 0; i < n; i++) {
    let l = bits[2 * i];
    let h = bits[2 * i + 1];
    if (h & 0x80000000) {
      h = ~h;
      l = ~l;
    } else h ^= 0x80000000;
    lo[i] = ~l >>> 0;
    hi[i] = ~h >>> 0;
  }
  // A stable radix sort by the high word only (three passes; one whose digit is the same for every key is skipped)…
  let nextHi = buffers.nextHi;
  let nextLo = buffers.nextLo;
  let nextAt = buffers.next;
  const count = buffers.count;
  for (let pass = 0; pass < 3; pass++) {
    const shift = pass * RADIX_BITS;
    count.fill(0);
    for (let i = 0; i < n; i++) count[(hi[i] >>> shift) & (RADIX - 1)]++;
    let buckets = 0;
    for (let b = 0; b < RADIX && buckets < 2; b++) if (count[b]) buckets++;
    if (buckets < 2) continue;
    let sum = 0;
    for (let b = 0; b < RADIX; b++) {
      const c = count[b];
      count[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const to = count[(hi[i] >>> shift) & (RADIX - 1)]++;
      nextHi[to] = hi[i];
      nextLo[to] = lo[i];
      nextAt[to] = at[i];
    }
    [hi, nextHi] = [nextHi, hi];
    [lo, nextLo] = [nextLo, lo];
    [at, nextAt] = [nextAt, at];
  }
  // …then each run of equal high words by the low word, stably (scores that differ only there are few: most such
  // runs are equal scores, already in their order).
  for (let i = 0; i < n; ) {
    let j = i + 1;
    let inOrder = true;
    while (j < n && hi[j] === hi[i]) {
      if (lo[j] < lo[j - 1]) inOrder = false;
      j++;
    }
    if (!inOrder) sortRun(lo, at, i, j);
    i = j;
  }
  if (at !== order) order.set(at.subarray(0, n));
  return order;
}

/** Sorts lo[from..to) ascending, `at` with it, equal keys in their order (insertion sort; a stable sort when long). */
function sortRun(lo: Uint32Array, at: Uint32Array, from: number, to: number): void {
  if (to - from <= 32) {
    for (let i = from + 1; i < to; i++) {
      const key = lo[i];
      const a = at[i];
      let j = i - 1;
      while (j >= from && lo[j] > key) {
        lo[j + 1] = lo[j];
        at[j + 1] = at[j];
        j--;
      }
      lo[j + 1] = key;
      at[j + 1] = a;
    }
    return;
  }
  const run = Array.from({ length: to - from }, (_, k) => from + k).sort((a, b) => lo[a] - lo[b] || a - b);
  const keys = run.map((k) => lo[k]);
  const ats = run.map((k) => at[k]);
  lo.set(keys, from);
  at.set(ats, from);
}

/**
 * descendingOrder's working arrays, kept between calls by a caller that sorts often (the order it returns is one of
 * them: read it before the next call).
 */
export class OrderScratch {
  order = new Uint32Array(0);
  next = new Uint32Array(0);
  values = new Float64Array(0);
  bits = new Uint32Array(0);
  hi = new Uint32Array(0);
  lo = new Uint32Array(0);
  nextHi = new Uint32Array(0);
  nextLo = new Uint32Array(0);
  readonly count = new Uint32Array(RADIX);

  /** Room for n scores (grown to twice what was asked before, so that growing is rare). */
  reserve(n: number): void {
    if (this.order.length >= n) return;
    const size = Math.max(n, 2 * this.order.length);
    this.order = new Uint32Array(size);
    this.next = new Uint32Array(size);
    this.values = new Float64Array(size);
    this.bits = new Uint32Array(this.values.buffer);
    this.hi = new Uint32Array(size);
    this.lo = new Uint32Array(size);
    this.nextHi = new Uint32Array(size);
    this.nextLo = new Uint32Array(size);
  }
}

const RADIX_BITS = 11;
const RADIX = 1 << RADIX_BITS;

/**
 * Lists of matched terms, interned: each list is a node whose parent is the list without its last term, so a
 * document's list is one integer and appending a term to it is a lookup. List 0 is the empty list.
 */
export class TermLists {
  readonly #names: readonly string[];
  readonly #parent: number[] = [-1];
  readonly #term: number[] = [-1];
  readonly #children = new Map<number, number>();
  readonly #merged = new Map<number, number>();
  readonly #strings: Array<string[] | undefined> = [];

  constructor(names: readonly string[]) {
    this.#names = names;
  }

  /** The last term of `list` (-1 for the empty list). */
  last(list: number): number {
    return this.#term[list];
  }

  /** The list holding term `term` alone. */
  single(term: number): number {
    return this.append(0, term);
  }

  has(list: number, term: number): boolean {
    for (let l = list; l > 0; l = this.#parent[l]) if (this.#term[l] === term) return true;
    return false;
  }

  /** `list` with `term` at its end, unless it has it already. */
  append(list: number, term: number): number {
    if (this.has(list, term)) return list;
    const key = list * 0x200000 + term;
    let child = this.#children.get(key);
    if (child === undefined) {
      child = this.#parent.length;
      this.#parent.push(list);
      this.#term.push(term);
      this.#children.set(key, child);
    }
    return child;
  }

  /** `a` followed by the terms of `b` that `a` lacks, in b's order. */
  merge(a: number, b: number): number {
    const key = a * 0x200000 + b;
    let out = this.#merged.get(key);
    if (out === undefined) {
      out = a;
      for (const t of this.#ids(b)) out = this.append(out, t);
      this.#merged.set(key, out);
    }
    return out;
  }

  #ids(list: number): number[] {
    const ids: number[] = [];
    for (let l = list; l > 0; l = this.#parent[l]) ids.push(this.#term[l]);
    return ids.reverse();
  }

  /** The list's terms in the order MiniSearch lists a result's terms (see asObjectKeys). Do not change the array. */
  terms(list: number): string[] {
    let s = this.#strings[list];
    if (!s) this.#strings[list] = s = asObjectKeys(this.#ids(list).map((t) => this.#names[t]));
    return s;
  }
}

/** What `TermIndex.match` finds: `length` documents, best first. */
export interface TermMatches {
  length: number;
  docs: Uint32Array;
  scores: Float64Array;
  /** Each document's matched terms, as a list id in `lists`. */
  termLists: Int32Array;
  lists: TermLists;
}

const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;
const isArrayIndex = (t: string) => ARRAY_INDEX.test(t) && Number(t) < 0xffffffff;

/**
 * Terms in the order `Object.keys` lists them when they are an object's keys, as MiniSearch's results list them:
 * integer-like terms ("2", "500") first, in numeric order, then the others in the order they were added.
 */
function asObjectKeys(terms: string[]): string[] {
  if (!terms.some(isArrayIndex)) return terms;
  const numbers = terms.filter(isArrayIndex).sort((a, b) => Number(a) - Number(b));
  return [...numbers, ...terms.filter((t) => !isArrayIndex(t))];
}

/** One query term's matches, in the order MiniSearch's result map holds them (room for every document). */
interface Entries {
  length: number;
  docs: Uint32Array;
  scores: Float64Array;
  lists: Int32Array;
}

function newEntries(docs: number): Entries {
  return { length: 0, docs: new Uint32Array(docs), scores: new Float64Array(docs), lists: new Int32Array(docs) };
}
