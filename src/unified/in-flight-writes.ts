/**
 * The gateway's own unified writes under way in this process, per connection and resource. A
 * provider webhook about a record can arrive while the gateway's write of it is still being
 * recorded; the webhook processor waits for such writes first, so the gateway's event (which knows
 * the write was a cancel or a reschedule) is recorded before the webhook's less specific reading of
 * the same change (both have one id: the first recorded decides the type).
 */
export class InFlightWrites {
  private readonly running = new Map<string, Set<Promise<unknown>>>();

  track<T>(connectionId: string, resource: string, run: () => Promise<T>): Promise<T> {
    const key = `${connectionId}|${resource}`;
    const set = this.running.get(key) ?? new Set<Promise<unknown>>();
    this.running.set(key, set);
    const p = run();
    const done = p.then(() => undefined, () => undefined).finally(() => {
      set.delete(done);
      if (set.size === 0) this.running.delete(key);
    });
    set.add(done);
    return p;
  }

  /** Resolves when the writes under way now have ended, or after `maxMs` (a hung provider call must not hold webhooks back). */
  async settled(connectionId: string, resource: string, maxMs: number): Promise<void> {
    const set = this.running.get(`${connectionId}|${resource}`);
    if (!set || set.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => { timer = setTimeout(resolve, maxMs); timer.unref(); });
    await Promise.race([Promise.all([...set]), timeout]);
    clearTimeout(timer);
  }
}
