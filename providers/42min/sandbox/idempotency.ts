import { createHash } from 'node:crypto';
import type Koa from 'koa';
import { readText, type SandboxKit } from '../../../src/provider-sdk';
import { ApiError } from './envelope';
import type { AccountState } from './model';

/**
 * Seed 000/003: every write needs an Idempotency-Key (400 missing_idempotency_key; longer than 255
 * → 400 invalid_idempotency_key). The same key with the same request within 24 h replays the first
 * response; with a different body it is 409 idempotency_key_conflict. Keys are scoped to the
 * account; only successful responses are stored, so a failed write can be retried with its key.
 */
const WINDOW_MS = 24 * 60 * 60 * 1000;
const MAX_KEY_LENGTH = 255;

export interface WriteResult { status: number; body: unknown; etag: string | null }

export function requireIdempotencyKey(ctx: Koa.Context): string {
  const key = ctx.get('idempotency-key');
  if (!key) throw new ApiError(400, 'missing_idempotency_key', 'This endpoint requires an Idempotency-Key header.');
  if (key.length > MAX_KEY_LENGTH) {
    throw new ApiError(400, 'invalid_idempotency_key', `Idempotency-Key must be at most ${MAX_KEY_LENGTH} characters.`);
  }
  return key;
}

function send(ctx: Koa.Context, r: WriteResult): void {
  if (r.etag) ctx.set('ETag', r.etag);
  ctx.status = r.status;
  ctx.body = r.body;
}

/**
 * Runs a write under the request's Idempotency-Key (already checked by requireIdempotencyKey).
 * `run` throws ApiError for failures; its success is stored and replayed.
 */
export async function idempotentWrite(
  kit: SandboxKit, ctx: Koa.Context, state: AccountState, key: string, run: (rawBody: string) => WriteResult,
): Promise<void> {
  const raw = await readText(ctx);
  const fingerprint = createHash('sha256')
    .update(`${ctx.method} ${ctx.path}\n${ctx.get('if-match')}\n${raw}`)
    .digest('hex');
  const now = kit.clock.now();
  const stored = state.idempotency.get(key);
  if (stored && now - stored.storedAt < WINDOW_MS) {
    if (stored.fingerprint !== fingerprint) {
      throw new ApiError(409, 'idempotency_key_conflict', 'This Idempotency-Key was already used with a different request.');
    }
    send(ctx, { status: stored.status, body: structuredClone(stored.body), etag: stored.etag });
    return;
  }
  const result = run(raw);
  state.idempotency.set(key, { fingerprint, status: result.status, body: structuredClone(result.body), etag: result.etag, storedAt: now });
  send(ctx, result);
}
