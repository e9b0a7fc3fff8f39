import type { Readable } from 'node:stream';
import type { Context } from 'koa';
import type { AppDeps } from '../../app-deps';
import { scopeOf } from '../../app-deps';
import { MissingProviderError, MissingRequiredError, NotFoundError, ProviderFailureError } from '../../errors';
import { currentConnection } from '../../connections/current-connection';
import type { Connection } from '../../store/types';
import { connectionScheme } from '../../provider-sdk/manifest';
import { authHeaderOf } from '../../provider-http/auth-scheme';
import { CallerGone, CallerLink, type ProviderStream } from '../../provider-http/provider-http';
import { readBody, TransportFailure } from '../../provider-http/transport';
import { transportError } from '../../provider-http/error-factory';
import { PASSTHROUGH_HEADER_PREFIX, passthroughRequestHeaders, passthroughResponseHeaders, RESERVED_PASSTHROUGH_HEADERS } from '../../provider-http/passthrough-headers';
import { rateHeaderNames } from '../../resilience/rate-headers';
import type { HttpMethod, RouteSpec } from '../route-table';

const PREFIX = '/v1/passthrough';
const TEXTUAL = /^(text\/|application\/([\w.+-]*\+)?(json|xml|x-www-form-urlencoded))/i;
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Statuses whose answer has no body (and HEAD): the provider's empty body is drained, not piped. */
const BODYLESS = new Set([204, 205, 304]);
/** The largest answer to a write with Idempotency-Key the gateway reads whole to keep for replays. */
const STORED_ANSWER_LIMIT = 8 * 1024 * 1024;
/**
 * An answer announcing at most this many bytes is passed on in one write once it is in: for a
 * typical JSON page a pipe (its AbortController, stream bookkeeping and a write per chunk) costs
 * more CPU than the copy, and the caller waits for nothing it could use earlier. Larger and
 * chunked answers are piped as they arrive.
 */
const ONE_WRITE_LIMIT = 64 * 1024;

/** The connection a passthrough call runs on: the provider is known, then the common rule. */
async function resolveConnection(ctx: Context, deps: AppDeps): Promise<Connection> {
  const q = ctx.query;
  const provider = typeof q.provider === 'string' ? q.provider : '';
  const endUserId = typeof q.endUserId === 'string' ? q.endUserId : '';
  if (!provider) throw new MissingProviderError();
  if (!endUserId) throw new MissingRequiredError(['endUserId']);
  if (!deps.registry.get(provider)) throw new NotFoundError('PROVIDER_NOT_FOUND', { provider });
  return currentConnection(deps.store, scopeOf(ctx.state), endUserId, provider);
}

/** The caller's query minus the gateway's own two parameters, in order, repeated keys kept. */
function providerQuery(ctx: Context): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of new URLSearchParams(ctx.querystring)) {
    if (k === 'provider' || k === 'endUserId') continue;
    (out[k] ??= []).push(v);
  }
  return out;
}

/** Lower-cased headers this connection's provider calls set themselves: its auth scheme's, its idempotency key's. */
function ownedHeaders(deps: AppDeps, connection: Connection): Set<string> {
  const manifest = deps.registry.get(connection.provider)?.manifest;
  const owned = new Set<string>();
  if (!manifest) return owned;
  const auth = authHeaderOf(connectionScheme(manifest, connection.authType));
  if (auth) owned.add(auth);
  const keyHeader = deps.providerClient.policies.get(manifest.id).retry.idempotencyKeyHeader;
  if (keyHeader) owned.add(keyHeader.toLowerCase());
  return owned;
}

/**
 * Aborts the provider call when the caller goes away before its answer is complete (a response
 * that closes unfinished). After the head, Koa's pipeline destroys the piped provider body too.
 */
function callerOf(ctx: Context): CallerLink {
  const caller = new CallerLink();
  ctx.res.once('close', () => { if (!ctx.res.writableFinished) caller.cut(); });
  return caller;
}

async function passthrough(ctx: Context, deps: AppDeps): Promise<void> {
  const connection = await resolveConnection(ctx, deps);
  const headers = passthroughRequestHeaders(ctx.req.headers, ownedHeaders(deps, connection));
  // ctx.path is still percent-encoded: the provider gets the path exactly as the caller wrote it.
  const path = ctx.path.slice(PREFIX.length);
  const rawBody = (ctx.state.rawBody as string | undefined) ?? '';
  const idempotencyKey = ctx.get('idempotency-key') || undefined;
  // A write with Idempotency-Key is kept for replays (src/http/idempotency.ts): it runs to the end
  // even if its caller goes, and its answer is read whole. Everything else streams.
  const kept = idempotencyKey !== undefined && WRITES.has(ctx.method);
  let res: ProviderStream;
  try {
    res = await deps.providerClient.http.stream(connection, {
      method: ctx.method, path, query: providerQuery(ctx), headers,
      body: rawBody === '' ? undefined : rawBody, contentType: ctx.get('content-type') || undefined, idempotencyKey,
    }, { caller: kept ? undefined : callerOf(ctx) });
    ctx.status = res.status;
    await answer(ctx, res, kept, connection.provider);
  } catch (err) {
    if (!(err instanceof CallerGone)) throw err;
    // Nobody to answer: logged as nginx does (499), nothing written.
    ctx.status = 499;
    ctx.respond = false;
    return;
  }
  // After the body: Koa's body setter drops Content-Type on an empty answer, which a HEAD must keep.
  const policy = deps.providerClient.policies.get(connection.provider);
  for (const [k, v] of passthroughResponseHeaders(res.headers, rateHeaderNames(policy.rateLimit.headers))) ctx.set(k, v);
}

