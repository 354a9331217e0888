/**
 * Imported conversations are moderated again (issue 14, safety): with the real moderation engine and classifier,
 * an abusive or personal message is stored marked held, its text kept (and exported), never lost; a clean one is
 * not marked; a file's own marks are not taken; without a check, new messages are held as not checked.
 */
import { beforeAll, beforeEach, expect, test } from 'vitest';
import { loadNodeClassifier } from '../../../scripts/moderation/node-classifier.ts';
import { importedTurnVerdict } from '../../../src/shared/answer-moderation.ts';
import type { ExportedChatTurn } from '../../../src/shared/export-format.ts';
import type { ModerationConfigInput } from '../../../src/shared/moderation.ts';
import { appendTurn, getChat } from '../../../src/storage/chats.ts';
import { exportData, importEverything, type ChatTurnCheck } from '../../../src/storage/export.ts';
import { MODERATION_PRESETS, moderateTexts, type TextClassifier } from '../../../workers/language/moderation/index.ts';
import { freshIndexedDb } from './helpers.ts';

let classifier: TextClassifier;
beforeAll(async () => {
  classifier = await loadNodeClassifier();
});
beforeEach(freshIndexedDb);

/** What Your data does on import: the chat preset, judged as the live chat judges. */
async function moderateChats(turns: ExportedChatTurn[]): Promise<ChatTurnCheck[]> {
  const results = await moderateTexts(turns.map((t) => t.text), { classifier, config: MODERATION_PRESETS.chat as ModerationConfigInput });
  return turns.map((t, i) => importedTurnVerdict(t.role, results[i]));
}

const at = Date.UTC(2026, 10, 1);
const turn = (id: string, role: 'user' | 'assistant', text: string, extra: object = {}) => ({ id, at, role, text, items: [], feedback: null, ...extra });
const file = (turns: object[]) =>
  JSON.stringify({ format: 'aisle-export', version: 4, exportedAt: '', events: [], settings: {}, itemStats: [], checkpoints: [], reviews: [], chats: [{ id: 'c1', catalog: 'demo', startedAt: at, updatedAt: at, turns }] });

test('abusive and personal messages are held on import, kept with their text, and exported again', async () => {
  const text = file([
    turn('t1', 'user', 'show me watches under 2000'),
    turn('t2', 'assistant', 'I found 12 watches up to ₹2,000.'),
    turn('t3', 'user', 'you stupid worthless idiot, answer me'),
    turn('t4', 'user', 'my card is 4111 1111 1111 1111, call me on 98765 43210'),
    // A file's own mark is not taken: this clean message is checked again and shown.
    turn('t5', 'user', 'thanks, that helps', { held: { categories: ['toxic'] } }),
  ]);
  const summary = await importEverything(text, { moderateChats });
  expect(summary.chatTurns).toBe(5);
  expect(summary.chatTurnsHeld).toBe(2);
  const turns = (await getChat('c1'))!.turns;
  expect(turns.map((t) => t.text)).toEqual(['show me watches under 2000', 'I found 12 watches up to ₹2,000.', 'you stupid worthless idiot, answer me', 'my card is 4111 1111 1111 1111, call me on 98765 43210', 'thanks, that helps']);
  expect(turns.map((t) => !!t.held)).toEqual([false, false, true, true, false]);
  expect(turns[2].held!.categories.some((c) => c === 'toxic' || c === 'hate')).toBe(true);
  expect(turns[3].held!.categories).toContain('personal-data');
  const { file: exported } = await exportData();
  expect(exported.chats[0].turns.filter((t) => t.held).map((t) => t.id)).toEqual(['t3', 't4']);
});

test("messages already on this device keep their own state; new ones without a check are held as not checked", async () => {
  const here = await appendTurn('c1', 'demo', { role: 'user', text: 'rings under 5000', items: [], feedback: null });
  const summary = await importEverything(file([turn(here.id, 'user', 'rings under 5000'), turn('n1', 'assistant', 'I found 30 rings up to ₹5,000.')]));
  expect(summary.chatTurns).toBe(1);
  expect(summary.chatTurnsHeld).toBe(1);
  const turns = (await getChat('c1'))!.turns;
  expect(turns.find((t) => t.id === here.id)!.held).toBeUndefined();
  expect(turns.find((t) => t.id === 'n1')!.held).toEqual({ categories: [] });
});
