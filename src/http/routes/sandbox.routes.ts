import type { Context } from 'koa';
import type { AppDeps } from '../../app-deps';
import { scopeOf } from '../../app-deps';
import { ForbiddenError, NotFoundError, ServiceUnavailableError } from '../../errors';
import { ALL_ACCOUNTS, FAULT_KINDS, type FaultKind } from '../../sandbox/faults';
import type { SandboxInstance } from '../../sandbox/host';
import { SANDBOX_ACCOUNT_METADATA } from '../../connections/sandbox-clients';
import type { AuthState } from '../api-key-auth';
import { sendData } from '../respond';
import type { RouteSpec } from '../route-table';
import { dataEnvelope } from '../../openapi/schemas';


const faultBody = {
  type: 'object',
  additionalProperties: false,
  required: ['provider', 'fault'],
  properties: {
    provider: { type: 'string', minLength: 1 },
    endUserId: { type: 'string', minLength: 1, maxLength: 255, description: 'Limit the fault to this end user\'s connection; all sandbox accounts of the provider otherwise' },
    fault: { type: 'string', enum: [...FAULT_KINDS] },
    count: { type: 'integer', minimum: 1, maximum: 10000, description: 'Next N requests (default 1)' },
    durationSeconds: { type: 'integer', minimum: 1, maximum: 3600, description: 'Every request for this long, instead of a count' },
    latencyMs: { type: 'integer', minimum: 0, maximum: 120000 },
    retryAfterSeconds: { type: 'integer', minimum: 0, maximum: 3600, description: 'Retry-After sent with rate_limit faults (default 1)' },
  },
};

const statsSchema = {
  type: 'object',
  properties: {
    requests: { type: 'object', additionalProperties: { type: 'integer' } },
    totalRequests: { type: 'integer' }, rateLimited: { type: 'integer' }, tokensIssued: { type: 'integer' }, refreshes: { type: 'integer' },
  },
};

/** Fault injection and stats of the built-in sandboxes: test keys only. */
export function sandboxRoutes(deps: AppDeps): RouteSpec[] {
  return [
    {
      method: 'post', path: '/v1/sandbox/faults', operationId: 'injectSandboxFault', tag: 'Sandbox', auth: 'apiKey',
      summary: 'Queue a fault in a provider sandbox (test keys only)', body: faultBody,
      responses: { 201: { description: 'Queued', schema: dataEnvelope({ type: 'object' }) } },
      handler: async (ctx) => {
        const body = ctx.request.body as { provider: string; endUserId?: string; fault: FaultKind; count?: number; durationSeconds?: number; latencyMs?: number; retryAfterSeconds?: number };
        const sandbox = requireSandbox(ctx, deps, body.provider);
        const account = await sandboxAccountOf(ctx, deps, body.provider, body.endUserId);
        sandbox.kit.injectFault(account, body.fault, {
          count: body.count, durationSeconds: body.durationSeconds, latencyMs: body.latencyMs, retryAfterSeconds: body.retryAfterSeconds,
        });
        sendData(ctx, {
          provider: body.provider, endUserId: body.endUserId ?? null, fault: body.fault,
          count: body.durationSeconds ? null : body.count ?? 1, durationSeconds: body.durationSeconds ?? null,
        }, 201);
      },
    },
    {
      method: 'get', path: '/v1/sandbox/stats', operationId: 'getSandboxStats', tag: 'Sandbox', auth: 'apiKey',
      summary: 'What a provider sandbox received (test keys only)',
      query: {
        type: 'object', required: ['provider'],
        properties: { provider: { type: 'string', minLength: 1 }, endUserId: { type: 'string', minLength: 1 } },
      },
      responses: { 200: { description: 'Stats', schema: dataEnvelope(statsSchema) } },
      handler: async (ctx) => {
        const q = ctx.state.query as { provider: string; endUserId?: string };
        const sandbox = requireSandbox(ctx, deps, q.provider);
        const account = await sandboxAccountOf(ctx, deps, q.provider, q.endUserId);
        sendData(ctx, sandbox.kit.stats.get(account === ALL_ACCOUNTS ? undefined : account));
      },
    },
  ];
}

function requireSandbox(ctx: Context, deps: AppDeps, provider: string): SandboxInstance {
  if ((ctx.state.auth as AuthState).mode !== 'test') throw new ForbiddenError('Sandbox routes need a test-mode key (sk_test_…)');
  if (!deps.registry.get(provider)) throw new NotFoundError('PROVIDER_NOT_FOUND', { provider });
  const sandbox = deps.sandboxes?.get(provider);
  if (!sandbox) throw new ServiceUnavailableError('The sandboxes are turned off on this gateway (SANDBOX_ENABLED=false)');
  return sandbox;
}

/** The sandbox account behind an end user's connection, or every account when no end user is named. */
async function sandboxAccountOf(ctx: Context, deps: AppDeps, provider: string, endUserId?: string): Promise<string> {
  if (endUserId === undefined) return ALL_ACCOUNTS;
  const scope = scopeOf(ctx.state);
  if (!(await deps.store.endUsers.get(scope, endUserId))) throw new NotFoundError('END_USER_NOT_FOUND', { endUserId });
  const connection = await deps.store.connections.findCurrent(scope, endUserId, provider);
  const account = connection?.metadata[SANDBOX_ACCOUNT_METADATA];
  if (!account) throw new NotFoundError('CONNECTION_NOT_FOUND', { endUserId, provider });
  return account;
}
