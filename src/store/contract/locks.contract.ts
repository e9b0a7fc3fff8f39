import type { StoreHandle } from './contract-kit';

/** The lock lease runs on Date.now() (the port passes no time), so the clock is mocked. */
function mockClock(start: number): { advance(ms: number): void } {
  let now = start;
  jest.spyOn(Date, 'now').mockImplementation(() => now);
  return { advance: (ms) => { now += ms; } };
}

export function locksContract(h: StoreHandle): void {
  describe('locks', () => {
    afterEach(() => jest.restoreAllMocks());

    it('is held by one owner at a time; the owner may re-acquire', async () => {
      mockClock(Date.UTC(2030, 0, 1));
      expect(await h.store.locks.acquire('refresh:conn_1', 'A', 30_000)).toBe(true);
      expect(await h.store.locks.acquire('refresh:conn_1', 'B', 30_000)).toBe(false);
      expect(await h.store.locks.acquire('refresh:conn_1', 'A', 30_000)).toBe(true);
      expect(await h.store.locks.acquire('refresh:conn_2', 'B', 30_000)).toBe(true);
    });

    it('lets only one of racing owners in', async () => {
      const results = await Promise.all(['A', 'B', 'C'].map((owner) => h.store.locks.acquire('refresh:conn_1', owner, 30_000)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('ignores a release by someone else and frees on release by the owner', async () => {
      mockClock(Date.UTC(2030, 0, 1));
      await h.store.locks.acquire('l', 'A', 30_000);
      await h.store.locks.release('l', 'B');
      expect(await h.store.locks.acquire('l', 'B', 30_000)).toBe(false);
      await h.store.locks.release('l', 'A');
      expect(await h.store.locks.acquire('l', 'B', 30_000)).toBe(true);
      await expect(h.store.locks.release('never-held', 'A')).resolves.toBeUndefined();
    });

    it('lets another owner in once the lease has expired, and extends on re-acquire', async () => {
      const clock = mockClock(Date.UTC(2030, 0, 1));
      await h.store.locks.acquire('l', 'A', 1_000);
      clock.advance(999);
      expect(await h.store.locks.acquire('l', 'B', 1_000)).toBe(false);
      expect(await h.store.locks.acquire('l', 'A', 1_000)).toBe(true); // now held until +1999
      clock.advance(999);
      expect(await h.store.locks.acquire('l', 'B', 1_000)).toBe(false);
      clock.advance(1);
      expect(await h.store.locks.acquire('l', 'B', 1_000)).toBe(true);
      expect(await h.store.locks.acquire('l', 'A', 1_000)).toBe(false);
    });
  });
}
