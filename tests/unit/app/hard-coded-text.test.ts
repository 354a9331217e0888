/**
 * No visible English in the markup: every .svelte file under src/app is parsed with svelte/compiler and its text
 * nodes, the visible attributes (aria-label, title, placeholder, alt, …) and the string literals the template prints
 * are checked for Latin words. Text the shopper sees goes through the catalogs (src/app/i18n) instead. A few names
 * that are the same in every language (the brand, units of code) are allowed below.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'svelte/compiler';
import { describe, expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const VISIBLE_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'aria-roledescription', 'aria-placeholder', 'aria-valuetext', 'title', 'placeholder', 'alt', 'label']);
/** Words that are not translated: the brand and names of things shown as they are. */
const ALLOWED = /\b(Aisle|English|WebGPU|WebGL|wasm|WASM|SIMD|TF\.js|IndexedDB|JSON|CSV|NDCG@10|ms|MB|KB|GB)\b/g;

function svelteFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const at = join(dir, e.name);
    if (e.isDirectory()) return svelteFiles(at);
    return e.name.endsWith('.svelte') ? [at] : [];
  });
}

const english = (text: string): boolean => /[A-Za-z]{2,}/.test(text.replace(ALLOWED, ''));
/** A literal in a printed expression reads like words (a capital and lower case, or a space between words). */
const wordy = (text: string): boolean => english(text) && (/[a-z][a-z]*\s+[a-z]/i.test(text) || /^[A-Z][a-z]/.test(text.trim()));

type Node = { type?: string; start?: number; [k: string]: unknown };

/** Every piece of hard-coded English text in one component's markup, with its line. */
export function hardCodedText(source: string): Array<{ line: number; text: string }> {
  const ast = parse(source, { modern: true });
  const found: Array<{ line: number; text: string }> = [];
  const lineOf = (at: number) => source.slice(0, at).split('\n').length;
  const report = (node: Node, text: string) => found.push({ line: lineOf(node.start ?? 0), text: text.trim() });

  /** String literals and template text inside an expression that is printed or is a visible attribute. */
  function literals(node: unknown, test = wordy): void {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((x) => literals(x, test));
    const n = node as Node;
    if (n.type === 'Literal' && typeof n.value === 'string' && test(n.value)) report(n, n.value);
    if (n.type === 'TemplateElement') {
      const raw = (n.value as { cooked?: string }).cooked ?? '';
      if (test(raw)) report(n, raw);
    }
    // A key passed to a lookup (`t[key]`, `record['x']`) and a value compared with (`kind === 'review'`) are not text.
    const comparison = n.type === 'BinaryExpression' && ['===', '!==', '==', '!='].includes(String(n.operator));
    for (const [k, v] of Object.entries(n)) {
      if (k === 'property' && n.type === 'MemberExpression' && n.computed) continue;
      if (comparison && (v as Node | null)?.type === 'Literal') continue;
      literals(v, test);
    }
  }

  /** A visible attribute's text: all of it on elements; on a component, what reads like words (its props carry text). */
  function attribute(n: Node, onComponent: boolean): void {
    const name = String(n.name);
    const visible = VISIBLE_ATTRIBUTES.has(name);
    if (!visible && !onComponent) return;
    const test = visible ? english : wordy;
    const parts = Array.isArray(n.value) ? (n.value as Node[]) : n.value && typeof n.value === 'object' ? [n.value as Node] : [];
    for (const part of parts) {
      if (part.type === 'Text' && test(String(part.data))) report(part, String(part.data));
      if (part.type === 'ExpressionTag') literals(part.expression, test);
    }
  }

  function walk(node: unknown, onComponent = false): void {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((x) => walk(x, onComponent));
    const n = node as Node;
    if (n.type === 'Text' && typeof n.data === 'string' && english(n.data)) report(n, n.data);
    if (n.type === 'ExpressionTag') return literals(n.expression);
    if (n.type === 'Attribute') return attribute(n, onComponent);
    if (n.type === 'Component' || n.type === 'RegularElement' || n.type === 'SvelteElement' || n.type === 'SvelteComponent') {
      const component = n.type !== 'RegularElement' && n.type !== 'SvelteElement';
      walk(n.attributes, component);
      walk(n.fragment);
      return;
    }
    for (const [k, v] of Object.entries(n)) if (k !== 'instance' && k !== 'module' && k !== 'css' && k !== 'options') walk(v);
  }
  walk(ast.fragment);
  return found;
}

describe('no hard-coded English in components', () => {
  test('the checker finds text, visible attributes and printed literals, and lets keys and markup be', () => {
    const found = hardCodedText(
      `<script>let open = $state(false); const t = { a: 'x' };</script>
<p title="Close the cart">Add to cart</p>
<button aria-label={open ? 'Close menu' : t.a} title={t.a === 'Mode' ? t.a : 'Open it'}>{open ? 'Shown' : '…'}</button>
<img alt={\`\${t.a} (drawing)\`} src="x.png" />
<Shelf kind="for-you" title="Picked for you" empty={open ? 'Nothing yet' : ''} />
<span class={open ? 'is-open' : 'closed'} data-testid="cart-line">{t['some key']} Aisle · {3} ×</span>
<style>p { color: red }</style>`,
    );
    expect(found.map((f) => f.text)).toEqual(['Close the cart', 'Add to cart', 'Close menu', 'Open it', 'Shown', '(drawing)', 'Picked for you', 'Nothing yet']);
  });

  test('every component takes its text from the catalogs', () => {
    const problems = svelteFiles(join(ROOT, 'src/app')).flatMap((file) =>
      hardCodedText(readFileSync(file, 'utf8')).map((f) => `${relative(ROOT, file)}:${f.line}: ${JSON.stringify(f.text)}`),
    );
    expect(problems).toEqual([]);
  });
});
