import { randomBytes } from 'node:crypto';
import type { Middleware } from 'koa';

const SAFE = /^[A-Za-z0-9._:-]{1,128}$/;
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** `req_` + 26 random base32 characters (API.md § Conventions). */
export function newRequestId(): string {
  const bytes = randomBytes(26);
  let out = 'req_';
  for (const b of bytes) out += ALPHABET[b & 31];
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
