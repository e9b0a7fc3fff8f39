import { InFlightWrites } from './in-flight-writes';

describe('InFlightWrites', () => {
  it('settled waits for the writes of that connection and resource only, and passes results and errors through', async () => {
    const writes = new InFlightWrites();
    let finish!: (v: string) => void;
    const order: string[] = [];
    const write = writes.track('c1', 'contacts', () => new Promise<string>((r) => { finish = r; }));
    await writes.settled('c1', 'meetings', 1000);
    await writes.settled('c2', 'contacts', 1000);
    const waiting = writes.settled('c1', 'contacts', 60_000).then(() => order.push('settled'));
    await Promise.resolve();
    order.push('before finish');
    finish('done');
    expect(await write).toBe('done');
    await waiting;
    expect(order).toEqual(['before finish', 'settled']);
    await expect(writes.track('c1', 'contacts', () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    await writes.settled('c1', 'contacts', 60_000);
  });

  it('gives up waiting after maxMs (a hung provider call does not hold webhooks back)', async () => {
    jest.useFakeTimers();
    try {
      const writes = new InFlightWrites();
      void writes.track('c1', 'contacts', () => new Promise(() => undefined));
      let done = false;
      const waiting = writes.settled('c1', 'contacts', 500).then(() => { done = true; });
      await jest.advanceTimersByTimeAsync(499);
      expect(done).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      await waiting;
      expect(done).toBe(true);
    } finally { jest.useRealTimers(); }
  });
});
