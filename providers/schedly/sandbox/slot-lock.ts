import { ApiError } from './envelope';

/**
 * A lock per (employee, start) around every check-and-insert of an appointment. The check and the
 * insert run synchronously, so two requests of one process never interleave inside them; the lock
 * states the rule and lets a test hold a slot. A held lock is refused at once with the double
 * booking's 409 (the seed names double booking as its CONFLICT example).
 */
export class SlotLocks {
  private readonly held = new Set<string>();

  hold(employeeIds: readonly number[], startMs: number): () => void {
    const keys = employeeIds.map((e) => `${e}@${startMs}`);
    if (keys.some((k) => this.held.has(k))) throw new ApiError('CONFLICT', 'slot not available');
    for (const k of keys) this.held.add(k);
    return () => { for (const k of keys) this.held.delete(k); };
  }

  withLock<T>(employeeIds: readonly number[], startMs: number, fn: () => T): T {
    const release = this.hold(employeeIds, startMs);
    try { return fn(); } finally { release(); }
  }
}
