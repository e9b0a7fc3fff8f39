import type Koa from 'koa';
import type { Middleware } from 'koa';
import type Router from '@koa/router';
import type { RouteSpec } from '../http/route-table';
import type { Logger } from '../logging/logger';
import { bindTools } from './mcp-server';
import { mcpHandler } from './koa-mount';
import { routeInvoker } from './route-invoker';

export const MCP_PATH = '/mcp';

export interface McpMountOptions {
  /** Every REST route: each tool runs the one it names. */
  specs: readonly RouteSpec[];
  /** API-key auth and per-key rate limit, the instances /v1 uses (one budget per key). */
  authenticate: Middleware[];
  /** The REST Idempotency-Key middleware, run in front of each write tool's route. */
  idempotency: Middleware;
  /** The app, for building each tool call's in-process context (read when a tool runs). */
  koa: () => Koa;
  logger: Logger;
  version: string;
}

/** POST /mcp on the router (API.md § MCP); other methods answer 405 through the app's fallback. */
export function mountMcp(router: Router, opts: McpMountOptions): void {
  const tools = bindTools(opts.specs);
  const invoker = routeInvoker(opts.koa, opts.idempotency, opts.logger);
  router.post(MCP_PATH, ...opts.authenticate, mcpHandler(tools, invoker, opts.logger, opts.version));
}
