import { randomBytes, timingSafeEqual } from 'node:crypto';
import { sha256Hex } from './secrets';

/**
 * Binds an OAuth flow to the browser that started it. Without it a code obtained in one browser
 * can be completed with another flow's `state` (authorization-code injection), which PKCE does
 * not prevent for providers that do not support it.
 *
 * At start the gateway sets a random cookie and stores its SHA-256 with the state; the callback
 * must present the same value. The cookie's *name* carries a short suffix of the state's hash, so
 * two flows in one browser (two tabs) each keep their own cookie instead of overwriting one
 * another. The name is not secret (anyone holding the state can derive it); the value is.
 */

/** Cookies are sent only to the start and callback routes, nowhere else on the gateway. */
export const BINDING_COOKIE_PATH = '/connect/oauth';
const PREFIX = 'gw_oauth_';

export interface BrowserBinding { value: string; hash: string }

export function newBrowserBinding(): BrowserBinding {
  const value = randomBytes(32).toString('base64url');
  return { value, hash: sha256Hex(value) };
}

/** The cookie of the flow whose state hashes to `stateHash` (16 hex chars: collisions between one browser's flows are negligible). */
export function bindingCookieName(stateHash: string): string {
  return `${PREFIX}${stateHash.slice(0, 16)}`;
}

/** Constant-time check of the presented cookie value against the stored hash; missing either side fails. */
export function bindingMatches(storedHash: string | null | undefined, presented: string | undefined): boolean {
  if (!storedHash || !presented) return false;
  const a = Buffer.from(sha256Hex(presented), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * A Set-Cookie value. HttpOnly (no script reads it), SameSite=Lax (sent on the provider's
 * top-level redirect back to the callback, not on cross-site subrequests), Secure when the gateway
 * is reached over https. Built by hand rather than with Koa's cookies, which refuse a Secure
 * cookie on a request they see as plain http (TLS ended at a proxy).
 */
export function bindingSetCookie(name: string, value: string, opts: { secure: boolean; maxAgeSeconds: number }): string {
  const parts = [`${name}=${value}`, `Path=${BINDING_COOKIE_PATH}`, `Max-Age=${Math.max(0, Math.floor(opts.maxAgeSeconds))}`, 'HttpOnly', 'SameSite=Lax'];
  if (opts.maxAgeSeconds <= 0) parts.push('Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  if (opts.secure) parts.push('Secure');
  return parts.join('; ');
}

/** The Set-Cookie that removes a flow's cookie (same name, path and flags, expired). */
export function clearBindingCookie(name: string, secure: boolean): string {
  return bindingSetCookie(name, '', { secure, maxAgeSeconds: 0 });
}
