import Bottleneck from 'bottleneck';
import { connectRedis, redisClass, type Redis } from '../shared/redis';
import type { RateLimitManifest } from '../provider-sdk/manifest';
import { rateLimitedError } from './provider-call-error';
import type { PolicyBook } from './policy-book';
import type { ProviderMetrics } from './provider-metrics';
import { LocalGate, type Gate, type GateSpec } from './local-gate';
import { readRateHeaders } from './rate-headers';

/**
 * A queued call whose slot would leave it less than this before its deadline is refused at once
 * (PROVIDER_RATE_LIMITED, our doing) rather than started only to time out (PROVIDER_UNAVAILABLE).
 */
const MIN_ATTEMPT_MS = 250;

/** Burst windows up to this long are enforced by spacing; longer ones (daily allocations) by a reservoir. */
const SPACING_MAX_INTERVAL_MS = 60_000;

/**
 * A limit the provider reports is followed down to this fraction of the manifest's, no lower: a
 * garbled or hostile "1 per minute" must not stall a connection (the provider's 429s still would).
 */
const REPORTED_LIMIT_FLOOR = 0.1;

interface Entry {
  gate: Gate; providerId: string; budget: Budget;
  /** The provider's limit the budget is built from: the manifest's, or the one the provider reported. */
  limit: number;
  /** Until when the provider said its window is spent, and the next start slot after that pause. */
  pausedUntil: number; resumeAt: number;
  /** Callers of this process waiting for a slot. */
  waiting: number;
}

export interface Budget {
  /** What we allow ourselves per interval: the documented limit minus the margin. */
  allowed: number;
  intervalMs: number;
  /** Spacing mode: at least this long between two request starts. */
  minTimeMs: number | null;
}

/**
 * The budget we keep to, a margin below the provider's. Short windows are enforced by spacing
 * requests `interval / allowed` apart: a fixed-window counter would let two full windows of ours
 * fall inside one window of the provider's (whose windows start when it likes), and send a 429
 * our way; with even spacing no window of the provider's length ever holds more than allowed + 1.
 */
export function budgetOf(rate: RateLimitManifest, limit: number = rate.requests): Budget {
  const allowed = Math.max(1, Math.floor(limit * (1 - rate.margin)));
  const spacing = rate.intervalMs <= SPACING_MAX_INTERVAL_MS;
  return { allowed, intervalMs: rate.intervalMs, minTimeMs: spacing ? Math.ceil(rate.intervalMs / allowed) : null };
}

/**
 * The limit a connection's budget is built from once the provider has reported one: the reported
 * limit (plan-dependent limits), no lower than the floor; the manifest's where it says not to follow.
 */
export function followedLimit(rate: RateLimitManifest, reported: number | null): number {
  if (reported === null || rate.followReportedLimit === false) return rate.requests;
  return Math.max(reported, Math.max(1, Math.ceil(rate.requests * REPORTED_LIMIT_FLOOR)));
}

const gateSpecOf = (budget: Budget): GateSpec => (budget.minTimeMs !== null
  ? { kind: 'spacing', spacingMs: budget.intervalMs / budget.allowed }
  : { kind: 'reservoir', amount: budget.allowed, intervalMs: budget.intervalMs });

const bottleneckSettingsOf = (budget: Budget): Bottleneck.ConstructorOptions => (budget.minTimeMs !== null
  ? { minTime: budget.minTimeMs }
  : { reservoir: budget.allowed, reservoirRefreshAmount: budget.allowed, reservoirRefreshInterval: budget.intervalMs });

/** A Bottleneck limiter behind the Gate interface: the Redis-clustered budget shared by several processes. */
class BottleneckGate implements Gate {
  constructor(private readonly limiter: Bottleneck) {}
  schedule<T>(fn: () => Promise<T>): Promise<T> { return this.limiter.schedule(fn); }
  lowerReservoir(left: number): void {
    void this.limiter.currentReservoir().then((current) => {
      if (current === null || left < current) return this.limiter.updateSettings({ reservoir: left });
      return undefined;
    }).catch(() => undefined);
  }
  retune(spec: GateSpec): void {
    // The clustered limiter's settings live in Redis: every process sharing the budget follows.
    const settings = spec.kind === 'spacing' ? { minTime: Math.ceil(spec.spacingMs) } : { reservoirRefreshAmount: spec.amount };
    void Promise.resolve(this.limiter.updateSettings(settings)).catch(() => undefined);
  }
  stop(): void { void Promise.resolve(this.limiter.disconnect(false)).catch(() => undefined); }
}

