import type http from 'node:http';
import Koa, { type Middleware } from 'koa';
import Router from '@koa/router';
import type { AppDeps } from './app-deps';
import { requestId } from './http/request-id';
import { requestLog } from './http/request-log';
import { jsonResponse } from './http/json-response';
import { errorHandler } from './http/error-handler';
import { jsonBody } from './http/json-body';
import { keyRateLimit } from './http/key-rate-limit';
import { idempotency } from './http/idempotency';
import { RouteTable, type AuthKind } from './http/route-table';
import { MethodNotAllowedError, RouteNotFoundError, ServiceUnavailableError } from './errors';
import { apiKeyRoutes } from './http/routes/api-keys.routes';
import { providerRoutes } from './http/routes/providers.routes';
import { opsRoutes } from './http/routes/ops.routes';
import { sandboxRoutes } from './http/routes/sandbox.routes';
import { passthroughRoutes } from './http/routes/passthrough.routes';
import { connectRoutes } from './http/routes/connect.routes';
import { endUserRoutes } from './http/routes/end-users.routes';
import { connectionRoutes } from './http/routes/connections.routes';
import { webhookRoutes } from './http/routes/webhooks.routes';
import { eventRoutes } from './http/routes/events.routes';
import { widgetRoutes } from './http/routes/widget.routes';
import { unifiedRoutes } from './http/routes/unified.routes';
import { enrichRoutes } from './http/routes/enrich.routes';
import { fieldRoutes } from './http/routes/fields.routes';
import { userRoutes } from './http/routes/users.routes';
import { meetingActionRoutes } from './http/routes/meeting-actions.routes';
import { schedulingRoutes } from './http/routes/scheduling.routes';
import { createUnifiedServices } from './unified/services';
import { providerWebhookRoutes } from './http/routes/provider-webhooks.routes';
import { createProviderWebhooks, type ProviderWebhooksRuntime } from './unified/provider-webhooks-runtime';
import { routeAndBookRoutes } from './http/routes/route-and-book.routes';
import { createRouting } from './routing';
import type { WriteBackWorker } from './routing/write-back-worker';
import { buildOpenApi } from './openapi/openapi';
import { MCP_PATH, mountMcp } from './mcp';

export interface GatewayApp {
  koa: Koa;
  routes: RouteTable;
  /** The raw request handler: sandboxes under /sandbox/<id>, everything else through Koa. */
  handler(req: http.IncomingMessage, res: http.ServerResponse): void;
  /** Called by main.ts when shutdown begins: new /v1 requests get 503, /ready says not ready. */
  beginShutdown(): void;
  /** Provider webhooks in: the processor of stored deliveries is started and stopped by gateway.ts. */
  providerWebhooks: ProviderWebhooksRuntime;
  /** Route-and-book write-back retries: started and stopped by gateway.ts; retryNow() for tests. */
  writeBacks: WriteBackWorker;
}

/** Pure composition of the Koa app from its dependencies; main.ts and the tests both use it. */
export function buildApp(deps: AppDeps): GatewayApp {
  let shuttingDown = false;
  const routes = new RouteTable();
  const unifiedServices = createUnifiedServices(deps);
  const providerWebhooks = createProviderWebhooks(deps, unifiedServices);
  const routing = createRouting(deps, unifiedServices);
  let openapiDoc: Record<string, unknown> | null = null;
  const openapi = (): Record<string, unknown> =>
    (openapiDoc ??= buildOpenApi(routes.specs, { version: deps.version, serverUrl: deps.config.publicUrl }));

  routes.add(
    ...opsRoutes(deps, openapi, () => shuttingDown),
    ...providerRoutes(deps),
    ...apiKeyRoutes(deps),
    ...sandboxRoutes(deps),
    ...passthroughRoutes(deps),
    ...connectRoutes(deps),
    ...endUserRoutes(deps),
    ...connectionRoutes(deps),
    ...unifiedRoutes(deps, unifiedServices),
    ...enrichRoutes(deps, unifiedServices),
    ...fieldRoutes(deps, unifiedServices),
    ...userRoutes(deps, unifiedServices),
    ...meetingActionRoutes(deps, unifiedServices),
    ...schedulingRoutes(deps, unifiedServices),
    ...routeAndBookRoutes(routing.service),
    ...webhookRoutes(deps),
    ...eventRoutes(deps),
    ...widgetRoutes(deps),
    ...providerWebhookRoutes(deps, providerWebhooks.inbox),
  );

  const authenticate: Middleware[] = [
    deps.auth.middleware(),
    keyRateLimit({ limit: deps.config.rateLimitPerKey, windowSeconds: deps.config.rateLimitWindowSeconds }),
  ];
  const idempotent = idempotency(deps.store, deps.cipher, deps.logger, { leaseMs: deps.config.idempotencyLeaseMs });
  const apiKeyChain: Middleware[] = [...authenticate, idempotent];
  const authFor = (kind: AuthKind): Middleware[] => (kind === 'apiKey' ? apiKeyChain : []);

  const router = new Router();
  routes.mount(router, authFor);
  // MCP tools run the routes above in process (src/mcp), behind the same key auth and rate limit.
  mountMcp(router, { specs: routes.specs, authenticate, idempotency: idempotent, koa: () => koa, logger: deps.logger, version: deps.version });

  const koa = new Koa({ proxy: false });
  koa.silent = true;
  koa.use(jsonResponse());
  koa.use(requestId());
  koa.use(requestLog(deps.logger, deps.metrics));
  koa.use(errorHandler(deps.logger));
  koa.use(async (ctx, next) => {
    if (shuttingDown && (ctx.path.startsWith('/v1/') || ctx.path === MCP_PATH)) throw new ServiceUnavailableError('The gateway is shutting down', 1);
    await next();
  });
  koa.use(jsonBody(deps.config.bodyLimitBytes));
  koa.use(router.routes());
  koa.use(async (ctx) => {
    // Nothing matched: 405 with Allow when the path exists under another method, else 404.
    const match = router.match(ctx.path, ctx.method);
    const allowed = [...new Set(match.path.flatMap((layer) => layer.methods))].filter((m) => m !== 'HEAD' || match.path.length > 0);
    if (allowed.length > 0) throw new MethodNotAllowedError(allowed);
    throw new RouteNotFoundError(ctx.method, ctx.path);
  });

  const koaHandler = koa.callback();
  return {
    koa,
    routes,
    handler: (req, res) => {
      if (deps.sandboxes?.handle(req, res)) return;
      void koaHandler(req, res);
    },
    beginShutdown: () => { shuttingDown = true; },
    providerWebhooks,
    writeBacks: routing.writeBacks,
  };
}
