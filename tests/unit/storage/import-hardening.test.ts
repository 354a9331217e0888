/**
 * Import files written to damage the shopper's own data (issue 10, finding 4), the merge rules, older formats, and
 * the property that export → import → export gives the same file, over generated data. Storage on fake-indexeddb;
 * reviews are moderated again by the real moderation engine in Node (the bundled classifier on onnxruntime-node).
 */
import fc from 'fast-check';
import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { loadCheckpoint, saveCheckpoint } from '../../../src/storage/checkpoints.ts';
import { getDb } from '../../../src/storage/db.ts';
import { exportData, exportEverything, importEverything, prepareImport } from '../../../src/storage/export.ts';
import { allEvents, appendEvents, completeEvent, countEvents } from '../../../src/storage/history.ts';
import { getSetting, setSetting } from '../../../src/storage/settings.ts';
import { EXPORT_VERSION, reviewModeration, type ExportedReview } from '../../../src/shared/export-format.ts';
import { MODERATION_PRESETS, moderateTexts } from '../../../workers/language/moderation/index.ts';
import { nodeClassifierLoader } from '../../../scripts/moderation/node-classifier.ts';
import { freshIndexedDb } from './helpers.ts';

const classifier = nodeClassifierLoader();
/** The language worker's moderate() with the review preset, in Node. */
const moderate = async (texts: string[]) => (await moderateTexts(texts, { classifier, config: MODERATION_PRESETS.review })).map(reviewModeration);

const NOW = Date.UTC(2026, 5, 1);
const T = NOW - 86_400_000;
const view = (id: string, extra: Record<string, unknown> = {}) => ({ id, type: 'view', at: T, catalog: 'cat', itemId: 'p1', ...extra });
const file = (parts: Record<string, unknown>) => JSON.stringify({ format: 'aisle-export', version: EXPORT_VERSION, exportedAt: '', events: [], settings: {}, ...parts });

beforeAll(async () => {
  await classifier.load();
}, 60_000);

beforeEach(async () => {
  await freshIndexedDb();
  await appendEvents([completeEvent('cat', { type: 'view', itemId: 'mine', at: T })]);
  await setSetting('cart', [{ itemId: 'mine', quantity: 2, addedAt: T }]);
});

async function refused(text: string, message: RegExp): Promise<void> {
  await expect(importEverything(text, { moderate, now: NOW })).rejects.toMatchObject({ name: 'InvalidFileError', message: expect.stringMatching(message) });
  // Nothing stored is lost.
  expect((await allEvents()).map((e) => (e as { itemId?: string }).itemId)).toEqual(['mine']);
  expect(await getSetting('cart')).toEqual([{ itemId: 'mine', quantity: 2, addedAt: T }]);
}

describe('absurd numbers and sizes are refused with the limit, and nothing stored is lost', () => {
  test.each([
    ['a dwell of 1e999 ms', file({ events: [view('d', { type: 'dwell', ms: 1e999 })] }).replace('null', '1e999'), /duration from 0 to 24 hours/],
    ['a negative price', file({ events: [view('p', { type: 'purchase', quantity: 1, price: -1e308, orderId: 'o' })] }), /impossible price/],
    ['a quantity of 1e308', file({ events: [view('q', { type: 'add-to-cart', quantity: 1e308 })] }), /quantity from 1 to 999/],
    ['a time of 1e300', file({ events: [view('t', { at: 1e300 })] }), /impossible time/],
    ['a 20 MB string', file({ events: [view('s', { type: 'search', query: 'x'.repeat(20 * 1024 * 1024), results: 1 })] }), /over 1000 characters/],
    ['200k cart lines', file({ settings: { cart: Array.from({ length: 200_000 }, (_, i) => ({ itemId: `i${i}`, quantity: 1, addedAt: T })) } }), /200,000 lines; a cart holds at most 200/],
    ['1M muted entries', file({ settings: { muted: Array.from({ length: 1_000_000 }, (_, i) => `brand:${i}`) } }), /at most 2,000 interests/],
    ['version 1.5', file({ version: 1.5 }), /not a whole number/],
    ['a non-finite weight', file({ checkpoints: [{ id: 'm', savedAt: T, config: {}, meta: {}, weights: [{ name: 'w', shape: [1], base64: Buffer.from(new Float32Array([Infinity]).buffer).toString('base64') }] }] }), /not a finite number/],
  ])('%s', async (_what, text, message) => {
    await refused(text, message);
  });

  test('the file itself: too many events names the limit', async () => {
    const plan = prepareImport(`{"format":"aisle-export","version":3,"settings":{},"events":[${Array(1_000_001).fill('0').join(',')}]}`, NOW);
    await expect(plan).rejects.toThrow(/1,000,001 events; Aisle imports at most 1,000,000/);
  });
});

