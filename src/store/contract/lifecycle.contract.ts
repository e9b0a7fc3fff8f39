import type { StoreHandle } from './contract-kit';

export function lifecycleContract(h: StoreHandle): void {
  describe('lifecycle', () => {
    it('answers ping while open and rejects it once closed; close is idempotent', async () => {
      expect(['sqlite', 'mongo']).toContain(h.store.kind);
      await expect(h.store.ping()).resolves.toBeUndefined();
      await h.store.close();
      await expect(h.store.ping()).rejects.toThrow();
      await expect(h.store.close()).resolves.toBeUndefined();
    });
  });
}
