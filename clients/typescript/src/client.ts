import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { GatewayError } from './errors';
import { parseRetryAfter, retryingFetch, type FetchLike, type RetryOptions } from './retry';

export interface GatewayClientOptions {
  /** The gateway's origin, e.g. `https://gateway.example.com` (the paths carry `/v1`). */
  baseUrl: string;
  /** `sk_live_…` or `sk_test_…`. Keep it on your server: never ship it to a browser. */
  apiKey: string;
  /** Retries of 429/503 and lost connections; `false` for none. */
  retry?: RetryOptions | false;
  /** The fetch to send with (default: the global one). */
  fetch?: FetchLike;
  /** Sent on every request (e.g. an `X-Request-Id` of yours). */
  headers?: Record<string, string>;
}

/** The openapi-fetch client over every route of /openapi.json; failures are thrown as GatewayError. */
export type GatewayClient = Client<paths, 'application/json'>;

const WRITES = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/**
 * A write without an Idempotency-Key gets a fresh one, set once before the first attempt so every
 * retry of it carries the same key (API.md § Conventions: the gateway replays instead of writing twice).
 */
export const idempotencyKeys: Middleware = {
  onRequest({ request }) {
    if (WRITES.has(request.method) && !request.headers.has('idempotency-key')) request.headers.set('Idempotency-Key', globalThis.crypto.randomUUID());
    return request;
  },
};

/** Any non-2xx answer left after the retries becomes a thrown GatewayError carrying its code. */
export const throwGatewayErrors: Middleware = {
  async onResponse({ response }) {
    if (response.ok) return undefined;
    const seconds = parseRetryAfter(response.headers.get('retry-after'));
    throw await GatewayError.fromResponse(response, seconds === null ? null : Math.ceil(seconds / 1000));
  },
};

/**
 * A typed client of the gateway: `client.GET('/v1/contacts', { params: { query: {…} } })`, with
 * an Idempotency-Key on every write unless given, retries honouring Retry-After, and GatewayError.
 */
export function createGatewayClient(options: GatewayClientOptions): GatewayClient {
  const base: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const client = createClient<paths, 'application/json'>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    headers: { ...options.headers, Authorization: `Bearer ${options.apiKey}` },
    fetch: options.retry === false ? base : retryingFetch(base, options.retry),
  });
  client.use(idempotencyKeys, throwGatewayErrors);
  return client;
}

/**
 * The data of a call, typed without `undefined`: failures were already thrown by the client, so
 * `const contact = await unwrap(client.POST('/v1/contacts', …))` is the created contact.
 */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  // Only reached with a client made some other way (no throwGatewayErrors middleware).
  if (error !== undefined || !response.ok) throw await GatewayError.fromResponse(response, null);
  return data as T;
}
