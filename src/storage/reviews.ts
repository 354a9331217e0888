/** Reviews and questions the shopper posted, after moderation. Stored on this device only. */
import { ChangeKind, announce } from './changes.ts';
import { getDb, type ReviewRecord } from './db.ts';
import { randomId } from './history.ts';
import { withQuotaCheck } from './quota.ts';

export type { ReviewRecord };

export async function saveReview(review: Omit<ReviewRecord, 'id' | 'at'>): Promise<ReviewRecord> {
  const record: ReviewRecord = { ...review, id: randomId(), at: Date.now() };
  const db = await getDb();
  await withQuotaCheck('your review', () => db.put('reviews', record));
  announce({ kind: ChangeKind.Reviews, itemId: record.itemId });
  return record;
}

export async function reviewsFor(catalog: string, itemId: string): Promise<ReviewRecord[]> {
  const all = await (await getDb()).getAllFromIndex('reviews', 'by-item', [catalog, itemId]);
  return all.sort((a, b) => b.at - a.at);
}
