import type { FieldMapping, Scope } from '../types';
import { A, A_TEST, at, B, type StoreHandle } from './contract-kit';

const mapping = (scope: Scope, provider: string, resource: string, mappings: Record<string, string>, seconds = 0): FieldMapping => ({
  accountId: scope.accountId, mode: scope.mode, provider, resource, mappings, updatedAt: at(seconds),
});

export function fieldMappingsContract(h: StoreHandle): void {
  describe('field mappings', () => {
    it('puts, gets and replaces the whole mapping', async () => {
      const first = mapping(A, 'prov_x', 'contacts', { industry: 'industry__c', tier: 'tier__c' });
      expect(await h.store.fieldMappings.put(first)).toEqual(first);
      expect(await h.store.fieldMappings.get(A, 'prov_x', 'contacts')).toEqual(first);
      const second = mapping(A, 'prov_x', 'contacts', { size: 'size__c' }, 5);
      expect(await h.store.fieldMappings.put(second)).toEqual(second);
      expect(await h.store.fieldMappings.get(A, 'prov_x', 'contacts')).toEqual(second);
      expect(await h.store.fieldMappings.get(A, 'prov_x', 'leads')).toBeNull();
    });

    it('lists within scope ordered by provider then resource', async () => {
      await h.store.fieldMappings.put(mapping(A, 'prov_y', 'contacts', {}));
      await h.store.fieldMappings.put(mapping(A, 'prov_x', 'leads', {}));
      await h.store.fieldMappings.put(mapping(A, 'prov_x', 'contacts', {}));
      await h.store.fieldMappings.put(mapping(A_TEST, 'prov_x', 'meetings', {}));
      await h.store.fieldMappings.put(mapping(B, 'prov_x', 'meetings', {}));
      const listed = await h.store.fieldMappings.list(A);
      expect(listed.map((m) => `${m.provider}/${m.resource}`)).toEqual(['prov_x/contacts', 'prov_x/leads', 'prov_y/contacts']);
      expect(await h.store.fieldMappings.get(B, 'prov_x', 'contacts')).toBeNull();
      expect(await h.store.fieldMappings.list({ accountId: 'acc_none', mode: 'live' })).toEqual([]);
    });

    it('deletes within scope only', async () => {
      await h.store.fieldMappings.put(mapping(A, 'prov_x', 'contacts', { a: 'b' }));
      expect(await h.store.fieldMappings.delete(B, 'prov_x', 'contacts')).toBe(false);
      expect(await h.store.fieldMappings.delete(A_TEST, 'prov_x', 'contacts')).toBe(false);
      expect(await h.store.fieldMappings.delete(A, 'prov_x', 'contacts')).toBe(true);
      expect(await h.store.fieldMappings.delete(A, 'prov_x', 'contacts')).toBe(false);
      expect(await h.store.fieldMappings.get(A, 'prov_x', 'contacts')).toBeNull();
    });
  });
}
