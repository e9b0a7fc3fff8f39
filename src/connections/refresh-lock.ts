import { randomBytes } from 'node:crypto';
import type { Redis } from '../shared/redis';
import type { LockStore } from '../store/types';

/**
 * A lease lock around one connection's refresh, shared by every gateway process: the store's
 * `locks` table by default, Redis (`SET NX PX`) when REDIS_URL is set. A lease (not a plain lock)
 * so that a process dying mid-refresh blocks the others only until the lease runs out.
 */
export interface RefreshLock {
  /** Runs `fn` while holding the lease `name`; waits (polling) up to `waitMs` to get it. */
  withLock<T>(name: string, fn: () => Promise<T>, opts?: { leaseMs?: number; waitMs?: number }): Promise<T>;
}

export class LockTimeoutError extends Error {}

const DEFAULT_LEASE_MS = 30_000;
const DEFAULT_WAIT_MS = 20_000;
const POLL_MS = 20;

interface LeaseBackend {
  acquire(name: string, owner: string, ttlMs: number): Promise<boolean>;
  release(name: string, owner: string): Promise<void>;
}

async function withLease<T>(backend: LeaseBackend, name: string, fn: () => Promise<T>, opts: { leaseMs?: number; waitMs?: number }): Promise<T> {
  const owner = randomBytes(12).toString('base64url');
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const giveUpAt = Date.now() + (opts.waitMs ?? DEFAULT_WAIT_MS);
  // Jittered polling: the holder is usually done within one provider round trip.
  while (!(await backend.acquire(name, owner, leaseMs))) {
    if (Date.now() >= giveUpAt) throw new LockTimeoutError(`could not take the lock ${name}`);
    await new Promise((r) => setTimeout(r, POLL_MS + Math.floor(Math.random() * POLL_MS)));
  }
  try {
    return await fn();
  } finally {
    await backend.release(name, owner).catch(() => undefined);
  }
}

export class StoreRefreshLock implements RefreshLock {
  constructor(private readonly locks: LockStore) {}
  withLock<T>(name: string, fn: () => Promise<T>, opts: { leaseMs?: number; waitMs?: number } = {}): Promise<T> {
    return withLease(this.locks, name, fn, opts);
  }
}

/** Deletes the key only when it still holds our owner value (never someone else's later lease). */
const RELEASE_SCRIPT = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

export class RedisRefreshLock implements RefreshLock {
  private readonly backend: LeaseBackend;
  constructor(redis: Redis, prefix = 'gw:lock:') {
    this.backend = {
      acquire: async (name, owner, ttlMs) => (await redis.set(prefix + name, owner, 'PX', ttlMs, 'NX')) === 'OK',
      release: async (name, owner) => { await redis.eval(RELEASE_SCRIPT, 1, prefix + name, owner); },
    };
  }
  withLock<T>(name: string, fn: () => Promise<T>, opts: { leaseMs?: number; waitMs?: number } = {}): Promise<T> {
    return withLease(this.backend, name, fn, opts);
  }
}