/**
 * Rate budgets per provider and connection. Callers queue briefly instead of getting the
 * provider's 429; a queue deeper than the policy's bound, or a wait that would outlast the
 * request's deadline, is answered at once with 429 PROVIDER_RATE_LIMITED and an estimate of when
 * budget frees up.
 *
 * In one process the budget is an exact in-process gate (even spacing, or a refilled reservoir for
 * daily allocations) that runs a call synchronously when its slot is now: no timer, no lock.
 * Bottleneck (≈400 jobs/s and 1–5 ms per job, reference/toolchain.md §5.3) is used only with a
 * Redis URL, where its "clustered" limiters let every gateway process share one budget per connection.
 */
export class Limiters {
  private readonly entries = new Map<string, Entry>();
  private readonly waitingByProvider = new Map<string, number>();
  private readonly redis: { client: Redis; connection: Bottleneck.IORedisConnection } | null;

  constructor(private readonly policies: PolicyBook, private readonly metrics: ProviderMetrics, redisUrl: string | null = null) {
    if (redisUrl) {
      const client = connectRedis(redisUrl);
      this.redis = { client, connection: new Bottleneck.IORedisConnection({ client, Redis: redisClass() }) };
    } else {
      this.redis = null;
    }
    policies.onChange((id) => { for (const [key, e] of this.entries) if (e.providerId === id) this.drop(key); });
  }

