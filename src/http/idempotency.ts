import { createHash, randomBytes } from 'node:crypto';
import type { Middleware } from 'koa';
import { ConflictError, InvalidInputError } from '../errors';
import type { Scope, Store } from '../store/types';
import type { CredentialsCipher } from '../connections/credentials-crypto';
import type { AuthState } from './api-key-auth';
import { renderError } from './error-handler';
import type { Logger } from '../logging/logger';
import { openResponseBody, sealResponseBody } from './sealed-response';

const WRITE_METHODS = new Set(['POST', 'PATCH', 'DELETE', 'PUT']);
const KEY_FORMAT = /^[\x21-\x7e][\x20-\x7e]{0,254}$/;
const TTL_MS = 24 * 60 * 60 * 1000;
/** Renewals per lease: a holder renews well before its lease lapses, even when a renewal is slow. */
const RENEWALS_PER_LEASE = 3;

export interface IdempotencySettings {
  /** How long a running request holds its key without renewing (Config.idempotencyLeaseMs). */
  leaseMs: number;
}

/**
 * Idempotency-Key on writes (API.md § Conventions): the same key and body within 24 h replays
 * the first response with `Idempotent-Replayed: true`; another body is 409 IDEMPOTENCY_KEY_CONFLICT;
 * a first request still running is 409 IDEMPOTENCY_IN_PROGRESS with Retry-After: 1.
 * Responses of 5xx and 429 are not kept, so the same key can be retried after them.
 *
 * "Still running" is a lease the request renews while it runs: when its process dies, the key is
 * free again once the lease lapses, and the same request then runs again. Stored bodies are sealed
 * (src/http/sealed-response.ts).
 */
export function idempotency(store: Store, cipher: CredentialsCipher, logger: Logger, settings: IdempotencySettings): Middleware {
  const leaseUntil = (): string => new Date(Date.now() + settings.leaseMs).toISOString();

  /** Renews the lease until stopped, or until the lease turns out to be lost (then nothing is left to renew). */
  const keepLease = (scope: Scope, key: string, owner: string, requestId: unknown): (() => void) => {
    let stopped = false;
    const timer = setInterval(() => {
      store.idempotency.renewLease(scope, key, owner, leaseUntil()).then((held) => {
        // A renewal answered after the request finished finds the record done: nothing was lost.
        if (held || stopped) return;
        clearInterval(timer);
        logger.warn({ requestId }, 'idempotency lease lost: another attempt of this request took its key over');
      }, (err: unknown) => logger.warn({ requestId, reason: (err as Error)?.name }, 'idempotency lease renewal failed'));
    }, Math.max(1, Math.floor(settings.leaseMs / RENEWALS_PER_LEASE)));
    timer.unref();
    return () => { stopped = true; clearInterval(timer); };
  };

  return async (ctx, next) => {
    const key = ctx.get('idempotency-key');
    if (!WRITE_METHODS.has(ctx.method) || key === '') return next();
    if (!KEY_FORMAT.test(key)) {
      throw new InvalidInputError([{ field: 'Idempotency-Key', message: 'must be 1–255 printable ASCII characters' }]);
    }
    const auth = ctx.state.auth as AuthState;
    const scope = { accountId: auth.accountId, mode: auth.mode };
    const requestHash = createHash('sha256').update(`${ctx.method} ${ctx.url}\n${(ctx.state.rawBody as string) ?? ''}`).digest('hex');
    const owner = randomBytes(12).toString('base64url');
    const now = new Date();
    const begun = await store.idempotency.begin({
      ...scope, key, requestHash, state: 'in_progress', leaseExpiresAt: leaseUntil(), leaseOwner: owner,
      responseStatus: null, responseBody: null,
      createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + TTL_MS).toISOString(),
    }, now.toISOString());
    if (!begun.created) {
      const existing = begun.existing;
      if (existing.requestHash !== requestHash) throw new ConflictError('IDEMPOTENCY_KEY_CONFLICT', { details: { idempotencyKey: key } });
      if (existing.state === 'in_progress') {
        throw new ConflictError('IDEMPOTENCY_IN_PROGRESS', { headers: { 'Retry-After': '1' }, details: { idempotencyKey: key } });
      }
      ctx.status = existing.responseStatus ?? 200;
      ctx.set('Idempotent-Replayed', 'true');
      const body = existing.responseBody === null ? '' : openResponseBody(cipher, existing.responseBody);
      if (body) {
        ctx.type = 'application/json';
        ctx.body = body;
      }
      return;
    }
    const stopRenewing = keepLease(scope, key, owner, ctx.state.requestId);
    try {
      await next();
    } catch (err) {
      renderError(ctx, err, logger);
    } finally {
      stopRenewing();
    }
    if (ctx.status >= 500 || ctx.status === 429) {
      await store.idempotency.release(scope, key, owner);
      return;
    }
    const body = ctx.body === undefined || ctx.body === null ? '' : typeof ctx.body === 'string' ? ctx.body : JSON.stringify(ctx.body);
    await store.idempotency.complete(scope, key, owner, ctx.status, sealResponseBody(cipher, body));
  };
}
