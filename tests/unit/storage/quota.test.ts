/**
 * A full disk, through Aisle's own storage functions: fake-indexeddb is made to fail writes the way Chromium does
 * (a QuotaExceededError that aborts the transaction; tests/browser/quota.test.ts checks that shape against the real
 * engine). The write is reported as StorageFullError and nothing stored before is lost.
 */
import { afterEach, beforeEach, expect, test } from 'vitest';
import { IDBObjectStore as FDBObjectStore } from 'fake-indexeddb';
import { allEvents, recordEvent } from '../../../src/storage/history.ts';
import { getSetting, updateSetting } from '../../../src/storage/settings.ts';
import { freshIndexedDb } from './helpers.ts';

const realAdd = FDBObjectStore.prototype.add;
const realPut = FDBObjectStore.prototype.put;
let diskFull = false;

function failingWrite(real: typeof realAdd) {
  return function (this: IDBObjectStore, ...args: Parameters<typeof realAdd>) {
    const request = real.apply(this, args);
    if (!diskFull) return request;
    // As in Chromium: the write itself succeeds, then the transaction aborts at commit with QuotaExceededError.
    const tx = this.transaction;
    Object.defineProperty(tx, 'error', { get: () => new DOMException('', 'QuotaExceededError'), set: () => undefined, configurable: true });
    request.addEventListener('success', () => tx.abort());
    return request;
  };
}

beforeEach(async () => {
  await freshIndexedDb();
  diskFull = false;
  FDBObjectStore.prototype.add = failingWrite(realAdd);
  FDBObjectStore.prototype.put = failingWrite(realPut);
});
afterEach(() => {
  FDBObjectStore.prototype.add = realAdd;
  FDBObjectStore.prototype.put = realPut;
});

test('recording on a full disk throws StorageFullError with what to do; earlier events and settings stay', async () => {
  await recordEvent('cat', { type: 'view', itemId: 'a' });
  await updateSetting('cart', () => [{ itemId: 'a', quantity: 1, addedAt: 1 }]);
  diskFull = true;
  await expect(recordEvent('cat', { type: 'purchase', itemId: 'a', quantity: 1, price: 5, orderId: 'o' })).rejects.toMatchObject({
    name: 'StorageFullError',
    message: expect.stringMatching(/storage is full.*Nothing already saved was lost.*"Your data"/),
  });
  await expect(updateSetting('cart', () => [])).rejects.toMatchObject({ name: 'StorageFullError' });
  diskFull = false;
  expect((await allEvents()).map((e) => e.type)).toEqual(['view']);
  expect(await getSetting('cart')).toHaveLength(1);
  // Space freed: writing works again.
  await recordEvent('cat', { type: 'view', itemId: 'b' });
  expect(await allEvents()).toHaveLength(2);
});