describe('merge, never replace', () => {
  test('the cart is merged, a stored review is kept, a stored model is replaced only with the shopper\'s yes', async () => {
    const db = await getDb();
    const mine: ExportedReview = { id: 'r1', catalog: 'cat', itemId: 'p1', kind: 'review', text: 'Mine, as I wrote it.', rating: 5, at: T, moderation: { decision: 'allow', reasons: [] } };
    await db.put('reviews', mine);
    await saveCheckpoint({ id: 'personal:cat', savedAt: T, config: {}, meta: { mine: true }, weights: [{ name: 'w', shape: [1], data: new Float32Array([1]) }] });
    const theirs = file({
      settings: { cart: [{ itemId: 'mine', quantity: 1, addedAt: T - 5 }, { itemId: 'theirs', quantity: 3, addedAt: T }], personalised: true },
      reviews: [{ ...mine, text: 'Replaced by a file!' }],
      checkpoints: [{ id: 'personal:cat', savedAt: T + 1, config: {}, meta: { mine: false }, weights: [{ name: 'w', shape: [1], base64: Buffer.from(new Float32Array([2]).buffer).toString('base64') }] }],
    });
    const plan = await prepareImport(theirs, NOW);
    expect(plan.modelConflicts).toEqual([{ id: 'personal:cat', storedSavedAt: T, fileSavedAt: T + 1 }]);
    expect(plan.newReviews).toEqual([]);
    const summary = await importEverything(theirs, { moderate, now: NOW });
    expect(summary).toMatchObject({ modelsKept: 1, checkpoints: 0, reviews: 0, reviewsKnown: 1 });
    expect(await getSetting('cart')).toEqual([{ itemId: 'mine', quantity: 2, addedAt: T - 5 }, { itemId: 'theirs', quantity: 3, addedAt: T }]);
    expect((await db.get('reviews', 'r1'))!.text).toBe('Mine, as I wrote it.');
    expect((await loadCheckpoint('personal:cat'))!.meta).toEqual({ mine: true });
    await importEverything(theirs, { moderate, now: NOW, replaceModels: true });
    expect((await loadCheckpoint('personal:cat'))!.meta).toEqual({ mine: false });
  });

  test('an import never switches personalisation back on, and never takes a model host', async () => {
    await setSetting('personalised', false);
    const summary = await importEverything(file({ settings: { personalised: true, encoder: { id: 'x', source: 'remote', host: 'https://evil.example/', files: [] }, device: 'webgpu' } }), { now: NOW });
    expect(await getSetting('personalised')).toBe(false);
    expect(await getSetting('encoder')).toBeNull();
    expect(await getSetting('device')).toBe('auto');
    expect(summary.notes.join(' ')).toMatch(/evil\.example.*never takes a model host from a file/);
  });

  test('invalid entries can be left out when the shopper agrees; the valid ones are imported', async () => {
    const text = file({ events: [view('ok-1'), view('bad', { at: 1e300 }), view('ok-2')] });
    await expect(importEverything(text, { now: NOW })).rejects.toThrow(/events #2: has an impossible time.*Import it without them/);
    expect(await importEverything(text, { now: NOW, skipInvalid: true })).toMatchObject({ events: 2, leftOut: 1 });
  });
});

describe('imported reviews are moderated again', () => {
  test('a review with a phone number, an e-mail, an insult and a link is not posted, whatever the file claims', async () => {
    const hostile: ExportedReview = {
      id: 'h1', catalog: 'cat', itemId: 'p1', kind: 'review', rating: 5, at: T,
      text: 'You idiot seller. Call me on +91 98765 43210 or mail john.doe@gmail.com, better deals at http://cheap-deals.example/buy',
      moderation: { decision: 'allow', reasons: [] },
    };
    const fine: ExportedReview = { ...hostile, id: 'h2', text: 'Lovely colour and well made; it arrived in two days.' };
    const summary = await importEverything(file({ reviews: [hostile, fine] }), { moderate, now: NOW });
    expect(summary).toMatchObject({ reviews: 2, reviewsNotPosted: 1 });
    const stored = await (await getDb()).get('reviews', 'h1');
    expect(stored!.moderation.decision).toBe('block');
    expect(stored!.moderation.reasons.join(' ')).toMatch(/phone|e-mail|link/i);
    expect((await (await getDb()).get('reviews', 'h2'))!.moderation.decision).toBe('allow');
  });

  test('without a checker the reviews are held, not posted', async () => {
    const r: ExportedReview = { id: 'x', catalog: 'cat', itemId: 'p1', kind: 'question', rating: null, at: T, text: 'Does it fit a 15-inch laptop?', moderation: { decision: 'allow', reasons: [] } };
    await importEverything(file({ reviews: [r] }), { now: NOW });
    expect((await (await getDb()).get('reviews', 'x'))!.moderation.decision).toBe('hold');
  });
});

describe('older formats still import', () => {
  test('format 1 (no reviews) and format 2 (reviews, device settings)', async () => {
    const v1 = JSON.stringify({ format: 'aisle-export', version: 1, exportedAt: '2026-01-01T00:00:00.000Z', events: [view('v1')], settings: { personalised: true, historyCap: 5000, encoder: null, activeCatalog: 'file-abc' }, itemStats: [], checkpoints: [] });
    expect(await importEverything(v1, { now: NOW })).toMatchObject({ events: 1, settings: 2 });
    const v2 = JSON.stringify({
      format: 'aisle-export', version: 2, exportedAt: '', events: [view('v2')], settings: { muted: ['brand:X'], device: 'wasm', modelBackend: 'cpu' }, itemStats: [], checkpoints: [],
      reviews: [{ id: 'q', catalog: 'cat', itemId: 'p1', kind: 'question', text: 'Is it dishwasher safe?', rating: null, at: T, moderation: { decision: 'allow', reasons: [] } }],
    });
    expect(await importEverything(v2, { moderate, now: NOW })).toMatchObject({ events: 1, reviews: 1, reviewsNotPosted: 0 });
    expect(await getSetting('muted')).toEqual(['brand:X']);
    expect(await getSetting('activeCatalog')).toBeNull();
    expect(await getSetting('device')).toBe('auto');
  });
});

describe('export → import → export gives the same file', () => {
  test('an export holding damaged stored records (an old import\'s 1e999) leaves them out, and can be imported again', async () => {
    await appendEvents([{ ...completeEvent('cat', { type: 'dwell', itemId: 'p', ms: Infinity, at: T }) }]);
    const { file: exported, leftOut } = await exportData(NOW);
    expect(leftOut).toEqual([{ row: 2, field: 'events', reason: expect.stringMatching(/duration/) }]);
    await freshIndexedDb();
    expect(await importEverything(JSON.stringify(exported), { now: NOW })).toMatchObject({ events: 1, leftOut: 0 });
  });

  const time = fc.integer({ min: Date.UTC(2020, 0, 1), max: NOW });
  const id = fc.string({ minLength: 1, maxLength: 12 });
  const ctx = fc.option(fc.record({ page: fc.constantFrom('home', 'product'), source: fc.constantFrom('search', 'trending') }, { requiredKeys: [] }), { nil: undefined });
  const event = fc.oneof(
    fc.record({ type: fc.constant('view'), itemId: id }),
    fc.record({ type: fc.constant('dwell'), itemId: id, ms: fc.double({ min: 0, max: 86_400_000, noNaN: true }) }),
    fc.record({ type: fc.constant('search'), query: fc.string({ maxLength: 40 }), results: fc.nat(5000) }),
    fc.record({ type: fc.constantFrom('add-to-cart', 'remove-from-cart'), itemId: id, quantity: fc.integer({ min: 1, max: 99 }) }),
    fc.record({ type: fc.constant('purchase'), itemId: id, quantity: fc.integer({ min: 1, max: 99 }), price: fc.double({ min: 0, max: 1e6, noNaN: true }), orderId: id }),
    fc.record({ type: fc.constant('rate'), itemId: id, rating: fc.integer({ min: 1, max: 5 }) }),
    fc.record({ type: fc.constant('dismiss'), itemId: id, category: fc.option(fc.array(id, { minLength: 1, maxLength: 3 }), { nil: undefined }) }, { requiredKeys: ['type', 'itemId'] }),
  );
  const texts = ['Lovely colour, fits well.', 'Stopped working after a week.', 'Is it waterproof?', 'Price dropped from ₹2,499 to ₹1,999.', 'Call me on 9876543210'];
  const state = fc.record({
    events: fc.array(fc.tuple(event, time, ctx), { maxLength: 25 }),
    cart: fc.uniqueArray(fc.record({ itemId: id, quantity: fc.integer({ min: 1, max: 99 }), addedAt: time }), { maxLength: 5, selector: (l) => l.itemId }),
    muted: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 20 }), { maxLength: 5 }),
    budget: fc.option(fc.double({ min: 1, max: 1e6, noNaN: true }), { nil: null }),
    personalised: fc.boolean(),
    reviews: fc.uniqueArray(fc.record({ id, text: fc.constantFrom(...texts), question: fc.boolean(), rating: fc.integer({ min: 1, max: 5 }), at: time }), { maxLength: 3, selector: (r) => r.id }),
    weights: fc.array(fc.float({ noNaN: true, noDefaultInfinity: true }), { maxLength: 6 }),
  });

  test('for generated history, settings, reviews and models', async () => {
    await fc.assert(
      fc.asyncProperty(state, async (s) => {
        await freshIndexedDb();
        await appendEvents(s.events.map(([e, at, context]) => completeEvent('cat', { ...e, at, ...(context ? { context } : {}) } as never)));
        await setSetting('cart', s.cart);
        await setSetting('muted', s.muted);
        await setSetting('budget', s.budget);
        await setSetting('personalised', s.personalised);
        const checks = await moderate(s.reviews.map((r) => r.text));
        const db = await getDb();
        for (const [i, r] of s.reviews.entries()) {
          await db.put('reviews', { id: r.id, catalog: 'cat', itemId: 'p', kind: r.question ? 'question' : 'review', text: r.text, rating: r.question ? null : r.rating, at: r.at, moderation: checks[i] });
        }
        await saveCheckpoint({ id: 'personal:cat', savedAt: T, config: { d: s.weights.length }, meta: { personal: { lastSeq: 0 } }, weights: [{ name: 'w', shape: [s.weights.length], data: Float32Array.from(s.weights) }] });

        const first = await exportData(NOW);
        expect(first.leftOut).toEqual([]);
        const text = JSON.stringify(first.file);
        await freshIndexedDb();
        await importEverything(text, { moderate, now: NOW });
        const second = JSON.stringify((await exportData(NOW)).file);
        expect(second).toBe(text);
        expect(await countEvents()).toBe(s.events.length);
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});

test('the export names the current format', async () => {
  expect((await exportEverything()).version).toBe(EXPORT_VERSION);
});
