/** The assistant's conversations: stored, exported, imported with a merge and limits, and deleted with everything. */
import { beforeEach, expect, test } from 'vitest';
import { checkExport, IMPORT_LIMITS } from '../../../src/shared/export-format.ts';
import { appendTurn, getChat, listChats, setTurnFeedback } from '../../../src/storage/chats.ts';
import { exportData, importEverything } from '../../../src/storage/export.ts';
import { forgetEverything } from '../../../src/storage/forget.ts';
import { recordEvent } from '../../../src/storage/history.ts';
import { freshIndexedDb } from './helpers.ts';

beforeEach(freshIndexedDb);

test('a conversation is exported, and importing it merges by message', async () => {
  await appendTurn('c1', 'demo', { role: 'user', text: 'watches under 2000', items: [], feedback: null });
  const answer = await appendTurn('c1', 'demo', { role: 'assistant', text: '12 watches under ₹2,000.', items: ['p1', 'p2'], feedback: null });
  await setTurnFeedback('c1', answer.id, 1);
  await recordEvent('demo', { type: 'feedback', chat: 'c1', turn: answer.id, value: 1, items: ['p1', 'p2'] });
  const { file, leftOut } = await exportData();
  expect(leftOut).toEqual([]);
  expect(file.version).toBe(4);
  expect(file.chats[0].turns.map((t) => t.feedback)).toEqual([null, 1]);
  expect(file.events.find((e) => e.type === 'feedback')).toMatchObject({ chat: 'c1', value: 1, items: ['p1', 'p2'] });

  const text = JSON.stringify(file);
  await appendTurn('c1', 'demo', { role: 'user', text: 'cheaper ones?', items: [], feedback: null });
  const summary = await importEverything(text);
  expect(summary.chatTurns).toBe(0);
  expect((await getChat('c1'))!.turns.map((t) => t.text)).toEqual(['watches under 2000', '12 watches under ₹2,000.', 'cheaper ones?']);

  await forgetEverything();
  expect(await listChats()).toEqual([]);
  const again = await importEverything(text);
  expect(again.chatTurns).toBe(2);
  expect((await getChat('c1'))!.turns[1]).toMatchObject({ text: '12 watches under ₹2,000.', feedback: 1 });
});

test('limits and damaged conversations are refused with what is wrong', () => {
  const base = { format: 'aisle-export', version: 4, events: [], settings: {}, itemStats: [], checkpoints: [], reviews: [] };
  const turn = { id: 't', at: Date.UTC(2026, 0, 1), role: 'user', text: 'hi', items: [], feedback: null };
  const chat = { id: 'c', catalog: 'demo', startedAt: Date.UTC(2026, 0, 1), updatedAt: Date.UTC(2026, 0, 1), turns: [turn] };
  expect(() => checkExport({ ...base, chats: Array.from({ length: IMPORT_LIMITS.chats + 1 }, (_, i) => ({ ...chat, id: `c${i}` })) })).toThrow(/at most 1,000/);
  const { invalid, file } = checkExport({ ...base, chats: [chat, { ...chat, id: 'x', turns: [{ ...turn, role: 'robot' }] }, { ...chat, id: 'y', turns: [{ ...turn, text: 'x'.repeat(IMPORT_LIMITS.turnLength + 1) }] }, { ...chat, id: 'z', turns: [{ ...turn, feedback: 2 }] }] });
  expect(file.chats.map((c) => c.id)).toEqual(['c']);
  expect(invalid.map((i) => i.reason)).toEqual([
    expect.stringMatching(/neither the shopper nor the assistant/),
    expect.stringMatching(/over 4,000 characters/),
    expect.stringMatching(/invalid feedback/),
  ]);
  // Format 3 files (no chats) still import.
  expect(checkExport({ ...base, version: 3 }).file.chats).toEqual([]);
});