  /**
   * Runs `fn` when the connection's budget allows, or rejects with PROVIDER_RATE_LIMITED when the
   * queue is full or the wait would pass `deadlineAt`.
   */
  async schedule<T>(providerId: string, connectionId: string, deadlineAt: number, fn: () => Promise<T>): Promise<T> {
    const e = this.entry(providerId, connectionId);
    const policy = this.policies.get(providerId);
    if (e.waiting >= policy.maxQueue) throw this.refuse(e, 'queue_full', e.waiting);
    let started = false;
    let queued = false;
    let abandoned = false;
    let timer: NodeJS.Timeout | undefined;
    const run = e.gate.schedule(async () => {
      if (abandoned) return undefined as T; // the caller has gone: spend the slot, not a provider call
      started = true;
      if (queued) this.addWaiting(e, -1);
      if (timer) clearTimeout(timer);
      // Paused by the provider's own headers: callers leave the pause one spacing apart, not all at once.
      const wakeAt = Math.max(e.pausedUntil, e.resumeAt);
      if (wakeAt > Date.now()) {
        if (wakeAt >= deadlineAt) throw this.refuse(e, 'deadline', e.waiting);
        e.resumeAt = wakeAt + (e.budget.minTimeMs ?? 0);
        await new Promise((r) => setTimeout(r, wakeAt - Date.now()));
      }
      return fn();
    }, deadlineAt - MIN_ATTEMPT_MS);
    // No slot before the deadline: refused at once, without spending budget.
    if (run === null) throw this.refuse(e, 'deadline', e.waiting);
    // The fast path: the budget had room now, so the call has already started (no timer, no race).
    if (started) return run;
    queued = true;
    this.addWaiting(e, 1);
    const gaveUp = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        if (started) return;
        abandoned = true;
        this.addWaiting(e, -1);
        reject(this.refuse(e, 'deadline', e.waiting));
      }, Math.max(0, deadlineAt - Date.now()));
    });
    try {
      return await Promise.race([run, gaveUp]);
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  /**
   * Feeds the provider's own view back, as its manifest declares its headers: a reported limit
   * other than the one the budget is built from rebuilds it (plan-dependent limits); a window
   * reported spent (remaining 0) pauses the connection until the reported reset; a daily
   * allocation's remaining count lowers the reservoir to what is left.
   */
  observe(providerId: string, connectionId: string, status: number, headers: Record<string, string>): void {
    const e = this.entries.get(`${providerId}\u0000${connectionId}`);
    if (!e) return;
    const rate = this.policies.get(providerId).rateLimit;
    if (!rate.headers) return;
    const now = Date.now();
    const reading = readRateHeaders(headers, rate.headers, now);
    const limit = followedLimit(rate, reading.limit);
    if (limit !== e.limit) {
      e.limit = limit;
      e.budget = budgetOf(rate, limit);
      e.gate.retune(gateSpecOf(e.budget));
    }
    if (status === 429) return; // waiting out a 429 is the retry rule's business
    if (e.budget.minTimeMs !== null && reading.remaining === 0) {
      // No declared reset, or one already past: one interval, as the window is at most that long.
      const resetMs = reading.resetAt !== null && reading.resetAt > now ? reading.resetAt - now : e.budget.intervalMs;
      e.pausedUntil = Math.max(e.pausedUntil, now + Math.min(resetMs, e.budget.intervalMs));
    }
    if (e.budget.minTimeMs === null && reading.remaining !== null) {
      const base = reading.limit ?? e.limit;
      e.gate.lowerReservoir(Math.max(0, Math.floor(base * (1 - rate.margin)) - (base - reading.remaining)));
    }
  }

  /** The provider limit a connection's budget is built from now (the manifest's until the provider reports another). */
  limitOf(providerId: string, connectionId: string): number {
    return this.entries.get(`${providerId}\u0000${connectionId}`)?.limit ?? this.policies.get(providerId).rateLimit.requests;
  }

  /** Calls waiting for budget on one connection (tests, metrics). */
  queued(providerId: string, connectionId: string): number {
    return this.entries.get(`${providerId}\u0000${connectionId}`)?.waiting ?? 0;
  }

  async shutdown(): Promise<void> {
    for (const key of [...this.entries.keys()]) this.drop(key);
    if (this.redis) await Promise.resolve(this.redis.connection.disconnect(true)).catch(() => undefined);
  }

  private refuse(e: Entry, reason: 'queue_full' | 'deadline', queued: number): Error {
    this.metrics.limited.inc({ provider: e.providerId, reason });
    const waitMs = e.budget.minTimeMs !== null ? (queued + 1) * e.budget.minTimeMs : e.budget.intervalMs;
    return rateLimitedError(e.providerId, waitMs / 1000, { reason, budget: { requests: e.budget.allowed, intervalMs: e.budget.intervalMs } }, false);
  }

  /** The queue-depth gauge, summed per provider as callers come and go (no scan of every connection). */
  private addWaiting(e: Entry, delta: number): void {
    e.waiting += delta;
    const total = (this.waitingByProvider.get(e.providerId) ?? 0) + delta;
    this.waitingByProvider.set(e.providerId, total);
    this.metrics.queueDepth.set({ provider: e.providerId }, total);
  }

  private entry(providerId: string, connectionId: string): Entry {
    const key = `${providerId}\u0000${connectionId}`;
    const existing = this.entries.get(key);
    if (existing) return existing;
    const rate = this.policies.get(providerId).rateLimit;
    const budget = budgetOf(rate);
    let gate: Gate;
    if (this.redis) {
      const limiter = new Bottleneck({
        ...bottleneckSettingsOf(budget), id: `gw-limit:${providerId}:${connectionId}`, datastore: 'ioredis', connection: this.redis.connection, clearDatastore: false,
      });
      limiter.on('error', () => undefined); // datastore hiccups surface as rejected jobs instead
      gate = new BottleneckGate(limiter);
    } else {
      gate = new LocalGate(gateSpecOf(budget));
    }
    const entry: Entry = { gate, providerId, budget, limit: rate.requests, pausedUntil: 0, resumeAt: 0, waiting: 0 };
    this.entries.set(key, entry);
    return entry;
  }

  private drop(key: string): void {
    const e = this.entries.get(key);
    this.entries.delete(key);
    if (!e) return;
    if (e.waiting) this.addWaiting(e, -e.waiting);
    // A clustered limiter on a shared connection returns nothing here; the connection is closed in shutdown().
    e.gate.stop();
  }
}
