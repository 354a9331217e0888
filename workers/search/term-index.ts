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

  get documentCount(): number {
    return this.#data.docs;
  }

  /**
   * The documents matching every query term (AND), best first, as MiniSearch's `search(query, { combineWith: 'AND' })`
   * finds and orders them. `queryTerms` are the query's processed terms.
   */
  search(queryTerms: string[], options: TermSearchOptions): TermHit[] {
    if (!queryTerms.length) return [];
    let combined: Entries | null = null;
    const sources = new Set<string>();
    for (let i = 0; i < queryTerms.length; i++) {
      const term = queryTerms[i];
      sources.add(term);
      const fuzzy = typeof options.fuzzy === 'function' ? options.fuzzy(term, i, queryTerms) : (options.fuzzy ?? false);
      const prefix = typeof options.prefix === 'function' ? options.prefix(term, i, queryTerms) : options.prefix === true;
      const entries = this.#termResults(term, fuzzy, prefix, options.boost);
      combined = combined ? and(combined, entries) : entries;
      if (combined.docs.length === 0) return [];
    }
    const quality = sources.size || 1;
    const hits: TermHit[] = [];
    const { docs, scores, terms } = combined!;
    for (let k = 0; k < docs.length; k++) {
      if (options.filter && !options.filter(docs[k])) continue;
      hits.push({ doc: docs[k], score: scores[k] * quality, terms: asObjectKeys(terms[k]) });
    }
    hits.sort((a, b) => b.score - a.score);
    return hits;
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
  #termResults(term: string, fuzzy: number | false, prefix: boolean, boost: readonly number[]): Entries {
    const generation = ++this.#generation;
    if (generation === 0xffffffff) {
      this.#stamp.fill(0);
      this.#generation = 1;
    }
    const entries: Entries = { docs: [], scores: [], terms: [] };
    const exact = this.#tree.get(term);
    if (exact !== undefined) this.#accumulate(exact, term, 1, boost, entries);
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
        this.#accumulate(id, t, (PREFIX_WEIGHT * t.length) / (t.length + 0.3 * distance), boost, entries);
      }
    }
    if (fuzzyMatches) {
      for (const [t, [id, distance]] of fuzzyMatches) {
        if (!distance) continue;
        this.#accumulate(id, t, (FUZZY_WEIGHT * t.length) / (t.length + distance), boost, entries);
      }
    }
    return entries;
  }

  #accumulate(id: number, derived: string, weight: number, boost: readonly number[], entries: Entries): void {
    const { fields, docs: total, offsets, postingDocs, postingFreqs, fieldLengths, averageFieldLengths } = this.#data;
    const stamp = this.#stamp;
    const slot = this.#slot;
    const generation = this.#generation;
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
          entries.scores[k] += score;
          const terms = entries.terms[k];
          if (terms[terms.length - 1] !== derived && !terms.includes(derived)) terms.push(derived);
        } else {
          stamp[doc] = generation;
          slot[doc] = entries.docs.length;
          entries.docs.push(doc);
          entries.scores.push(score);
          entries.terms.push([derived]);
        }
      }
    }
  }
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

/** One query term's matches, in the order MiniSearch's result map holds them. */
interface Entries {
  docs: number[];
  scores: number[];
  terms: string[][];
}

/** MiniSearch's AND: the documents of `b` (in b's order) that `a` has too, scores added, matched terms merged. */
function and(a: Entries, b: Entries): Entries {
  const at = new Map<number, number>();
  a.docs.forEach((doc, k) => at.set(doc, k));
  const out: Entries = { docs: [], scores: [], terms: [] };
  for (let k = 0; k < b.docs.length; k++) {
    const j = at.get(b.docs[k]);
    if (j === undefined) continue;
    const terms = a.terms[j];
    for (const t of b.terms[k]) if (!terms.includes(t)) terms.push(t);
    out.docs.push(b.docs[k]);
    out.scores.push(a.scores[j] + b.scores[k]);
    out.terms.push(terms);
  }
  return out;
}
