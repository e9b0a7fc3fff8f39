import { LocalGate } from './local-gate';

const job = (log: number[], t0: number) => async () => { log.push(Date.now() - t0); return log.length; };

describe('LocalGate', () => {
  it('spacing: the first call runs synchronously, the next ones no closer than the spacing, in order', async () => {
    const gate = new LocalGate({ kind: 'spacing', spacingMs: 40 });
    const t0 = Date.now();
    const log: number[] = [];
    let ranNow = false;
    const first = gate.schedule(async () => { ranNow = true; return job(log, t0)(); }, t0 + 10_000);
    expect(ranNow).toBe(true);
    const rest = Array.from({ length: 4 }, () => gate.schedule(job(log, t0), t0 + 10_000));
    await Promise.all([first, ...rest]);
    // Timers may fire a little early or late; the spacing is kept on average and in order.
    for (let i = 1; i < log.length; i += 1) expect(log[i]).toBeGreaterThanOrEqual(log[i - 1]);
    expect(log[4] - log[0]).toBeGreaterThanOrEqual(4 * 40 - 8);
    expect(log).toHaveLength(5);
    gate.stop();
  });

  it('spacing: a turn after the latest start is refused without spending budget', async () => {
    const gate = new LocalGate({ kind: 'spacing', spacingMs: 100 });
    const t0 = Date.now();
    const a = gate.schedule(async () => 1, t0 + 150);
    const b = gate.schedule(async () => 2, t0 + 150); // turn at +100: fits
    expect(gate.schedule(async () => 3, t0 + 150)).toBeNull(); // turn at +200: refused
    const d = gate.schedule(async () => 4, t0 + 10_000); // still gets the +200 turn
    const started = Date.now();
    expect(await Promise.all([a, b, d])).toEqual([1, 2, 4]);
    expect(Date.now() - started).toBeLessThan(400);
    gate.stop();
  });

  it('reservoir: `amount` calls per interval, waiters released at the refill, and lowered by the provider', async () => {
    const gate = new LocalGate({ kind: 'reservoir', amount: 2, intervalMs: 150 });
    const t0 = Date.now();
    const log: number[] = [];
    const calls = Array.from({ length: 3 }, () => gate.schedule(job(log, t0), t0 + 10_000));
    await Promise.all(calls);
    expect(log[0]).toBeLessThan(50);
    expect(log[1]).toBeLessThan(50);
    expect(log[2]).toBeGreaterThanOrEqual(140);
    gate.lowerReservoir(0);
    expect(gate.schedule(async () => 0, Date.now() + 20)).toBeNull();
    gate.stop();
  });
});
