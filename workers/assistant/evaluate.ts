/**
 * Scores the assistant's understanding on labelled requests (`{"text": "...", "expect": {...}}` per line): the
 * share of requests whose every expected key matches, per-key accuracy, and the failures. Keys: intent, category,
 * brand, color, price_min, price_max, sort, and faq (the question text of the FAQ entry that answers it). Pure.
 */
import { EMPTY_CONTEXT, type Understanding } from '../../src/shared/protocol/assistant.ts';
import type { PolicyIndex } from './policies.ts';
import type { Understander } from './understand.ts';

export const EXPECT_KEYS = ['intent', 'category', 'brand', 'color', 'price_min', 'price_max', 'sort', 'faq'] as const;
export type ExpectKey = (typeof EXPECT_KEYS)[number];

export interface LabelledRequest {
  text: string;
  expect: Partial<Record<ExpectKey, string | number>>;
}

export interface EvalFailure {
  text: string;
  key: ExpectKey;
  expected: string | number;
  got: string | number | null;
}

export interface EvalReport {
  accuracy: number;
  n: number;
  per_key: Partial<Record<ExpectKey, { accuracy: number; n: number }>>;
  failures: EvalFailure[];
}

/** Reads JSONL; throws with the line number of a bad line. */
export function parseLabelled(text: string, name = 'the data file'): LabelledRequest[] {
  const out: LabelledRequest[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      throw new Error(`Line ${i + 1} of ${name} is not JSON. Each line must be {"text": "...", "expect": {...}}.`);
    }
    const r = row as LabelledRequest;
    if (typeof r?.text !== 'string' || !r.expect || typeof r.expect !== 'object') throw new Error(`Line ${i + 1} of ${name} needs "text" (a string) and "expect" (an object).`);
    for (const k of Object.keys(r.expect)) if (!(EXPECT_KEYS as readonly string[]).includes(k)) throw new Error(`Line ${i + 1} of ${name} expects an unknown key "${k}"; known keys: ${EXPECT_KEYS.join(', ')}.`);
    out.push(r);
  });
  return out;
}

const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');

function got(key: ExpectKey, u: Understanding, text: string, policies: PolicyIndex | null): string | number | null {
  const c = u.constraints;
  switch (key) {
    case 'intent':
      return u.intent;
    case 'category':
      return c.category ?? null;
    case 'brand':
      return c.brand ?? null;
    case 'color':
      return c.color ?? null;
    case 'price_min':
      return c.priceMin ?? null;
    case 'price_max':
      return c.priceMax ?? null;
    case 'sort':
      return c.sort ?? null;
    case 'faq':
      return policies?.search(text, 1)[0]?.entry.question ?? null;
  }
}

export function evaluate(rows: LabelledRequest[], understander: Understander, policies: PolicyIndex | null): EvalReport {
  const perKey = new Map<ExpectKey, { ok: number; n: number }>();
  const failures: EvalFailure[] = [];
  let full = 0;
  for (const row of rows) {
    const u = understander.understand(row.text, EMPTY_CONTEXT);
    let all = true;
    for (const [key, expected] of Object.entries(row.expect) as Array<[ExpectKey, string | number]>) {
      const value = got(key, u, row.text, policies);
      const ok = typeof expected === 'number' ? value === expected : typeof value === 'string' && norm(value) === norm(String(expected));
      const k = perKey.get(key) ?? { ok: 0, n: 0 };
      k.n++;
      if (ok) k.ok++;
      else {
        all = false;
        failures.push({ text: row.text, key, expected, got: value });
      }
      perKey.set(key, k);
    }
    if (all) full++;
  }
  const per_key: EvalReport['per_key'] = {};
  for (const key of EXPECT_KEYS) {
    const k = perKey.get(key);
    if (k) per_key[key] = { accuracy: k.ok / k.n, n: k.n };
  }
  return { accuracy: rows.length ? full / rows.length : 0, n: rows.length, per_key, failures };
}
