import type { AppDeps } from '../app-deps';
import { Sweeper, type SweeperDeps } from '../events/sweeper';
import { SweepMetrics } from '../events/sweep-metrics';
import { syncSettings } from '../events/sync-settings';
import type { SweepLimits } from '../events/sweep';
import { UnifiedService } from './unified-service';
import { FieldMappingService } from './field-mappings';
import { eventRecord } from './write-events';

/**
 * The polling sweeper of a gateway process, wired to the same machinery as the unified routes:
 * adapter calls through the provider client (the connection's rate budget), records shaped like
 * every event's (field mappings), recorded through deps.recordEvents. Tests swap the clock, the
 * record step (to simulate a crash), the lease backend, and watch sweeps begin and end.
 */
export function createPollSweeper(deps: AppDeps, over: Partial<Pick<SweeperDeps, 'now' | 'record' | 'observe' | 'lock'>> & { limits?: Partial<SweepLimits> } = {}): Sweeper {
  // Its own resolution and mapping caches: the sweeper reads, it never writes through them.
  const unified = new UnifiedService(deps, null);
  const mappings = new FieldMappingService(deps);
  const sweeper = new Sweeper({
    store: deps.store,
    syncStates: deps.store.syncStates,
    registry: deps.registry,
    lock: deps.providerClient.lock,
    logger: deps.logger,
    metrics: new SweepMetrics(deps.metrics.registry),
    settings: syncSettings(deps.config.env),
    context: (t) => unified.context({ definition: t.definition, connection: t.connection }, null),
    shape: (t, raw) => eventRecord(mappings, { accountId: t.connection.accountId, mode: t.connection.mode }, t.definition, t.resource, raw),
    record: (change) => deps.recordEvents.record(change),
    ...over,
  }, over.limits);
  // A deleted connection's sync state goes with it (its watermark would never be read again).
  deps.events.on((type, connection) => {
    if (type === 'connection.deleted') void deps.store.syncStates.deleteForConnection(connection.id).catch(() => undefined);
  });
  return sweeper;
}
