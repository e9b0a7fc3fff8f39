/**
 * A connection's rate budget inside one process, exact and cheap (DESIGN.md § Resilience).
 *
 * - `spacing`: request starts at least `spacingMs` apart (fractional: interval / allowed). A caller
 *   whose slot is now runs synchronously; a later slot is reserved at once and waited for with one
 *   timer, so the order is FIFO and no two starts are closer than the spacing.
 * - `reservoir`: `amount` starts per `intervalMs` (daily allocations), refilled every interval
 *   from the gate's creation, lowered by what the provider reports as used; waiters are released
 *   in order at each refill.
 *
 * `schedule` returns null, without spending budget, when the caller's slot would come at or after
 * its deadline. Bottleneck (≈400 jobs/s, 1–5 ms of timers per job in its local datastore,
 * reference/toolchain.md §5.3) stays only for Redis-clustered budgets.
 */
export interface Gate {
  /** Runs `fn` in its turn; null (nothing spent) when that turn would come after `latestStart`. A turn that is now always runs. */
  schedule<T>(fn: () => Promise<T>, latestStart: number): Promise<T> | null;
  /** The provider says only `left` calls remain in the current allocation. */
  lowerReservoir(left: number): void;
  /** The budget changed (the provider reported another limit): later turns follow the new one. */
  retune(spec: GateSpec): void;
  stop(): void;
}

export type GateSpec = { kind: 'spacing'; spacingMs: number } | { kind: 'reservoir'; amount: number; intervalMs: number };

interface Waiter { run(): void }

export class LocalGate implements Gate {
  private nextSlot = 0;
  private reservoir = 0;
  private refreshAt = 0;
  private readonly queue: Waiter[] = [];
  private refillTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private spec: GateSpec, private readonly now: () => number = Date.now) {
    if (spec.kind === 'reservoir') {
      this.reservoir = spec.amount;
      this.refreshAt = now() + spec.intervalMs;
    }
  }

  schedule<T>(fn: () => Promise<T>, latestStart: number): Promise<T> | null {
    return this.spec.kind === 'spacing' ? this.spaced(fn, latestStart, this.spec.spacingMs) : this.reserved(fn, latestStart, this.spec);
  }

  lowerReservoir(left: number): void {
    if (this.spec.kind === 'reservoir' && left < this.reservoir) this.reservoir = Math.max(0, left);
  }

  /**
   * Spacing: the next slot already reserved stays, the ones after it use the new spacing.
   * Reservoir: later refills bring the new amount; what is left now never grows past it.
   */
  retune(spec: GateSpec): void {
    if (spec.kind !== this.spec.kind) return; // the window's length decides the kind, and it does not change
    this.spec = spec;
    if (spec.kind === 'reservoir') this.reservoir = Math.min(this.reservoir, spec.amount);
  }

  /**
   * The budget is being replaced (policy change) or the process is stopping: nothing new is
   * queued here, and callers already waiting are not failed, they go ahead (as a dropped
   * Bottleneck limiter lets its queued jobs run); their own deadlines still bound them.
   */
  stop(): void {
    this.stopped = true;
    if (this.refillTimer) clearTimeout(this.refillTimer);
    this.refillTimer = null;
    for (const w of this.queue.splice(0)) w.run();
  }

  private spaced<T>(fn: () => Promise<T>, latestStart: number, spacingMs: number): Promise<T> | null {
    const now = this.now();
    const slot = Math.max(now, this.nextSlot);
    if (slot > now && slot >= latestStart) return null;
    this.nextSlot = slot + spacingMs;
    if (slot <= now) return fn();
    return new Promise<T>((resolve, reject) => {
      setTimeout(() => { fn().then(resolve, reject); }, Math.ceil(slot - now));
    });
  }

  private refill(): void {
    if (this.spec.kind !== 'reservoir') return;
    const now = this.now();
    if (now < this.refreshAt) return;
    const periods = Math.floor((now - this.refreshAt) / this.spec.intervalMs) + 1;
    this.refreshAt += periods * this.spec.intervalMs;
    this.reservoir = this.spec.amount;
  }

  private reserved<T>(fn: () => Promise<T>, latestStart: number, spec: { amount: number; intervalMs: number }): Promise<T> | null {
    this.refill();
    if (this.queue.length === 0 && this.reservoir > 0) {
      this.reservoir -= 1;
      return fn();
    }
    // Released at the k-th refill from now, k counted from the waiters ahead.
    const ahead = this.queue.length - this.reservoir;
    const releaseAt = this.refreshAt + Math.max(0, Math.floor(ahead / spec.amount)) * spec.intervalMs;
    if (releaseAt >= latestStart) return null;
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run: () => { fn().then(resolve, reject); } });
      this.armRefill();
    });
  }

  private armRefill(): void {
    if (this.refillTimer || this.stopped) return;
    this.refillTimer = setTimeout(() => {
      this.refillTimer = null;
      this.refill();
      while (this.reservoir > 0 && this.queue.length > 0) {
        this.reservoir -= 1;
        this.queue.shift()!.run();
      }
      if (this.queue.length > 0) this.armRefill();
    }, Math.max(0, this.refreshAt - this.now()));
  }
}
