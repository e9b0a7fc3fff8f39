import { randomBytes } from 'node:crypto';
import type { Middleware } from 'koa';

const SAFE = /^[A-Za-z0-9._:-]{1,128}$/;
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

// Random bytes are drawn in blocks: one randomBytes call per request showed up in the profile.
const POOL_SIZE = 26 * 256;
let pool = randomBytes(POOL_SIZE);
let offset = 0;

/** `req_` + 26 random base32 characters (API.md § Conventions). */
export function newRequestId(): string {
  if (offset + 26 > POOL_SIZE) { pool = randomBytes(POOL_SIZE); offset = 0; }
  let out = 'req_';
  for (let i = offset; i < offset + 26; i++) out += ALPHABET[pool[i] & 31];
  offset += 26;
  return out;
}

/** Keeps a safe inbound X-Request-Id (1–128 safe characters), replaces anything else. */
export function requestId(): Middleware {
  return async (ctx, next) => {
    const inbound = ctx.get('x-request-id');
    const id = SAFE.test(inbound) ? inbound : newRequestId();
    ctx.state.requestId = id;
    ctx.set('X-Request-Id', id);
    await next();
  };
}
