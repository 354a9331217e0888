import { expect, test } from 'vitest';
test('indexeddb exists', () => { expect(typeof indexedDB.open).toBe('function'); });
