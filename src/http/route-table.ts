import type { Middleware } from 'koa';
import Router from '@koa/router';
import { bodyValidator, queryValidator, type JsonSchema } from './validation';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type AuthKind = 'apiKey' | 'none' | 'connectToken';

export interface ResponseSpec { description: string; schema?: JsonSchema; contentType?: string }

/**
 * One route, described once: the router registers it with its validation, and the OpenAPI document
 * is generated from the same schemas (so the docs cannot drift from what is enforced).
 */
export interface RouteSpec {
  method: HttpMethod;
  /** Koa-style path (`/v1/api-keys/:id`). */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  auth: AuthKind;
  description?: string;
  query?: JsonSchema;
  body?: JsonSchema;
  /** Whether the route accepts Idempotency-Key (documented in the OpenAPI). */
  idempotent?: boolean;
  responses: Record<string, ResponseSpec>;
  handler: Middleware;
}

export class RouteTable {
  readonly specs: RouteSpec[] = [];

  add(...specs: RouteSpec[]): this {
    this.specs.push(...specs);
    return this;
  }

  /** Registers every route on the router with its query/body validation in front of the handler. */
  mount(router: Router, authFor: (kind: AuthKind) => Middleware[]): void {
    for (const spec of this.specs) {
      const chain: Middleware[] = [...authFor(spec.auth), ...handlerChain(spec)];
      (router[spec.method] as (path: string, ...mw: Middleware[]) => Router).call(router, spec.path, ...chain);
    }
  }
}

/**
 * A route's validation and handler, without auth: what the router mounts behind auth, and what
 * the MCP tools (src/mcp) run, so a tool validates and answers exactly as its route does.
 */
export function handlerChain(spec: RouteSpec): Middleware[] {
  const chain: Middleware[] = [];
  if (spec.query) {
    const check = queryValidator(spec.query);
    chain.push(async (ctx, next) => { const q = { ...ctx.query }; check(q); ctx.state.query = q; await next(); });
  } else {
    chain.push(async (ctx, next) => { ctx.state.query = { ...ctx.query }; await next(); });
  }
  if (spec.body) {
    const check = bodyValidator(spec.body);
    chain.push(async (ctx, next) => { check(ctx.request.body ?? {}); await next(); });
  }
  chain.push(spec.handler);
  return chain;
}
