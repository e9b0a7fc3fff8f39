import type { Connection, EndUser, Scope } from './types';

/**
 * What one change to an end user or a connection makes stale, as told to every process: the end
 * user (and everything cached under it), one connection (by id, plus where it is found when known),
 * or everything (key rotation, a lost invalidation channel).
 */
export type Invalidation =
  | { kind: 'end_user'; accountId: string; mode: Scope['mode']; endUserId: string }
  | { kind: 'connection'; id: string; accountId?: string; mode?: Scope['mode']; endUserId?: string; provider?: string }
  | { kind: 'all' };

export interface ResolutionCacheOptions {
  /** How long an entry may be served without a store read; 0 turns caching off (writes still invalidate). */
  ttlMs: number;
  /** At most this many end users are kept (oldest written first out). */
  maxEndUsers?: number;
  /** Injected clock (tests). */
  now?: () => number;
}

interface Timed<T> { value: T; expiresAt: number }

/** Everything cached for one end user of one account and mode: the end user and its current connection per provider. */
interface Slot { endUser: Timed<EndUser> | null; connections: Map<string, Timed<Connection>> }

const DEFAULT_MAX_END_USERS = 50_000;

/**
 * The records the hot path resolves (end user, current connection per provider) held in memory,
 * exactly as the store returned them: a connection keeps its sealed credentials, never a decrypted
 * copy. Entries are keyed by account, mode and end user, so one account's entries or invalidations
 * can never reach another's. Only found records are kept: an unknown end user or a missing
 * connection is asked of the store again, so a record made by another process is seen at once.
 *
 * A store read that started before an invalidation must not put what it read back after it (it may
 * predate the write): every invalidation moves a generation forward, and a read only stores its
 * result when the generation is still the one it started under.
 */
export class ResolutionCache {
  readonly ttlMs: number;
  private readonly maxEndUsers: number;
  private readonly now: () => number;
  private readonly slots = new Map<string, Slot>();
  /** Where each cached connection sits, so an invalidation naming only its id finds it. */
  private readonly slotOfConnection = new Map<string, { slot: string; provider: string }>();
  private generation = 0;

  constructor(opts: ResolutionCacheOptions) {
    this.ttlMs = Math.max(0, opts.ttlMs);
    this.maxEndUsers = opts.maxEndUsers ?? DEFAULT_MAX_END_USERS;
    this.now = opts.now ?? Date.now;
  }

  get enabled(): boolean { return this.ttlMs > 0; }

  /** How many end users have entries (tests, bounds). */
  get size(): number { return this.slots.size; }

  /** Taken before a store read; `put*` with it stores only if nothing was invalidated meanwhile. */
  ticket(): number { return this.generation; }

  endUser(scope: Scope, endUserId: string): EndUser | undefined {
    const slot = this.slots.get(slotKey(scope.accountId, scope.mode, endUserId));
    const e = slot?.endUser;
    if (!e) return undefined;
    if (this.now() < e.expiresAt) return e.value;
    slot.endUser = null;
    return undefined;
  }

  connection(scope: Scope, endUserId: string, provider: string): Connection | undefined {
    const slot = this.slots.get(slotKey(scope.accountId, scope.mode, endUserId));
    const e = slot?.connections.get(provider);
    if (!e) return undefined;
    if (this.now() < e.expiresAt) return e.value;
    this.removeConnection(slot!, provider);
    return undefined;
  }

  /** The connection cached under this id, if any (e.g. to compare with a fresher read). */
  connectionById(id: string): Connection | undefined {
    const where = this.slotOfConnection.get(id);
    return where ? this.slots.get(where.slot)?.connections.get(where.provider)?.value : undefined;
  }

  putEndUser(ticket: number, scope: Scope, endUserId: string, endUser: EndUser): void {
    if (!this.enabled || ticket !== this.generation) return;
    this.slotFor(slotKey(scope.accountId, scope.mode, endUserId)).endUser = this.timed(endUser);
  }

  putConnection(ticket: number, scope: Scope, endUserId: string, provider: string, connection: Connection): void {
    if (!this.enabled || ticket !== this.generation) return;
    const key = slotKey(scope.accountId, scope.mode, endUserId);
    const slot = this.slotFor(key);
    this.removeConnection(slot, provider);
    slot.connections.set(provider, this.timed(connection));
    this.slotOfConnection.set(connection.id, { slot: key, provider });
  }

  /** Applies a change (made here or told by another process). */
  invalidate(change: Invalidation): void {
    this.generation += 1;
    if (change.kind === 'all') {
      this.slots.clear();
      this.slotOfConnection.clear();
      return;
    }
    if (change.kind === 'end_user') {
      this.dropSlot(slotKey(change.accountId, change.mode, change.endUserId));
      return;
    }
    const where = this.slotOfConnection.get(change.id);
    if (where) {
      const slot = this.slots.get(where.slot);
      if (slot) this.removeConnection(slot, where.provider);
    }
    // Whatever is cached where it would be found: a new or changed connection may now be the current one there.
    if (change.accountId !== undefined && change.mode !== undefined && change.endUserId !== undefined) {
      const key = slotKey(change.accountId, change.mode, change.endUserId);
      const slot = this.slots.get(key);
      if (slot && change.provider !== undefined) this.removeConnection(slot, change.provider);
      else if (slot) this.dropSlot(key);
    }
  }

  private timed<T extends object>(value: T): Timed<T> {
    // Shared by every request that resolves it: frozen so no caller can change what the next one gets.
    return { value: Object.freeze(value), expiresAt: this.now() + this.ttlMs };
  }

  private slotFor(key: string): Slot {
    let slot = this.slots.get(key);
    if (slot) {
      // Re-inserted: the map's order is the eviction order.
      this.slots.delete(key);
    } else {
      slot = { endUser: null, connections: new Map() };
      if (this.slots.size >= this.maxEndUsers) {
        const oldest = this.slots.keys().next().value;
        if (oldest !== undefined) this.dropSlot(oldest);
      }
    }
    this.slots.set(key, slot);
    return slot;
  }

  private removeConnection(slot: Slot, provider: string): void {
    const e = slot.connections.get(provider);
    if (!e) return;
    slot.connections.delete(provider);
    this.slotOfConnection.delete(e.value.id);
  }

  private dropSlot(key: string): void {
    const slot = this.slots.get(key);
    if (!slot) return;
    for (const e of slot.connections.values()) this.slotOfConnection.delete(e.value.id);
    this.slots.delete(key);
  }
}

/** JSON, so no end user id can be crafted to look like another account's key. */
function slotKey(accountId: string, mode: string, endUserId: string): string {
  return JSON.stringify([accountId, mode, endUserId]);
}
