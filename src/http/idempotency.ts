import { createHash } from 'node:crypto';
import type { Middleware } from 'koa';
import { ConflictError, InvalidInputError } from '../errors';
import type { Store } from '../store/types';
import type { AuthState } from './api-key-auth';
import { renderError } from './error-handler';
import type { Logger } from '../logging/logger';

const WRITE_METHODS = new Set(['POST', 'PATCH', 'DELETE', 'PUT']);
const KEY_FORMAT = /^[\x21-\x7e][\x20-\x7e]{0,254}$/;
const TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Idempotency-Key on writes (API.md § Conventions): the same key and body within 24 h replays
 * the first response with `Idempotent-Replayed: true`; another body is 409 IDEMPOTENCY_KEY_CONFLICT;
 * a first request still running is 409 IDEMPOTENCY_IN_PROGRESS with Retry-After: 1.
 * Responses of 5xx and 429 are not kept, so the same key can be retried after them.
 */
export function idempotency(store: Store, logger: Logger): Middleware {
  return async (ctx, next) => {
    const key = ctx.get('idempotency-key');
    if (!WRITE_METHODS.has(ctx.method) || key === '') return next();
    if (!KEY_FORMAT.test(key)) {
      throw new InvalidInputError([{ field: 'Idempotency-Key', message: 'must be 1–255 printable ASCII characters' }]);
    }
    const auth = ctx.state.auth as AuthState;
    const scope = { accountId: auth.accountId, mode: auth.mode };
    const requestHash = createHash('sha256').update(`${ctx.method} ${ctx.url}\n${(ctx.state.rawBody as string) ?? ''}`).digest('hex');
    const now = new Date();
    const begun = await store.idempotency.begin({
      ...scope, key, requestHash, state: 'in_progress', responseStatus: null, responseBody: null,
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
      if (existing.responseBody) {
        ctx.type = 'application/json';
        ctx.body = existing.responseBody;
      }
      return;
    }
    try {
      await next();
    } catch (err) {
      renderError(ctx, err, logger);
    }
    if (ctx.status >= 500 || ctx.status === 429) {
      await store.idempotency.release(scope, key);
      return;
    }
    const body = ctx.body === undefined || ctx.body === null ? '' : typeof ctx.body === 'string' ? ctx.body : JSON.stringify(ctx.body);
    await store.idempotency.complete(scope, key, ctx.status, body);
  };
}
