import type { ProviderWebhookDelivery } from '../provider-webhook-deliveries';
import { A_TEST, B, connection, type StoreHandle } from './contract-kit';

const at = (min: number): string => new Date(Date.UTC(2030, 0, 1, 0, min)).toISOString();

function delivery(id: string, over: Partial<ProviderWebhookDelivery> = {}): ProviderWebhookDelivery {
  return {
    id, provider: 'crm', mode: 'test', status: 'pending', attempts: 0, nextAttemptAt: at(0), leaseOwner: null, leaseExpiresAt: null,
    lastError: null, receivedAt: at(0), completedAt: null,
    changes: [{ providerAccountId: 'p1', resource: 'contacts', recordId: 'r1', change: 'updated', occurredAt: at(0), updatedAt: at(0) }], ...over,
  };
}

/** Provider webhook deliveries: stored once per id (a replay is nothing new), processed under a lease. */
export function providerWebhooksContract(h: StoreHandle): void {
  describe('provider webhook deliveries', () => {
    it('stores a delivery once: the same id again is refused and changes nothing', async () => {
      expect(await h.store.providerWebhooks.insertOnce(delivery('pwd_1'))).toBe(true);
      expect(await h.store.providerWebhooks.insertOnce(delivery('pwd_1', { changes: [] }))).toBe(false);
      expect(await h.store.providerWebhooks.get('pwd_1')).toEqual(delivery('pwd_1'));
      expect(await h.store.providerWebhooks.get('pwd_x')).toBeNull();
    });

    it('lists due deliveries with a free lease; one of racing claimers wins; an expired lease is taken over', async () => {
      await h.store.providerWebhooks.insertOnce(delivery('pwd_1'));
      await h.store.providerWebhooks.insertOnce(delivery('pwd_2', { nextAttemptAt: at(5), receivedAt: at(1) }));
      await h.store.providerWebhooks.insertOnce(delivery('pwd_3', { status: 'done' }));
      expect((await h.store.providerWebhooks.listDue(at(2), 10)).map((d) => d.id)).toEqual(['pwd_1']);
      const claims = await Promise.all(['A', 'B', 'C'].map((o) => h.store.providerWebhooks.claim('pwd_1', o, at(4), at(2))));
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect((await h.store.providerWebhooks.listDue(at(3), 10)).map((d) => d.id)).toEqual([]);
      expect((await h.store.providerWebhooks.listDue(at(6), 10)).map((d) => d.id)).toEqual(['pwd_1', 'pwd_2']);
      expect(await h.store.providerWebhooks.claim('pwd_1', 'Z', at(10), at(4))).toBe(true);
      expect(await h.store.providerWebhooks.claim('pwd_3', 'Z', at(10), at(4))).toBe(false);
    });

    it('finish and retry are the lease holder\'s only; finished deliveries are purged by age', async () => {
      await h.store.providerWebhooks.insertOnce(delivery('pwd_1'));
      await h.store.providerWebhooks.claim('pwd_1', 'A', at(4), at(1));
      await h.store.providerWebhooks.retryLater('pwd_1', 'B', at(9), 'nope');
      expect(await h.store.providerWebhooks.get('pwd_1')).toMatchObject({ attempts: 0, leaseOwner: 'A' });
      await h.store.providerWebhooks.retryLater('pwd_1', 'A', at(9), 'PROVIDER_UNAVAILABLE');
      expect(await h.store.providerWebhooks.get('pwd_1')).toMatchObject({ attempts: 1, nextAttemptAt: at(9), leaseOwner: null, lastError: 'PROVIDER_UNAVAILABLE' });
      await h.store.providerWebhooks.claim('pwd_1', 'C', at(12), at(9));
      await h.store.providerWebhooks.finish('pwd_1', 'A', 'done', at(10), null);
      expect((await h.store.providerWebhooks.get('pwd_1'))?.status).toBe('pending');
      await h.store.providerWebhooks.finish('pwd_1', 'C', 'done', at(10), null);
      expect(await h.store.providerWebhooks.get('pwd_1')).toMatchObject({ status: 'done', completedAt: at(10), leaseOwner: null });
      await h.store.providerWebhooks.insertOnce(delivery('pwd_2', { receivedAt: at(20) }));
      expect(await h.store.providerWebhooks.purgeFinished(at(30))).toBe(1);
      expect(await h.store.providerWebhooks.get('pwd_2')).not.toBeNull();
    });

    it('finds the active connections of a provider account in one mode, across accounts', async () => {
      await h.store.connections.create(connection(A_TEST, 'conn_1', { provider: 'crm', providerAccountId: 'p1' }));
      await h.store.connections.create(connection({ accountId: 'acc_b', mode: 'test' }, 'conn_2', { provider: 'crm', providerAccountId: 'p1' }));
      await h.store.connections.create(connection(A_TEST, 'conn_3', { provider: 'crm', providerAccountId: 'p1', endUserId: 'u9', status: 'needs_reauth' }));
      await h.store.connections.create(connection(B, 'conn_4', { provider: 'crm', providerAccountId: 'p1' }));
      await h.store.connections.create(connection(A_TEST, 'conn_5', { provider: 'crm', providerAccountId: 'p2', endUserId: 'u8' }));
      expect(await h.store.providerWebhooks.connectionIdsFor('test', 'crm', 'p1')).toEqual(['conn_1', 'conn_2']);
      expect(await h.store.providerWebhooks.connectionIdsFor('live', 'crm', 'p1')).toEqual(['conn_4']);
      expect(await h.store.providerWebhooks.connectionIdsFor('test', 'other', 'p1')).toEqual([]);
    });
  });
}
