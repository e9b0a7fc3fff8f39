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

/** Per-account fault queues. `ALL_ACCOUNTS` queues a fault for whichever account asks next. */
export const ALL_ACCOUNTS = '*';

export class FaultQueue {
  private readonly queues = new Map<string, QueuedFault[]>();
  constructor(private readonly clock: Clock) {}

  enqueue(accountId: string, spec: FaultSpec): void {
    const list = this.queues.get(accountId) ?? [];
    const until = spec.durationSeconds ? this.clock.now() + spec.durationSeconds * 1000 : null;
    list.push({ spec, remaining: until ? Number.POSITIVE_INFINITY : Math.max(1, spec.count ?? 1), until });
    this.queues.set(accountId, list);
  }

  /** Takes the fault that applies to this request, if any (the account's own first, then the shared queue). */
  take(accountId: string): ActiveFault | null {
    return this.takeFrom(accountId) ?? this.takeFrom(ALL_ACCOUNTS);
  }

  pending(accountId: string): number {
    return (this.queues.get(accountId) ?? []).length;
  }

  clear(accountId?: string): void {
    if (accountId === undefined) this.queues.clear();
    else this.queues.delete(accountId);
  }

  private takeFrom(key: string): ActiveFault | null {
    const list = this.queues.get(key);
    if (!list) return null;
    const now = this.clock.now();
    while (list.length > 0) {
      const head = list[0];
      if (head.until !== null && now >= head.until) { list.shift(); continue; }
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