/** Puts the provider's body on the response: piped, or read whole when small, kept or already read. */
async function answer(ctx: Context, res: ProviderStream, kept: boolean, provider: string): Promise<void> {
  let body = res.body;
  const length = lengthOf(res.headers);
  if (!Buffer.isBuffer(body) && (ctx.method === 'HEAD' || BODYLESS.has(res.status) || length === 0)) {
    body.resume();
    ctx.body = null;
    if (ctx.method === 'HEAD' && length !== null) ctx.set('Content-Length', String(length));
    return;
  }
  if (kept && !Buffer.isBuffer(body)) {
    const read = await collect(body, STORED_ANSWER_LIMIT, provider);
    if (read.truncated) {
      throw new ProviderFailureError('PROVIDER_ERROR', {
        message: `The provider's answer is larger than ${STORED_ANSWER_LIMIT} bytes, more than an Idempotency-Key replay keeps; send the write without Idempotency-Key to have it streamed`,
        details: { provider, status: res.status },
      });
    }
    body = read.raw;
  } else if (!Buffer.isBuffer(body) && length !== null && length <= ONE_WRITE_LIMIT) {
    body = (await collect(body, length, provider)).raw;
  }
  if (Buffer.isBuffer(body)) {
    // A kept answer's text stays text so that an Idempotency-Key replay stores it verbatim; any
    // other goes out as the bytes it came as (decoding it would cost a copy for nothing).
    ctx.body = body.length === 0 ? null : kept && res.contentType && TEXTUAL.test(res.contentType) ? body.toString('utf8') : body;
    return;
  }
  ctx.body = body;
  // The bytes are passed on as they are, so the provider's length holds (Koa drops it for streams).
  if (length !== null) ctx.length = length;
}

/** A body read whole before anything is sent: the provider failing meanwhile is a 503 like any failed call. */
async function collect(body: Readable, limit: number, provider: string): Promise<{ raw: Buffer; truncated: boolean }> {
  try {
    return await readBody(body, limit);
  } catch (err) {
    if (err instanceof TransportFailure) throw transportError(provider, err.reason, true);
    throw err;
  }
}

/** The provider's Content-Length when it framed its body by one (not chunked), else null. */
function lengthOf(headers: Record<string, string>): number | null {
  const v = headers['content-length'];
  return v !== undefined && headers['transfer-encoding'] === undefined && /^\d{1,15}$/.test(v) ? Number(v) : null;
}

const METHODS: HttpMethod[] = ['get', 'post', 'put', 'patch', 'delete'];
const RESERVED_LIST = [...RESERVED_PASSTHROUGH_HEADERS].join(', ');

/** `ANY /v1/passthrough/<path>?provider&endUserId` (API.md § Passthrough). */
export function passthroughRoutes(deps: AppDeps): RouteSpec[] {
  return METHODS.map((method) => ({
    method, path: `${PREFIX}/*path`, operationId: `passthrough${method[0].toUpperCase()}${method.slice(1)}`, tag: 'Passthrough', auth: 'apiKey',
    summary: `${method.toUpperCase()} any provider path with the connection's credentials`,
    description: 'Sent to the provider\'s API base through the same rate limiter, breaker, retries and token refresh as every '
      + 'unified call. The response is the provider\'s own status and body, streamed as it arrives (never parsed), with its '
      + 'Content-Type, Content-Encoding and Content-Length, its Retry-After and the rate-limit headers its manifest declares, '
      + 'plus X-Request-Id; no other provider header comes back. Failures the gateway owns (5xx and 429 after retries, a 401 '
      + 'that survives a token refresh, an open breaker) are the gateway\'s error envelope. '
      + 'Query parameters other than provider and endUserId are passed on. '
      + `A request header \`${PASSTHROUGH_HEADER_PREFIX}<Name>\` is sent to the provider as \`<Name>\` (e.g. X-Passthrough-Accept: text/csv). `
      + `Reserved names are refused with 400 INVALID_INPUT naming the header: ${RESERVED_LIST}, any X-Forwarded-*, `
      + 'and the header the connection\'s auth scheme or the provider\'s idempotency key uses. '
      + 'A write with Idempotency-Key is read whole (up to 8 MiB, larger is 502 PROVIDER_ERROR) so that it can be replayed.',
    idempotent: method !== 'get',
    responses: { 200: { description: 'The provider\'s response, as it sent it' } },
    handler: (ctx: Context) => passthrough(ctx, deps),
  }));
}
