/** Model checkpoints in IndexedDB: what the recommender worker saves while it trains and loads to resume. */
import { getDb, type CheckpointRecord } from './db.ts';
import { withQuotaCheck } from './quota.ts';

export type { CheckpointRecord };

export async function saveCheckpoint(record: CheckpointRecord): Promise<void> {
  const db = await getDb();
  await withQuotaCheck('the model checkpoint', () => db.put('checkpoints', record));
}

export async function loadCheckpoint(id: string): Promise<CheckpointRecord | undefined> {
  return (await getDb()).get('checkpoints', id);
}

/** The two calls a model session needs, as one object (the recommender worker's sessions save and load through it). */
export const checkpointStore = { save: saveCheckpoint, load: loadCheckpoint, remove: deleteCheckpoint };

export async function deleteCheckpoint(id: string): Promise<void> {
  await (await getDb()).delete('checkpoints', id);
}

/** Ids, times and meta of every checkpoint, without the weights. */
export async function listCheckpoints(): Promise<Array<Omit<CheckpointRecord, 'weights'> & { bytes: number }>> {
  const all = await (await getDb()).getAll('checkpoints');
  return all.map(({ weights, ...rest }) => ({ ...rest, bytes: weights.reduce((n, w) => n + w.data.byteLength, 0) }));
}
