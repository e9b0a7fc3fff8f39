import { call, issueKey, startSchedly, T0 } from './test-support';

/**
 * Every edit moves updatedAt strictly forward, as a real system's clock would, even on a record the
 * seed dated after the sandbox's clock (the gateway tells changes apart by update time: two edits
 * sharing one would read as one change). The clock stands still here, the worst case.
 */
describe('Schedly sandbox updatedAt on edits', () => {
  let s: Awaited<ReturnType<typeof startSchedly>>;
  let key: string;
  beforeAll(async () => {
    s = await startSchedly();
    key = await issueKey(s.url, 'acc_updated_at');
  });
  afterAll(() => s.close());

  const later = (a: string, b: string): boolean => Date.parse(b) > Date.parse(a);

  it('a customer last updated after the clock: each edit is later than the one before', async () => {
    const [future] = (await call(s.url, '/api/services/customers?limit=1', { key })).body.data as { id: number; updatedAt: string }[];
    s.clock.set(Date.parse(future!.updatedAt) - 60_000);
    const times = [future!.updatedAt];
    for (const phone of ['+44 20 7946 0001', '+44 20 7946 0002']) {
      const r = await call(s.url, `/api/services/customers?id=${future!.id}`, { method: 'PUT', key, json: { phone } });
      expect(r.status).toBe(200);
      times.push(r.body.data.updatedAt as string);
    }
    expect(later(times[0]!, times[1]!) && later(times[1]!, times[2]!)).toBe(true);
    s.clock.set(T0);
  });

  it('an appointment seeded with a future updatedAt: each edit is later than the one before', async () => {
    const all = (await call(s.url, '/api/services/appointments?limit=100', { key })).body.data as { id: number; updatedAt: string; status: string }[];
    const future = all.find((a) => Date.parse(a.updatedAt) > T0 && a.status !== 'canceled')!;
    expect(future).toBeDefined();
    const times = [future.updatedAt];
    for (const notes of ['one', 'two']) {
      const r = await call(s.url, `/api/services/appointments?id=${future.id}`, { method: 'PUT', key, json: { notes } });
      expect(r.status).toBe(200);
      times.push(r.body.data.updatedAt as string);
    }
    expect(later(times[0]!, times[1]!) && later(times[1]!, times[2]!)).toBe(true);
  });
});
