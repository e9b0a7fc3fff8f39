/**
 * Coalesces lookups of one connection into provider batches.
 *
 * - A batch goes out once no new key has arrived for `windowMs` (a few ms), or `maxWaitMs` after its
 *   first key, or at once when it holds `maxBatch` keys: a lone call waits only the short window,
 *   while a stream of calls is gathered into few large batches.
 * - While a batch is in flight, new keys wait for it (and one more window) and then go together.
 * - A key already pending or in flight shares that promise instead of being asked again.
 */
export interface BatcherOptions<V> { windowMs: number; maxWaitMs: number; maxBatch: number; missing: () => V }

export class LookupBatcher<V> {
  private pending = new Map<string, { resolve: (v: V) => void; reject: (e: unknown) => void; promise: Promise<V> }>();
  private readonly inFlight = new Map<string, Promise<V>>();
  private timer: NodeJS.Timeout | null = null;
  /** When the oldest pending key arrived (for maxWaitMs). */
  private firstPendingAt = 0;
  private running = 0;

  constructor(private readonly run: (keys: string[]) => Promise<Map<string, V>>, private readonly opts: BatcherOptions<V>) {}

  lookup(key: string): Promise<V> {
    const shared = this.inFlight.get(key) ?? this.pending.get(key)?.promise;
    if (shared) return shared;
    let resolve!: (v: V) => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<V>((res, rej) => { resolve = res; reject = rej; });
    if (this.pending.size === 0) this.firstPendingAt = Date.now();
    this.pending.set(key, { resolve, reject, promise });
    if (this.pending.size >= this.opts.maxBatch) this.flush();
    else this.schedule();
    return promise;
  }

  /** (Re)arms the quiet-period timer, never past maxWaitMs after the first pending key. */
  private schedule(): void {
    if (this.running > 0) return;
    if (this.timer) clearTimeout(this.timer);
    const deadline = this.firstPendingAt + this.opts.maxWaitMs;
    const wait = Math.max(0, Math.min(this.opts.windowMs, deadline - Date.now()));
    this.timer = setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    if (this.timer) { clearTimeout(this.timer); this.timer = null; }
    const batch = this.pending;
    this.pending = new Map();
    const keys = [...batch.keys()];
    for (let i = 0; i < keys.length; i += this.opts.maxBatch) {
      const chunk = keys.slice(i, i + this.opts.maxBatch);
      for (const k of chunk) this.inFlight.set(k, batch.get(k)!.promise);
      this.running += 1;
      this.run(chunk).then(
        (found) => { for (const k of chunk) batch.get(k)!.resolve(found.get(k) ?? this.opts.missing()); },
        (err: unknown) => { for (const k of chunk) batch.get(k)!.reject(err); },
      ).finally(() => {
        for (const k of chunk) this.inFlight.delete(k);
        this.running -= 1;
        // Keys that arrived meanwhile go together, after one more quiet window for latecomers.
        if (this.running === 0 && this.pending.size > 0) {
          this.firstPendingAt = Math.max(this.firstPendingAt, Date.now() - this.opts.windowMs);
          this.schedule();
        }
      });
    }
  }
}
