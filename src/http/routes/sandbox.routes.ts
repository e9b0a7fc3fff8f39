import type { Context } from 'koa';
import type { AppDeps } from '../../app-deps';
import { scopeOf } from '../../app-deps';
import { ForbiddenError, InvalidInputError, NotFoundError, ServiceUnavailableError } from '../../errors';
import { createHash } from 'node:crypto';
import { authSchemeOf } from '../../provider-sdk/manifest';
import { issueSandboxApiKey, sandboxConfig } from '../../connections/sandbox-credentials';
import { FAULT_KINDS, type FaultKind } from '../../provider-sdk/sandbox-kit/faults';
import type { SandboxInstance } from '../../sandbox/host';
import { sandboxGrantsOf } from '../../connections/sandbox-account';
import type { Connection, Scope } from '../../store/types';
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
    endUserId: { type: 'string', minLength: 1, maxLength: 255, description: 'Limit the fault to this end user\'s connection; every connection of the calling account and mode to the provider otherwise' },
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
      responses: {
        201: {
          description: 'Queued',
          schema: dataEnvelope({
            type: 'object',
            properties: { connections: { type: 'integer', description: 'How many connections of the calling account the fault applies to' } },
          }),
        },
      },
      handler: async (ctx) => {
        const body = ctx.request.body as { provider: string; endUserId?: string; fault: FaultKind; count?: number; durationSeconds?: number; latencyMs?: number; retryAfterSeconds?: number };
        const sandbox = requireSandbox(ctx, deps, body.provider);
        const target = await scopedGrants(ctx, deps, sandbox, body.provider, body.endUserId);
        sandbox.kit.injectFault({ grants: target.grants }, body.fault, {
          count: body.count, durationSeconds: body.durationSeconds, latencyMs: body.latencyMs, retryAfterSeconds: body.retryAfterSeconds,
        });
        sendData(ctx, {
          provider: body.provider, endUserId: body.endUserId ?? null, fault: body.fault,
          count: body.durationSeconds ? null : body.count ?? 1, durationSeconds: body.durationSeconds ?? null,
          connections: target.connections,
        }, 201);
      },
    },
    {
      method: 'post', path: '/v1/sandbox/credentials', operationId: 'issueSandboxCredentials', tag: 'Sandbox', auth: 'apiKey',
      summary: 'An API key from a provider sandbox, with the connection config it needs, ready for POST /v1/connections (test keys only)',
      body: {
        type: 'object', additionalProperties: false, required: ['provider'],
        properties: {
          provider: { type: 'string', minLength: 1 },
          endUserId: { type: 'string', minLength: 1, maxLength: 255, description: 'Issue it in this end user\'s own sandbox account (one per account otherwise)' },
        },
      },
      responses: {
        201: {
          description: 'Issued',
          schema: dataEnvelope({
            type: 'object', required: ['credentials', 'config'],
            properties: {
              credentials: { type: 'object', properties: { apiKey: { type: 'string' } } },
              config: { type: 'object', additionalProperties: { type: 'string' }, description: "The provider's connectionConfig pointing at its sandbox" },
            },
          }),
        },
      },
      handler: async (ctx) => {
        const body = ctx.request.body as { provider: string; endUserId?: string };
        const auth = ctx.state.auth as AuthState;
        if (auth.mode !== 'test') throw new ForbiddenError('Sandbox routes need a test-mode key (sk_test_…)');
        const def = deps.registry.get(body.provider);
        if (!def) throw new NotFoundError('PROVIDER_NOT_FOUND', { provider: body.provider });
        if (!authSchemeOf(def.manifest, 'api_key')?.sandboxIssuePath) {
          throw new InvalidInputError([{ field: 'provider', message: 'takes no API key in its sandbox; connect it through the Connect widget' }]);
        }
        if (!deps.sandboxes && !deps.config.sandboxBaseUrl) throw new ServiceUnavailableError('The sandboxes are turned off on this gateway (SANDBOX_ENABLED=false)');
        // A sandbox account of the caller's own (per end user when one is named): never a shared name like "demo".
        const account = `gw_${createHash('sha256').update(JSON.stringify([scopeOf(ctx.state).accountId, body.endUserId ?? null])).digest('hex').slice(0, 24)}`;
        const apiKey = await issueSandboxApiKey(deps.endpoints, def.manifest, account);
        sendData(ctx, { credentials: { apiKey }, config: sandboxConfig(deps.endpoints, def.manifest) }, 201);
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
        const target = await scopedGrants(ctx, deps, sandbox, q.provider, q.endUserId);
        sendData(ctx, sandbox.kit.stats.ofGrants(target.grants));
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

/**
 * What a sandbox call of the caller may reach (API.md § Sandbox scoping): the grants behind the end
 * user's current connection to the provider, or behind every connection of the calling account and
 * mode to it. Never a sandbox account as a whole: other tenants may have connected the same one.
 */
async function scopedGrants(ctx: Context, deps: AppDeps, sandbox: SandboxInstance, provider: string, endUserId?: string):
  Promise<{ connections: number; grants: string[] }> {
  const scope = scopeOf(ctx.state);
  let connections: Connection[];
  if (endUserId === undefined) {
    connections = await connectionsTo(deps, scope, provider);
  } else {
    if (!(await deps.store.endUsers.get(scope, endUserId))) throw new NotFoundError('END_USER_NOT_FOUND', { endUserId });
    const connection = await deps.store.connections.findCurrent(scope, endUserId, provider);
    connections = connection ? [connection] : [];
  }
  const grants = sandboxGrantsOf(sandbox.kit, deps.cipher, connections);
  if (endUserId !== undefined && grants.length === 0) throw new NotFoundError('CONNECTION_NOT_FOUND', { endUserId, provider });
  return { connections: connections.length, grants };
}

const PAGE = 200;

async function connectionsTo(deps: AppDeps, scope: Scope, provider: string): Promise<Connection[]> {
  const all: Connection[] = [];
  for (;;) {
    const page = await deps.store.connections.list(scope, { provider }, PAGE, all.at(-1)?.id);
    all.push(...page);
    if (page.length < PAGE) return all;
  }
}
