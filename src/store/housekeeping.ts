import type { Logger } from '../logging/logger';
import type { Store } from './types';

/**
 * Deletes what has outlived its purpose: expired idempotency records (sealed responses kept 24 h).
 * A sweep on start and then every `intervalMs`; any process may run it (deleting an expired row twice
 * is harmless). Mongo's TTL index does the same on its own; the sweep keeps sqlite from growing.
 */
export function startHousekeeping(store: Pick<Store, 'idempotency'>, logger: Logger, intervalMs = 60 * 60 * 1000): { stop(): void } {
  const sweep = (): void => {
    store.idempotency.purgeExpired(new Date().toISOString())
      .then((n) => { if (n > 0) logger.info({ purged: n }, 'expired idempotency records deleted'); })
      .catch((err: unknown) => logger.warn({ err: (err as Error).message }, 'idempotency purge failed; next sweep retries'));
  };
  sweep();
  const timer = setInterval(sweep, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
