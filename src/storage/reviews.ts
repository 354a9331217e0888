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

/** Records a new check of a stored review (an imported one that could not be checked before). */
export async function setReviewModeration(id: string, moderation: ReviewRecord['moderation']): Promise<void> {
  const db = await getDb();
  await withQuotaCheck('your review', async () => {
    const tx = db.transaction('reviews', 'readwrite');
    const r = await tx.store.get(id);
    if (r) await tx.store.put({ ...r, moderation });
    await tx.done;
  });
  announce({ kind: ChangeKind.Reviews, itemId: '' });
}

export async function reviewsFor(catalog: string, itemId: string): Promise<ReviewRecord[]> {
  const all = await (await getDb()).getAllFromIndex('reviews', 'by-item', [catalog, itemId]);
  return all.sort((a, b) => b.at - a.at);
}
