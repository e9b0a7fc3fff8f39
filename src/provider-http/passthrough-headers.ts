import type { IncomingHttpHeaders } from 'node:http';
import { InvalidInputError } from '../errors';

/** A caller's request header `X-Passthrough-Foo: bar` reaches the provider as `Foo: bar`. */
export const PASSTHROUGH_HEADER_PREFIX = 'x-passthrough-';

/**
 * Names (lower-cased, after the prefix) a caller may never send to a provider, whatever the
 * provider: the gateway owns the credentials (Authorization, the scheme's own key header, cookies),
 * the framing and the connection (hop-by-hop headers per RFC 9110 § 7.6.1, Host, Content-Length,
 * Content-Type, which comes from the caller's own Content-Type, Expect, Accept-Encoding: the bytes
 * come back as the provider sends them, so the gateway does not ask for an encoding), the client
 * identity proxies add (Forwarded, Via, X-Real-IP, any X-Forwarded-*), and the provider's
 * idempotency key (derived from the caller's Idempotency-Key).
 */
export const RESERVED_PASSTHROUGH_HEADERS: ReadonlySet<string> = new Set([
  'authorization', 'proxy-authorization', 'cookie', 'x-api-key',
  'connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade',
  'host', 'content-length', 'content-type', 'expect', 'accept-encoding',
  'forwarded', 'via', 'x-real-ip',
  'idempotency-key',
]);

function reserved(name: string, owned: ReadonlySet<string>): boolean {
  return RESERVED_PASSTHROUGH_HEADERS.has(name) || owned.has(name) || name.startsWith('x-forwarded-') || name.startsWith(PASSTHROUGH_HEADER_PREFIX);
}

/**
 * The provider headers a passthrough caller asked for, prefix removed. `owned`: lower-cased names
 * this connection's provider call sets itself (its auth scheme's header, its idempotency-key
 * header). A reserved one is refused (400 INVALID_INPUT naming the caller's header), never dropped
 * silently: a caller who sends one expects it to have an effect, and it would not.
 */
export function passthroughRequestHeaders(incoming: IncomingHttpHeaders, owned: ReadonlySet<string>): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  for (const key in incoming) {
    if (!key.startsWith(PASSTHROUGH_HEADER_PREFIX)) continue;
    const name = key.slice(PASSTHROUGH_HEADER_PREFIX.length);
    if (name === '' || reserved(name, owned)) {
      throw new InvalidInputError([{ field: `headers.${key}`, message: 'is reserved: the gateway sets this header on provider calls itself' }],
        `Header ${key} cannot be passed through to the provider`);
    }
    const v = incoming[key];
    (out ??= {})[name] = Array.isArray(v) ? v.join(', ') : (v ?? '');
  }
  return out;
}

/** Response headers that describe the body's bytes: they come back with it. */
const BODY_HEADERS = ['content-type', 'content-encoding'] as const;

/**
 * The provider response headers a passthrough caller gets besides the body: what describes the
 * bytes (Content-Type, Content-Encoding), when to come back (Retry-After) and the provider's
 * rate-limit headers its manifest declares (`rateHeaderNames`, lower-cased). Nothing else: no
 * Set-Cookie, no provider-internal ids or hosts.
 */
export function passthroughResponseHeaders(headers: Record<string, string>, rateHeaderNames: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  for (const name of BODY_HEADERS) if (headers[name] !== undefined) out.push([name, headers[name]]);
  if (headers['retry-after'] !== undefined) out.push(['retry-after', headers['retry-after']]);
  for (const name of rateHeaderNames) if (headers[name] !== undefined) out.push([name, headers[name]]);
  return out;
}
