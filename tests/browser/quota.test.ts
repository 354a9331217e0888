/**
 * A real quota error from Chromium's IndexedDB. A Storage Bucket with a tiny quota makes the browser itself refuse a
 * write (DevTools' quota override has no effect in this Chromium), so this checks that Aisle recognises the error the
 * real engine raises, turns it into StorageFullError, and that the failed transaction left earlier data intact.
 */
import { expect, test } from 'vitest';
import { isQuotaError, withQuotaCheck } from '../../src/storage/quota.ts';

interface BucketManager {
  open(name: string, options?: { quota?: number }): Promise<{ indexedDB: IDBFactory }>;
  delete(name: string): Promise<void>;
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

test('a write over the quota fails as StorageFullError and rolls back only itself', async () => {
  const buckets = (navigator as Navigator & { storageBuckets?: BucketManager }).storageBuckets;
  expect(buckets, 'this Chromium has the Storage Buckets API').toBeDefined();
  await buckets!.delete('aisle-quota-test').catch(() => undefined);
  const bucket = await buckets!.open('aisle-quota-test', { quota: 64 * 1024 });
  const open = bucket.indexedDB.open('q', 1);
  open.onupgradeneeded = () => open.result.createObjectStore('s');
  const db = await request(open);

  const put = (key: string, size: number) =>
    new Promise<void>((resolve, reject) => {
      const tx = db.transaction('s', 'readwrite');
      tx.objectStore('s').put('x'.repeat(size), key);
      tx.oncomplete = () => resolve();
      tx.onabort = () => reject(tx.error);
      tx.onerror = (e) => e.preventDefault();
    });

  await put('small', 1000);
  // Chromium allows some slack over a bucket's quota, so keep writing until it refuses.
  let raw: unknown = null;
  const written = ['small'];
  for (let i = 0; i < 40 && raw === null; i++) {
    await put(`huge-${i}`, 1024 * 1024).then(
      () => written.push(`huge-${i}`),
      (err: unknown) => (raw = err),
    );
  }
  expect(raw, 'the browser refused a write').not.toBeNull();
  expect(isQuotaError(raw)).toBe(true);

  await expect(withQuotaCheck('this activity', () => put('huge-again', 1024 * 1024))).rejects.toMatchObject({
    name: 'StorageFullError',
    message: expect.stringMatching(/storage is full.*Nothing already saved was lost/),
  });
  const keys = await request(db.transaction('s').objectStore('s').getAllKeys());
  expect([...keys].sort()).toEqual(written.sort());
  db.close();
  await buckets!.delete('aisle-quota-test');
});
