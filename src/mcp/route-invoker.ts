import http from 'node:http';
import { Socket } from 'node:net';
import type Koa from 'koa';
import type { Context, Middleware } from 'koa';
import { MissingRequiredError } from '../errors';
import type { AuthState } from '../http/api-key-auth';
import { renderError } from '../http/error-handler';
import type { Logger } from '../logging/logger';
import type { RouteSpec } from '../http/route-table';
import type { RouteArgs } from './tool-schema';

/** What a route answered: its status, body (the REST JSON) and headers (Retry-After, ETag). */
export interface RouteAnswer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

export interface RouteInvoker {
  invoke(spec: RouteSpec, chain: Middleware[], args: RouteArgs, caller: { auth: AuthState; requestId: string }): Promise<RouteAnswer>;
}

/**
 * Runs a route's own chain (Idempotency-Key handling, validation, handler) in process on a Koa
 * context built for the call, as if the REST request had come in with the caller's key: a tool is
 * its route, not a second implementation. The context is never written to a socket; the answer is
 * read back from it. Errors become the route's error envelope (the same renderError as REST).
 */
export function routeInvoker(koa: () => Koa, idempotency: Middleware, logger: Logger): RouteInvoker {
  return {
    async invoke(spec, chain, args, caller) {
      const req = new http.IncomingMessage(new Socket());
      const method = spec.method.toUpperCase();
      req.method = method;
      req.url = urlOf(spec.path, args);
      req.headers = {
        host: 'mcp.local',
        ...(args.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(args.idempotencyKey !== null ? { 'idempotency-key': args.idempotencyKey } : {}),
      };
      const res = new http.ServerResponse(req);
      const ctx = koa().createContext(req, res) as Context;
      ctx.params = args.params;
      ctx.state.auth = caller.auth;
      ctx.state.requestId = caller.requestId;
      // What the idempotency check hashes: the body as the tool call sent it.
      ctx.state.rawBody = args.body !== undefined ? JSON.stringify(args.body) : '';
      if (args.body !== undefined) ctx.request.body = args.body;
      try {
        const missing = [...spec.path.matchAll(/:(\w+)/g)].map((m) => m[1]).filter((p) => !args.params[p]);
        if (missing.length > 0) throw new MissingRequiredError(missing);
        await run([idempotency, ...chain], ctx);
      } catch (err) {
        renderError(ctx, err, logger);
      }
      // A replayed idempotent answer is the stored JSON text.
      const body = typeof ctx.body === 'string' ? (ctx.body === '' ? null : JSON.parse(ctx.body) as unknown) : ctx.body ?? null;
      const headers = Object.fromEntries(Object.entries(res.getHeaders()).map(([k, v]) => [k, String(v)]));
      return { status: ctx.status, body, headers };
    },
  };
}

function urlOf(path: string, args: RouteArgs): string {
  const filled = path.replace(/:(\w+)/g, (_m, p: string) => encodeURIComponent(args.params[p] ?? ''));
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(args.query)) if (v !== null) qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${filled}?${s}` : filled;
}

/** koa-compose for one call: each middleware's next() runs the following one. */
async function run(chain: Middleware[], ctx: Context): Promise<void> {
  const step = async (i: number): Promise<void> => {
    if (i < chain.length) await chain[i](ctx, () => step(i + 1));
  };
  await step(0);
}
