import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { A, connection, webhook } from '../contract/contract-kit';
import { createSqliteStore } from './sqlite-store';

describe('sqlite re-sealing', () => {
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'gateway-reseal-')); });
  afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

  it('is all or nothing per table: one value that cannot be opened leaves every row as it was', async () => {
    const store = createSqliteStore({ file: join(dir, 'atomic.sqlite') });
    try {
      await store.connections.create(connection(A, 'conn_1', { credentials: 'old:a' }));
      await store.connections.create(connection(A, 'conn_2', { credentials: 'foreign:b' }));
      await store.connections.create(connection(A, 'conn_3', { credentials: 'old:c' }));
      await store.webhooks.create(webhook(A, 'wh_1', { secret: 'old:s' }));
      const reseal = (s: string): string => {
        if (!s.startsWith('old:')) throw new Error('no key opens it');
        return `new:${s.slice(4)}`;
      };
      await expect(store.connections.resealAll(reseal)).rejects.toThrow('no key opens it');
      const after = await store.connections.list(A, {}, 10);
      expect(after.map((c) => c.credentials)).toEqual(['old:a', 'foreign:b', 'old:c']);
      // Other tables are their own step.
      expect(await store.webhooks.resealAll(reseal)).toBe(1);
    } finally {
      await store.close();
    }
  });
});
