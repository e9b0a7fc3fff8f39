import { randomBytes } from 'node:crypto';
import type { InFlightWriteStore } from '../store/types';

/** How long a write's mark in the store lasts if its process dies before ending it. */
const MARK_TTL_MS = 60_000;
/** How often a waiting webhook looks at the store's marks again (another process's write). */
const RECHECK_MS = 20;

/**
 * The gateway's own unified writes under way, per connection and resource. A provider webhook
 * about a record can arrive while the gateway's write of it is still being recorded, in this
 * process or another one on the same store; the webhook processor waits for such writes first, so
 * the gateway's event (which knows the write was a cancel or a reschedule) is recorded before the
 * webhook's less specific reading of the same change (both have one id: the first recorded
 * decides the type, see RecordEvents for the rule when the webhook still comes first).
 * In this process the wait is on the write's promise; across processes on a mark in the store,
 * set before the provider is called (so before the provider can send its webhook) and removed
 * once the write's event is recorded.
 */
export class InFlightWrites {
  private readonly running = new Map<string, Set<Promise<unknown>>>();

  constructor(private readonly marks: InFlightWriteStore | null = null, private readonly now: () => number = Date.now) {}

  track<T>(connectionId: string, resource: string, run: () => Promise<T>): Promise<T> {
    const key = `${connectionId}|${resource}`;
    const set = this.running.get(key) ?? new Set<Promise<unknown>>();
    this.running.set(key, set);
    const p = this.marked(connectionId, resource, run);
    const done = p.then(() => undefined, () => undefined).finally(() => {
      set.delete(done);
      if (set.size === 0) this.running.delete(key);
    });
    set.add(done);
    return p;
  }

  private async marked<T>(connectionId: string, resource: string, run: () => Promise<T>): Promise<T> {
    if (!this.marks) return run();
    const id = `ifw_${randomBytes(9).toString('hex')}`;
    // The store down: the write goes on unmarked (its event cannot be stored then either).
    const marked = await this.marks.begin({ id, connectionId, resource, expiresAt: new Date(this.now() + MARK_TTL_MS).toISOString() })
      .then(() => true, () => false);
    try {
      return await run();
    } finally {
      if (marked) await this.marks.end(id).catch(() => undefined);
    }
  }

  /**
   * Resolves when the writes under way now (here, or marked in the store by any process) have
   * ended, or after `maxMs` (a hung provider call must not hold webhooks back).
   */
  async settled(connectionId: string, resource: string, maxMs: number): Promise<void> {
    const deadline = this.now() + maxMs;
    const set = this.running.get(`${connectionId}|${resource}`);
    if (set && set.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => { timer = setTimeout(resolve, maxMs); timer.unref(); });
      await Promise.race([Promise.all([...set]), timeout]);
      clearTimeout(timer);
    }
    if (!this.marks) return;
    while (this.now() < deadline && await this.marks.anyUnderWay(connectionId, resource, new Date(this.now()).toISOString()).catch(() => false)) {
      await new Promise<void>((resolve) => setTimeout(resolve, Math.min(RECHECK_MS, Math.max(1, deadline - this.now()))).unref());
    }
  }
}
