import { A, A_TEST, at, B, type StoreHandle } from './contract-kit';

export function endUsersContract(h: StoreHandle): void {
  describe('end users', () => {
    it('creates on first upsert with nulls for fields not given', async () => {
      const created = await h.store.endUsers.upsert(A, 'eu_1', { email: 'a@example.test' }, at(0));
      expect(created).toEqual({
        accountId: A.accountId, mode: A.mode, endUserId: 'eu_1', email: 'a@example.test', name: null,
        createdAt: at(0), updatedAt: at(0),
      });
      expect(await h.store.endUsers.get(A, 'eu_1')).toEqual(created);
    });

    it('overwrites only the fields given; null clears, undefined keeps', async () => {
      await h.store.endUsers.upsert(A, 'eu_1', { email: 'a@example.test', name: 'Ann' }, at(0));
      const renamed = await h.store.endUsers.upsert(A, 'eu_1', { name: 'Anna' }, at(10));
      expect(renamed).toMatchObject({ email: 'a@example.test', name: 'Anna', createdAt: at(0), updatedAt: at(10) });
      const cleared = await h.store.endUsers.upsert(A, 'eu_1', { email: null }, at(20));
      expect(cleared).toMatchObject({ email: null, name: 'Anna', createdAt: at(0), updatedAt: at(20) });
      expect(await h.store.endUsers.get(A, 'eu_1')).toEqual(cleared);
    });

    it('keeps the same end user id apart per account and mode', async () => {
      await h.store.endUsers.upsert(A, 'eu_1', { name: 'in A' }, at(0));
      await h.store.endUsers.upsert(A_TEST, 'eu_1', { name: 'in A test' }, at(0));
      expect(await h.store.endUsers.get(B, 'eu_1')).toBeNull();
      expect((await h.store.endUsers.get(A, 'eu_1'))?.name).toBe('in A');
      expect((await h.store.endUsers.get(A_TEST, 'eu_1'))?.name).toBe('in A test');
    });

    it('deletes within scope only', async () => {
      await h.store.endUsers.upsert(A, 'eu_1', {}, at(0));
      expect(await h.store.endUsers.delete(B, 'eu_1')).toBe(false);
      expect(await h.store.endUsers.delete(A_TEST, 'eu_1')).toBe(false);
      expect(await h.store.endUsers.get(A, 'eu_1')).not.toBeNull();
      expect(await h.store.endUsers.delete(A, 'eu_1')).toBe(true);
      expect(await h.store.endUsers.delete(A, 'eu_1')).toBe(false);
      expect(await h.store.endUsers.get(A, 'eu_1')).toBeNull();
    });
  });
}
