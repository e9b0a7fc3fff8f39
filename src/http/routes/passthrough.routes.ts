import type { Context } from 'koa';
import type { AppDeps } from '../../app-deps';
import { scopeOf } from '../../app-deps';
import { MissingProviderError, MissingRequiredError, NotFoundError, ProviderFailureError } from '../../errors';
import type { Connection } from '../../store/types';
import type { HttpMethod, RouteSpec } from '../route-table';

const PREFIX = '/v1/passthrough';
const TEXTUAL = /^(text\/|application\/([\w.+-]*\+)?(json|xml|x-www-form-urlencoded))/i;
/** Provider response headers worth keeping besides the body's type: when to come back. */
const FORWARDED_HEADERS = ['retry-after'];

/**
 * The connection a passthrough call runs on, in API.md's resolution order: provider known →
 * end user exists → a current connection (needs_reauth answers NEEDS_REAUTH, not a 404).
 */
async function resolveConnection(ctx: Context, deps: AppDeps): Promise<Connection> {
  const q = ctx.query;
  const provider = typeof q.provider === 'string' ? q.provider : '';
  const endUserId = typeof q.endUserId === 'string' ? q.endUserId : '';
  if (!provider) throw new MissingProviderError();
  if (!endUserId) throw new MissingRequiredError(['endUserId']);
  if (!deps.registry.get(provider)) throw new NotFoundError('PROVIDER_NOT_FOUND', { provider });
  const scope = scopeOf(ctx.state);
  if (!(await deps.store.endUsers.get(scope, endUserId))) throw new NotFoundError('END_USER_NOT_FOUND', { endUserId });
  const connection = await deps.store.connections.findCurrent(scope, endUserId, provider);
  if (!connection) throw new NotFoundError('CONNECTION_NOT_FOUND', { endUserId, provider });
  if (connection.status === 'needs_reauth') {
    throw new ProviderFailureError('NEEDS_REAUTH', { details: { connectionId: connection.id, provider, endUserId } });
  }
  return connection;
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

async function passthrough(ctx: Context, deps: AppDeps): Promise<void> {
  const connection = await resolveConnection(ctx, deps);
  // ctx.path is still percent-encoded: the provider gets the path exactly as the caller wrote it.
  const path = ctx.path.slice(PREFIX.length);
  const rawBody = (ctx.state.rawBody as string | undefined) ?? '';
  const res = await deps.providerClient.http.request(connection, {
    method: ctx.method, path, query: providerQuery(ctx),
    body: rawBody === '' ? undefined : rawBody, contentType: ctx.get('content-type') || undefined,
    idempotencyKey: ctx.get('idempotency-key') || undefined,
  });
  ctx.status = res.status;
  for (const h of FORWARDED_HEADERS) if (res.headers[h]) ctx.set(h, res.headers[h]);
  if (res.raw.length === 0) { ctx.body = null; ctx.status = res.status; return; }
  if (res.contentType) ctx.set('Content-Type', res.contentType);
  // Text stays text so an Idempotency-Key replay stores it verbatim.
  ctx.body = res.contentType && TEXTUAL.test(res.contentType) ? res.raw.toString('utf8') : res.raw;
}

const METHODS: HttpMethod[] = ['get', 'post', 'put', 'patch', 'delete'];

/** `ANY /v1/passthrough/<path>?provider&endUserId` (API.md § Passthrough). */
export function passthroughRoutes(deps: AppDeps): RouteSpec[] {
  return METHODS.map((method) => ({
    method, path: `${PREFIX}/*path`, operationId: `passthrough${method[0].toUpperCase()}${method.slice(1)}`, tag: 'Passthrough', auth: 'apiKey',
    summary: `${method.toUpperCase()} any provider path with the connection's credentials`,
    description: 'Sent to the provider\'s API base through the same rate limiter, breaker, retries and token refresh as every '
      + 'unified call. The response is the provider\'s own (status, body, Content-Type), plus X-Request-Id. '
      + 'Query parameters other than provider and endUserId are passed on.',
    idempotent: method !== 'get',
    responses: { 200: { description: 'The provider\'s response, as it sent it' } },
    handler: (ctx: Context) => passthrough(ctx, deps),
  }));
}
