import type { Logger } from '../logging/logger';
import type { Connection, Scope, Store } from '../store/types';
import type { ProviderRegistry } from '../provider-sdk/registry';
import type { ProviderDefinition } from '../provider-sdk/define-provider';
import { LockTimeoutError, type RefreshLock } from '../connections/refresh-lock';
import { EVENT_PREFIX, EVENT_RESOURCES, recordTypesMatching, type EventResource } from './event-types';
import { sweepResource, type SweepDeps, type SweepLimits, type SweepTarget } from './sweep';
import type { SweepMetrics } from './sweep-metrics';
import type { SyncSettings } from './sync-settings';

export interface SweeperDeps extends Omit<SweepDeps, 'now'> {
  store: Pick<Store, 'connections' | 'webhooks'>;
  registry: ProviderRegistry;
  /** The lease that keeps one process per connection sweeping (the store's locks, or Redis). */
  lock: RefreshLock;
  logger: Logger;
  metrics: SweepMetrics;
  settings: SyncSettings;
  now?: () => Date;
  /** Tests: told when a sweep of a connection begins and ends (to count overlaps). */
  observe?: { began(connectionId: string): void; ended(connectionId: string): void };
}

export interface SweepPass { connections: number; swept: number; skippedLeased: number; recorded: number; deletions: number; failed: number }

const CONNECTIONS_PAGE = 100;
const DEFAULT_LIMITS: SweepLimits = { pageSize: 100, maxPages: 20, maxMs: 60_000 };
/** Longer than a sweep may run (maxMs), so the lease never lapses under a live sweeper. */
const LEASE_MS = 120_000;

/**
 * Polling for resources a provider has no webhooks for (manifest `changeDetection: poll`): every
 * SYNC_INTERVAL_SECONDS (30 s at least for live connections), each active connection whose account
 * has a webhook subscribed to one of those resources' events is swept (src/events/sweep.ts), one
 * connection at a time, under a lease named after it so that of several gateway processes only one
 * sweeps it at once (the others skip it until the next tick). Sweep state lives in the store.
 */
export class Sweeper {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<SweepPass> | null = null;
  private readonly now: () => Date;
  private readonly limits: SweepLimits;

  constructor(private readonly deps: SweeperDeps, limits: Partial<SweepLimits> = {}) {
    this.now = deps.now ?? (() => new Date());
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      void this.pass(false).catch((err: unknown) => this.deps.logger.warn({ reason: (err as Error).message }, 'sweep pass failed'));
    }, this.deps.settings.testIntervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** One pass now over every subscribed polled resource, due or not (tests, and an operator's nudge). */
  sweepNow(): Promise<SweepPass> { return this.pass(true); }

  private pass(force: boolean): Promise<SweepPass> {
    // One pass at a time in a process: sweepNow waits for a running one; a tick skips (see start).
    const next = (this.running ?? Promise.resolve(null)).catch(() => null).then(() => this.runPass(force));
    const tracked: Promise<SweepPass> = next.finally(() => { if (this.running === tracked) this.running = null; });
    this.running = tracked;
    return next;
  }

  private async runPass(force: boolean): Promise<SweepPass> {
    const pass: SweepPass = { connections: 0, swept: 0, skippedLeased: 0, recorded: 0, deletions: 0, failed: 0 };
    const polled = new Map<string, EventResource[]>();
    for (const def of this.deps.registry.list()) {
      const resources = EVENT_RESOURCES.filter((r) => def.manifest.changeDetection?.[r] === 'poll');
      if (resources.length > 0 && def.adapter) polled.set(def.manifest.id, resources);
    }
    const subscriptions = new Map<string, Set<EventResource>>();
    let after: string | undefined;
    for (;;) {
      const page = await this.deps.store.connections.listActive([...polled.keys()], CONNECTIONS_PAGE, after);
      for (const connection of page) {
        const resources = await this.subscribed(subscriptions, connection, polled.get(connection.provider) ?? []);
        if (resources.length === 0) continue;
        pass.connections += 1;
        if (!force && !(await this.due(connection, resources))) continue;
        await this.sweepConnection(connection, resources, pass);
      }
      if (page.length < CONNECTIONS_PAGE) return pass;
      after = page[page.length - 1].id;
    }
  }

  /** The polled resources some webhook of the connection's account and mode subscribes to (wildcards included). */
  private async subscribed(cache: Map<string, Set<EventResource>>, c: Connection, polled: EventResource[]): Promise<EventResource[]> {
    const key = `${c.accountId}|${c.mode}`;
    let wanted = cache.get(key);
    if (!wanted) {
      const scope: Scope = { accountId: c.accountId, mode: c.mode };
      const types = (await this.deps.store.webhooks.list(scope)).flatMap((w) => w.events.flatMap(recordTypesMatching));
      wanted = new Set(EVENT_RESOURCES.filter((r) => types.some((t) => t.startsWith(`${EVENT_PREFIX[r]}.`))));
      cache.set(key, wanted);
    }
    return polled.filter((r) => wanted!.has(r));
  }

  /**
   * Some resource was never swept, or its last sweep is an interval old (lastSweepAt is shared by
   * every process). lastSweepAt is when the last sweep ended, a little after the tick that ran it:
   * without some slack the next tick would find it just short of due and every sweep would wait
   * two intervals.
   */
  private async due(c: Connection, resources: EventResource[]): Promise<boolean> {
    const interval = c.mode === 'live' ? this.deps.settings.liveIntervalMs : this.deps.settings.testIntervalMs;
    const slack = Math.min(interval / 4, 5_000);
    const now = this.now().getTime();
    for (const r of resources) {
      const state = await this.deps.syncStates.get(c.id, r);
      if (!state?.lastSweepAt || Date.parse(state.lastSweepAt) + interval - slack <= now) return true;
    }
    return false;
  }

  private async sweepConnection(connection: Connection, resources: EventResource[], pass: SweepPass): Promise<void> {
    const definition = this.deps.registry.get(connection.provider) as ProviderDefinition;
    try {
      await this.deps.lock.withLock(`sweep:${connection.id}`, async () => {
        this.deps.observe?.began(connection.id);
        try {
          pass.swept += 1;
          for (const resource of resources) await this.sweepOne({ connection, definition, resource }, pass);
        } finally {
          this.deps.observe?.ended(connection.id);
        }
      }, { waitMs: 0, leaseMs: LEASE_MS });
    } catch (err) {
      if (err instanceof LockTimeoutError) { pass.skippedLeased += 1; return; }
      throw err;
    }
  }

  private async sweepOne(target: SweepTarget, pass: SweepPass): Promise<void> {
    const labels = { provider: target.definition.manifest.id, resource: target.resource };
    try {
      const result = await sweepResource({ ...this.deps, now: this.now }, target, this.limits);
      pass.recorded += result.recorded;
      pass.deletions += result.deletions;
      if (result.lagSeconds !== null) this.deps.metrics.lag.observe(labels, result.lagSeconds);
      if (!result.started) this.deps.metrics.sweeps.inc({ ...labels, outcome: result.caughtUp ? 'caught_up' : 'partial' });
    } catch (err) {
      // Kept on the sync state (GET /v1/connections/:id) and retried from the watermark next time.
      pass.failed += 1;
      this.deps.metrics.sweeps.inc({ ...labels, outcome: 'failed' });
      this.deps.logger.warn({ connectionId: target.connection.id, resource: target.resource, code: (err as { code?: string }).code, reason: (err as Error).message }, 'sweep failed');
    }
  }
}
