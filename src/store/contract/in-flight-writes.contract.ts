import type { StoreHandle } from './contract-kit';

export function inFlightWritesContract(h: StoreHandle): void {
  describe('in-flight writes', () => {
    const at = (s: number): string => new Date(Date.UTC(2030, 0, 1, 0, 0, s)).toISOString();

    it('a write is under way for its connection and resource from begin to end, and not once its mark lapsed', async () => {
      const marks = h.store.inFlightWrites;
      await marks.begin({ id: 'w1', connectionId: 'conn_1', resource: 'meetings', expiresAt: at(60) });
      await marks.begin({ id: 'w2', connectionId: 'conn_1', resource: 'meetings', expiresAt: at(60) });
      expect(await marks.anyUnderWay('conn_1', 'meetings', at(1))).toBe(true);
      expect(await marks.anyUnderWay('conn_1', 'contacts', at(1))).toBe(false);
      expect(await marks.anyUnderWay('conn_2', 'meetings', at(1))).toBe(false);
      await marks.end('w1');
      expect(await marks.anyUnderWay('conn_1', 'meetings', at(1))).toBe(true);
      await marks.end('w2');
      expect(await marks.anyUnderWay('conn_1', 'meetings', at(1))).toBe(false);
      await marks.begin({ id: 'w3', connectionId: 'conn_1', resource: 'meetings', expiresAt: at(60) });
      expect(await marks.anyUnderWay('conn_1', 'meetings', at(60))).toBe(false);
      expect(await marks.purgeExpired(at(59))).toBe(0);
      expect(await marks.purgeExpired(at(60))).toBe(1);
      await marks.end('w3');
    });
  });
}
