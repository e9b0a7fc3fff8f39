import { createSqliteStore } from '../store/sqlite/sqlite-store';
import type { Store, WriteBack } from '../store/types';
import type { Meeting } from '../provider-sdk/unified-models';
import { createLogger } from '../logging/logger';
import { webhook } from '../store/contract/contract-kit';
import type { WriteBackRunner } from './write-back-runner';
import { WriteBackWorker } from './write-back-worker';
import type { WriteBackSettings } from './write-back-settings';

/** The retry worker on a real (in-memory) store with an injected clock and a scripted runner. */
const T0 = Date.UTC(2030, 0, 1);
const HOUR = 3_600_000;
const settings: WriteBackSettings = { intervalMs: 1000, baseDelayMs: 60_000, maxDelayMs: HOUR, leaseMs: 30_000, windowMs: 24 * HOUR };
const scope = { accountId: 'acc_a', mode: 'test' as const };
const logger = createLogger('silent');

function row(id: string, over: Partial<WriteBack> = {}): WriteBack {
  return {
    id, ...scope, bookingKey: `conn_s|${id}`, crmProvider: 'crm', endUserId: 'u1', plan: '{}', status: 'pending', attempts: 0,
    nextAttemptAt: new Date(T0).toISOString(), leaseOwner: null, leaseExpiresAt: null, leadId: null, crmMeetingId: null, crmMeeting: null,
    lastError: null, createdAt: new Date(T0).toISOString(), deadlineAt: new Date(T0 + 24 * HOUR).toISOString(), completedAt: null, ...over,
  };
}

/** A runner failing while `failing` is set, completing through the store as the real one does. */
function scripted(store: Store): { runner: WriteBackRunner; calls: () => number; setFailing(v: boolean): void } {
  let failing = true;
  let calls = 0;
  const runner = {
    async run(wb: WriteBack): Promise<Meeting> {
      calls += 1;
      if (failing) throw Object.assign(new Error('The provider answered 500'), { code: 'PROVIDER_ERROR' });
      const meeting = { id: `m_${wb.id}` } as Meeting;
      await store.writeBacks.complete(wb.id, meeting.id, JSON.stringify(meeting), new Date().toISOString());
      return meeting;
    },
  } as unknown as WriteBackRunner;
  return { runner, calls: () => calls, setFailing: (v) => { failing = v; } };
}

let store: Store;
let now: number;
beforeEach(() => { store = createSqliteStore({ file: ':memory:' }); now = T0; });
afterEach(async () => { await store.close(); });

it('retries with backoff from the store only when due (retryNow ignores the schedule), then completes once', async () => {
  const { runner, calls, setFailing } = scripted(store);
  const worker = new WriteBackWorker(store, runner, logger, settings, () => now);
  await store.writeBacks.createOnce(row('wb_1'));
  expect(await (worker as unknown as { runDue(f: boolean): Promise<number> }).runDue(false)).toBe(0);
  const failed = await store.writeBacks.get('wb_1');
  expect(failed).toMatchObject({ attempts: 1, status: 'pending', lastError: 'PROVIDER_ERROR: The provider answered 500' });
  const delay = Date.parse(failed!.nextAttemptAt) - T0;
  expect(delay).toBeGreaterThanOrEqual(0.8 * settings.baseDelayMs);
  expect(delay).toBeLessThanOrEqual(1.2 * settings.baseDelayMs);
  now = T0 + 1000;
  await (worker as unknown as { runDue(f: boolean): Promise<number> }).runDue(false);
  expect(calls()).toBe(1); // not due yet
  setFailing(false);
  expect(await worker.retryNow()).toBe(1);
  expect(await worker.retryNow()).toBe(0);
  expect(calls()).toBe(2);
  expect(await store.writeBacks.get('wb_1')).toMatchObject({ status: 'done', crmMeetingId: 'm_wb_1' });
});

it('a write-back leased by one process is not run by another until the lease lapses (a restart picks it up)', async () => {
  const a = scripted(store);
  const b = scripted(store);
  b.setFailing(false);
  const first = new WriteBackWorker(store, a.runner, logger, settings, () => now);
  const second = new WriteBackWorker(store, b.runner, logger, settings, () => now);
  await store.writeBacks.createOnce(row('wb_1'));
  // The first process claimed it and died mid-attempt: its lease is still held.
  expect(await store.writeBacks.claim('wb_1', 'dead-process', new Date(T0 + settings.leaseMs).toISOString(), new Date(T0).toISOString())).toBe(true);
  expect(await second.retryNow()).toBe(0);
  expect(b.calls()).toBe(0);
  now = T0 + settings.leaseMs;
  expect(await second.retryNow()).toBe(1);
  expect(await first.retryNow()).toBe(0);
  expect(a.calls()).toBe(0);
});

it('after 24 h a failing write-back gives up once and the account gets route.write_back_failed in the outbox', async () => {
  const { runner } = scripted(store);
  const worker = new WriteBackWorker(store, runner, logger, settings, () => now);
  await store.webhooks.create(webhook(scope, 'wh_1', { events: ['route.*'] }));
  await store.webhooks.create(webhook(scope, 'wh_2', { events: ['connection.created'] }));
  await store.writeBacks.createOnce(row('wb_1'));
  await worker.retryNow();
  expect(await store.webhooks.listDeliveries(scope, 'wh_1')).toEqual([]);
  now = T0 + 24 * HOUR;
  await worker.retryNow();
  expect(await store.writeBacks.get('wb_1')).toMatchObject({ status: 'failed', attempts: 2 });
  const [delivery] = await store.webhooks.listDeliveries(scope, 'wh_1');
  expect(delivery).toMatchObject({ type: 'route.write_back_failed', status: 'pending', eventId: 'evt_wb_1' });
  expect(JSON.parse(delivery.payload)).toMatchObject({
    type: 'route.write_back_failed',
    data: { writeBackId: 'wb_1', provider: 'crm', endUserId: 'u1', meetingId: 'wb_1', attempts: 2, lastError: 'PROVIDER_ERROR: The provider answered 500' },
  });
  expect(await store.webhooks.listDeliveries(scope, 'wh_2')).toEqual([]);
  expect(await worker.retryNow()).toBe(0);
  expect(await store.webhooks.listDeliveries(scope, 'wh_1')).toHaveLength(1);
});
