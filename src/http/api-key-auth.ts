import type { Middleware } from 'koa';
import { InvalidApiKeyError } from '../errors';
import { constantTimeEqualHex, modeOfKey, sha256Hex } from '../accounts/api-keys';
import type { ApiKeyRecord, Mode, Store } from '../store/types';

export interface AuthState { accountId: string; mode: Mode; keyId: string }

/**
 * `Authorization: Bearer sk_(live|test)_…`. Every failure (absent, wrong scheme, malformed,
 * unknown, revoked) is the same 401 INVALID_API_KEY with WWW-Authenticate.
 *
 * Key lookups are cached briefly in memory (hot path); a revoke through this process drops the
 * entry at once, another process's revoke is seen within `cacheTtlMs`.
 */
export class ApiKeyAuthenticator {
  private readonly cache = new Map<string, { record: ApiKeyRecord; until: number }>();
  private readonly touched = new Map<string, number>();

  constructor(private readonly store: Store, private readonly opts: { cacheTtlMs?: number; touchEveryMs?: number } = {}) {}

  middleware(): Middleware {
    return async (ctx, next) => {
      ctx.state.auth = await this.authenticate(ctx.get('authorization'));
      await next();
    };
  }

  async authenticate(header: string): Promise<AuthState> {
    const m = /^Bearer ([^\s]+)$/i.exec(header.trim());
    if (!header) throw new InvalidApiKeyError('Missing Authorization header');
    if (!m) throw new InvalidApiKeyError('Authorization must be "Bearer sk_live_…" or "Bearer sk_test_…"');
    const key = m[1];
    const mode = modeOfKey(key);
    if (!mode) throw new InvalidApiKeyError('Malformed API key');
    const hash = sha256Hex(key);
    const record = await this.lookup(hash);
    if (!record || record.revokedAt !== null || !constantTimeEqualHex(record.hash, hash) || record.mode !== mode) {
      throw new InvalidApiKeyError();
    }
    this.touch(record.id);
    return { accountId: record.accountId, mode: record.mode, keyId: record.id };
  }

  /** Drops cached lookups of a key (after revoke). */
  forget(keyId: string): void {
    for (const [hash, entry] of this.cache) if (entry.record.id === keyId) this.cache.delete(hash);
  }

  private async lookup(hash: string): Promise<ApiKeyRecord | null> {
    const now = Date.now();
    const hit = this.cache.get(hash);
    if (hit && hit.until > now) return hit.record;
    const record = await this.store.accounts.findApiKeyByHash(hash);
    if (record) this.cache.set(hash, { record, until: now + (this.opts.cacheTtlMs ?? 5000) });
    else this.cache.delete(hash);
    return record;
  }

  /** lastUsedAt is written at most once per `touchEveryMs` per key, off the request path. */
  private touch(keyId: string): void {
    const now = Date.now();
    const last = this.touched.get(keyId) ?? 0;
    if (now - last < (this.opts.touchEveryMs ?? 60_000)) return;
    this.touched.set(keyId, now);
    void this.store.accounts.touchApiKey(keyId, new Date(now).toISOString()).catch(() => undefined);
  }
}
