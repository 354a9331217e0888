/**
 * The assistant's conversations, kept on this device only (store `chats`, v5): the shopper's messages and the answers
 * as they were shown, with the products each answer showed and the shopper's thumbs. Exported, imported (merged by
 * conversation and message) and deleted with everything else.
 */
import type { ExportedChatTurn } from '../shared/export-format.ts';
import { IMPORT_LIMITS } from '../shared/export-format.ts';
import { ChangeKind, announce } from './changes.ts';
import { getDb, type ChatRecord } from './db.ts';
import { randomId } from './history.ts';
import { withQuotaCheck } from './quota.ts';

export type { ChatRecord };
export type ChatTurn = ExportedChatTurn;

/** Conversations, newest first. */
export async function listChats(limit = 50): Promise<ChatRecord[]> {
  const db = await getDb();
  const all = await db.getAllFromIndex('chats', 'by-updated');
  return all.reverse().slice(0, limit);
}

export async function getChat(id: string): Promise<ChatRecord | undefined> {
  return (await getDb()).get('chats', id);
}

export function newChatId(): string {
  return randomId();
}

/**
 * Appends a message to a conversation (created on its first message), in one read-modify-write transaction. The
 * oldest messages go once a conversation holds the most the export allows. Returns the stored message.
 */
export async function appendTurn(chatId: string, catalog: string, turn: Omit<ChatTurn, 'id' | 'at'> & { at?: number }): Promise<ChatTurn> {
  const stored: ChatTurn = { id: randomId(), at: turn.at ?? Date.now(), role: turn.role, text: turn.text.slice(0, IMPORT_LIMITS.turnLength), items: turn.items.slice(0, IMPORT_LIMITS.feedbackItems), feedback: turn.feedback };
  const db = await getDb();
  await withQuotaCheck('your conversation', async () => {
    const tx = db.transaction('chats', 'readwrite');
    const chat = (await tx.store.get(chatId)) ?? { id: chatId, catalog, startedAt: stored.at, updatedAt: stored.at, turns: [] };
    chat.turns = [...chat.turns, stored].slice(-IMPORT_LIMITS.turnsPerChat);
    chat.updatedAt = stored.at;
    await tx.store.put(chat);
    await tx.done;
  });
  announce({ kind: ChangeKind.Chats, chatId });
  return stored;
}

/** Records the shopper's thumbs on one answer. */
export async function setTurnFeedback(chatId: string, turnId: string, feedback: 1 | -1 | null): Promise<void> {
  const db = await getDb();
  await withQuotaCheck('your feedback', async () => {
    const tx = db.transaction('chats', 'readwrite');
    const chat = await tx.store.get(chatId);
    if (chat) {
      chat.turns = chat.turns.map((t) => (t.id === turnId ? { ...t, feedback } : t));
      await tx.store.put(chat);
    }
    await tx.done;
  });
  announce({ kind: ChangeKind.Chats, chatId });
}

export async function deleteChat(id: string): Promise<void> {
  await (await getDb()).delete('chats', id);
  announce({ kind: ChangeKind.Chats, chatId: id });
}

/** Every conversation, for the export. */
export async function allChats(): Promise<ChatRecord[]> {
  return (await getDb()).getAll('chats');
}
