import type { Clock } from './clock';

/** Faults a test or demo can queue against a sandbox account (API.md § Sandbox). */
export const FAULT_KINDS = ['rate_limit', 'server_error', 'timeout', 'revoke_token', 'expire_token', 'latency'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Faults that answer requests; the other two change token state once, when queued. */
export type RequestFaultKind = Exclude<FaultKind, 'revoke_token' | 'expire_token'>;

export interface FaultSpec {
  kind: RequestFaultKind;
  /** Applies to the next `count` requests (default 1) … */
  count?: number;
  /** … or, when given, to every request until this many seconds have passed. */
  durationSeconds?: number;
  latencyMs?: number;
  /** Seconds sent in Retry-After (or the provider's equivalent) for rate_limit faults. */
  retryAfterSeconds?: number;
}

export interface ActiveFault { kind: RequestFaultKind; latencyMs: number; retryAfterSeconds: number }

interface QueuedFault { spec: FaultSpec; remaining: number; until: number | null }

/**
 * Fault queues by key (a sandbox account, or a grant). One fault may be queued under several keys
 * (every grant of a tenant's connections): whichever of them asks first takes it, and it is counted
 * once. There is no wildcard key: a fault only ever reaches the keys it was queued for.
 */
export class FaultQueue {
  private readonly queues = new Map<string, QueuedFault[]>();
  constructor(private readonly clock: Clock) {}

  enqueue(keys: string | readonly string[], spec: FaultSpec): void {
    const until = spec.durationSeconds ? this.clock.now() + spec.durationSeconds * 1000 : null;
    const fault: QueuedFault = { spec, remaining: until ? Number.POSITIVE_INFINITY : Math.max(1, spec.count ?? 1), until };
    for (const key of typeof keys === 'string' ? [keys] : keys) {
      const list = this.queues.get(key) ?? [];
      list.push(fault);
      this.queues.set(key, list);
    }
  }

  /** Takes the fault that applies to this request, if any: the first key that has one wins. */
  take(...keys: (string | null)[]): ActiveFault | null {
    for (const key of keys) {
      const fault = key === null ? null : this.takeFrom(key);
      if (fault) return fault;
    }
    return null;
  }

  pending(key: string): number {
    return (this.queues.get(key) ?? []).filter((f) => f.remaining > 0).length;
  }

  clear(key?: string): void {
    if (key === undefined) this.queues.clear();
    else this.queues.delete(key);
  }

  private takeFrom(key: string): ActiveFault | null {
    const list = this.queues.get(key);
    if (!list) return null;
    const now = this.clock.now();
    while (list.length > 0) {
      const head = list[0];
      // Used up through another key, or past its duration.
      if (head.remaining <= 0 || (head.until !== null && now >= head.until)) { list.shift(); continue; }
      head.remaining -= 1;
      if (head.remaining <= 0) list.shift();
      return {
        kind: head.spec.kind,
        latencyMs: head.spec.latencyMs ?? 1000,
        retryAfterSeconds: head.spec.retryAfterSeconds ?? 1,
      };
    }
    this.queues.delete(key);
    return null;
  }
}
