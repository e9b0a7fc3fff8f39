import { ApiError } from './envelope';

/**
 * Seed 000: "slot_lock_timeout — Could not acquire the per-slot lock when creating/rescheduling a
 * booking. Retry-After: 1. (503.)" The sandbox takes a lock per (host, start) around every
 * check-and-insert of a booking. The check and the insert run synchronously, so two requests of
 * one process can never interleave inside them; the lock makes the rule explicit and lets a test
 * hold a slot (`hold`) to see the 503 a contended lock gives. A write never waits for a lock: a
 * held one is refused at once (the real engine gives up after some wait; the client retries).
 */
export class SlotLocks {
  private readonly held = new Set<string>();

  private static key(hostId: string, startMs: number): string { return `${hostId}@${startMs}`; }

  /** Holds the locks of these hosts at `startMs` until the returned release is called. */
  hold(hostIds: readonly string[], startMs: number): () => void {
    const keys = hostIds.map((h) => SlotLocks.key(h, startMs));
    if (keys.some((k) => this.held.has(k))) {
      throw new ApiError(503, 'slot_lock_timeout', 'Could not acquire the slot lock. Retry shortly.', {}, { 'Retry-After': '1' });
    }
    for (const k of keys) this.held.add(k);
    return () => { for (const k of keys) this.held.delete(k); };
  }

  /** Runs `fn` under the locks of these hosts at `startMs`. */
  withLock<T>(hostIds: readonly string[], startMs: number, fn: () => T): T {
    const release = this.hold(hostIds, startMs);
    try { return fn(); } finally { release(); }
  }
}
