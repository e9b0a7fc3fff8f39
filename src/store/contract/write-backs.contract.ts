import type { WriteBack } from '../types';
import type { StoreHandle } from './contract-kit';

const at = (min: number): string => new Date(Date.UTC(2030, 0, 1, 0, min)).toISOString();

function writeBack(id: string, over: Partial<WriteBack> = {}): WriteBack {
  return {
    id, accountId: 'acc_a', mode: 'test', bookingKey: `conn_s|mtg_${id}`, crmProvider: 'crm', endUserId: 'u1', plan: '{}',
    status: 'pending', attempts: 0, nextAttemptAt: at(0), leaseOwner: null, leaseExpiresAt: null, leadId: null, crmMeetingId: null,
    crmMeeting: null, lastError: null, createdAt: at(0), deadlineAt: at(24 * 60), completedAt: null, ...over,
  };
}

/** Route-and-book write-backs: one per booking, leased, the created ids recorded once. */
export function writeBacksContract(h: StoreHandle): void {
  describe('write-backs', () => {
    it('keeps one write-back per booking: a second for the same booking answers the first', async () => {
      const first = await h.store.writeBacks.createOnce(writeBack('wb_1'));
      expect(first.created).toBe(true);
      const again = await Promise.all([h.store.writeBacks.createOnce(writeBack('wb_2', { bookingKey: 'conn_s|mtg_wb_1' })),
        h.store.writeBacks.createOnce(writeBack('wb_3', { bookingKey: 'conn_s|mtg_wb_1' }))]);
      expect(again.map((r) => r.created)).toEqual([false, false]);
      expect(again.map((r) => r.writeBack.id)).toEqual(['wb_1', 'wb_1']);
      expect(await h.store.writeBacks.get('wb_1')).toEqual(writeBack('wb_1'));
      expect(await h.store.writeBacks.get('wb_2')).toBeNull();
    });

    it('lists pending rows due with a free lease; one of racing claimers wins; an expired lease is taken over', async () => {
      await h.store.writeBacks.createOnce(writeBack('wb_1', { nextAttemptAt: at(1) }));
      await h.store.writeBacks.createOnce(writeBack('wb_2', { nextAttemptAt: at(5) }));
      await h.store.writeBacks.createOnce(writeBack('wb_3', { status: 'done', crmMeetingId: 'm' }));
      expect((await h.store.writeBacks.listDue(at(2), at(2), 10)).map((w) => w.id)).toEqual(['wb_1']);
      expect((await h.store.writeBacks.listDue(at(9), at(2), 10)).map((w) => w.id)).toEqual(['wb_1', 'wb_2']);
      const claims = await Promise.all(['A', 'B', 'C'].map((o) => h.store.writeBacks.claim('wb_1', o, at(4), at(2))));
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect((await h.store.writeBacks.listDue(at(9), at(3), 10)).map((w) => w.id)).toEqual(['wb_2']);
      expect(await h.store.writeBacks.claim('wb_1', 'Z', at(10), at(4))).toBe(true);
      expect(await h.store.writeBacks.claim('wb_3', 'Z', at(10), at(4))).toBe(false);
    });

    it('records a created lead and a created meeting once', async () => {
      await h.store.writeBacks.createOnce(writeBack('wb_1'));
      expect(await h.store.writeBacks.setLeadId('wb_1', 'lead_1')).toBe('lead_1');
      expect(await h.store.writeBacks.setLeadId('wb_1', 'lead_2')).toBe('lead_1');
      expect(await h.store.writeBacks.complete('wb_1', 'm_1', '{"id":"m_1"}', at(3))).toBe(true);
      expect(await h.store.writeBacks.complete('wb_1', 'm_2', '{"id":"m_2"}', at(4))).toBe(false);
      expect(await h.store.writeBacks.get('wb_1')).toMatchObject({ status: 'done', crmMeetingId: 'm_1', completedAt: at(3), leadId: 'lead_1' });
    });

    it('a failed attempt by the lease holder is counted, rescheduled and released; by anyone else it changes nothing', async () => {
      await h.store.writeBacks.createOnce(writeBack('wb_1'));
      await h.store.writeBacks.claim('wb_1', 'A', at(5), at(1));
      await h.store.writeBacks.failAttempt('wb_1', 'B', { lastError: 'x', nextAttemptAt: at(9), status: 'pending' });
      expect(await h.store.writeBacks.get('wb_1')).toMatchObject({ attempts: 0, leaseOwner: 'A' });
      await h.store.writeBacks.failAttempt('wb_1', 'A', { lastError: 'PROVIDER_UNAVAILABLE', nextAttemptAt: at(9), status: 'pending' });
      expect(await h.store.writeBacks.get('wb_1')).toMatchObject({
        attempts: 1, lastError: 'PROVIDER_UNAVAILABLE', nextAttemptAt: at(9), leaseOwner: null, leaseExpiresAt: null, status: 'pending',
      });
      await h.store.writeBacks.claim('wb_1', 'A', at(12), at(10));
      await h.store.writeBacks.failAttempt('wb_1', 'A', { lastError: 'gone', nextAttemptAt: at(11), status: 'failed' });
      expect(await h.store.writeBacks.listDue(at(99), at(99), 10)).toEqual([]);
    });
  });
}
