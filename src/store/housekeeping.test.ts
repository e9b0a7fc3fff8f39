import { startHousekeeping } from './housekeeping';
import { createLogger } from '../logging/logger';
import { Writable } from 'node:stream';

describe('startHousekeeping', () => {
  afterEach(() => jest.useRealTimers());

  it('purges expired idempotency records and record events on start and then every interval, until stopped', async () => {
    jest.useFakeTimers({ now: new Date('2027-01-01T00:00:00Z') });
    const calls: string[] = [];
    const events: string[] = [];
    const store = {
      idempotency: { purgeExpired: async (now: string) => { calls.push(now); return 1; } },
      events: { purgeExpired: async (now: string) => { events.push(now); return 1; } },
    };
    const sink = new Writable({ write: (_c, _e, cb) => cb() });
    const h = startHousekeeping(store as never, createLogger('info', sink), 1000);
    expect(calls).toEqual(['2027-01-01T00:00:00.000Z']);
    jest.advanceTimersByTime(2000);
    expect(calls).toHaveLength(3);
    expect(events).toEqual(calls);
    h.stop();
    jest.advanceTimersByTime(5000);
    expect(calls).toHaveLength(3);
  });
});
