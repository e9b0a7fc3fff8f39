import type { Logger } from '../logging/logger';
import type { Store } from './types';

/**
 * Deletes what has outlived its purpose: expired idempotency records (sealed responses kept 24 h)
 * and record events past their retention (EVENTS_RETENTION_DAYS). A sweep on start and then every
 * `intervalMs`; any process may run it (deleting an expired row twice is harmless). Mongo's TTL
 * indexes do the same on their own; the sweep keeps sqlite from growing.
 */
export function startHousekeeping(store: Pick<Store, 'idempotency' | 'events'>, logger: Logger, intervalMs = 60 * 60 * 1000): { stop(): void } {
  const purge = (what: string, run: () => Promise<number>): void => {
    // Each purge on its own: one failing does not keep the other from running.
    let purged: Promise<number>;
    try { purged = run(); } catch (err) { purged = Promise.reject(err); }
    purged
      .then((n) => { if (n > 0) logger.info({ purged: n }, `expired ${what} deleted`); })
      .catch((err: unknown) => logger.warn({ err: (err as Error).message }, `${what} purge failed; next sweep retries`));
  };
  const sweep = (): void => {
    const now = new Date().toISOString();
    purge('idempotency records', () => store.idempotency.purgeExpired(now));
    purge('record events', () => store.events.purgeExpired(now));
  };
  sweep();
  const timer = setInterval(sweep, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
