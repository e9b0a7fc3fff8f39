import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, SQLITE_FILE_NAME } from './index';

describe('openStore', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'gateway-open-'));
  });
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('opens the embedded sqlite file under dataDir, creating the directory', async () => {
    const dataDir = join(root, 'nested', 'data');
    const store = await openStore({ dataDir });
    try {
      expect(store.kind).toBe('sqlite');
      expect(existsSync(join(dataDir, SQLITE_FILE_NAME))).toBe(true);
      await expect(store.ping()).resolves.toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('treats an empty MONGODB_URI as unset', async () => {
    const store = await openStore({ mongodbUri: '', dataDir: join(root, 'empty-uri') });
    await store.close();
    expect(store.kind).toBe('sqlite');
  });
});
