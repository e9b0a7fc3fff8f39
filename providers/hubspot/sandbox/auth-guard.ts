import type { Context } from 'koa';
import type { RouterContext, RouterMiddleware } from '@koa/router';
import { bearerToken, grantCaller, type SandboxKit } from '../../../src/provider-sdk';
import { sendError } from './errors';
import { faultRenderers, takeBudget } from './limits';
import { seedAccount } from './seed';
import { resolveObjectType, type AccountState, type ObjectType } from './state';

/** What a CRM handler gets once the request is authenticated, gated, within budget and in scope. */
export interface CrmRequest {
  kit: SandboxKit;
  accountId: string;
  state: AccountState;
  /** The resolved `:objectType` route parameter, when the route has one. */
  type: ObjectType;
}

export type Access = 'read' | 'write';
export type CrmHandler = (ctx: RouterContext, req: CrmRequest) => Promise<void> | void;

/** Required scopes (any one of them) per object; meetings use the contacts scopes (§0 item 1, §1.5). */
export function scopesFor(type: ObjectType, access: Access): string[] {
  return type === 'leads' ? [`crm.objects.leads.${access}`] : [`crm.objects.contacts.${access}`];
}

export function accountState(kit: SandboxKit, accountId: string): AccountState {
  return kit.account(accountId, seedAccount);
}

/** 401 for a missing, unknown or revoked token (§1.7, ⚠️ raw logs). */
export function invalidAuthentication(ctx: Context): void {
  ctx.set('x-hubspot-auth-failure', '401 Unauthorized');
  sendError(ctx, 401, 'INVALID_AUTHENTICATION', 'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview');
}

/** 401 EXPIRED_AUTHENTICATION with HubSpot's "expired N second(s) ago" text and `expire time` context (§1.7). */
export function expiredAuthentication(ctx: Context, kit: SandboxKit, expiredAt: number): void {
  const ago = Math.max(0, Math.floor((kit.clock.now() - expiredAt) / 1000));
  sendError(ctx, 401, 'EXPIRED_AUTHENTICATION', `The OAuth token used to make this call expired ${ago} second(s) ago.`,
    { context: { 'expire time': [new Date(expiredAt).toISOString()] } });
}

export function missingScopes(ctx: Context, required: string[]): void {
  sendError(ctx, 403, 'MISSING_SCOPES', "This app hasn't been granted all required scopes to make this call.", {
    errors: [{ message: 'One or more of the following scopes are required.', context: { requiredGranularScopes: required } }],
  });
}

export interface GuardOptions {
  access: Access;
  /** Search routes have their own 5 req/s budget and no rate-limit headers (§1.6). */
  search?: boolean;
  /** Scopes (any one) for routes without an object type; defaults to scopesFor(type, access). */
  scopes?: string[];
}

/**
 * Wraps a CRM route: bearer token → 401 bodies; then kit.gate (stats + queued faults); then the
 * account's budget → 429; then the object type (HubSpot's 400 for unknown types) and scope → 403.
 */
export function crmRoute(kit: SandboxKit, opts: GuardOptions, handler: CrmHandler): RouterMiddleware {
  return async (ctx) => {
    const token = bearerToken(ctx);
    if (!token) return invalidAuthentication(ctx);
    const verdict = kit.tokens.verifyAccess(token);
    if (!verdict.ok) {
      const owner = kit.tokens.callerOf(token);
      if (owner) kit.stats.request(owner, ctx.method, ctx.path);
      if (verdict.error === 'expired' && verdict.expiredAt !== undefined) return expiredAuthentication(ctx, kit, verdict.expiredAt);
      return invalidAuthentication(ctx);
    }
    const accountId = verdict.grant.accountId;
    const search = opts.search === true;
    if (!(await kit.gate(ctx, grantCaller(verdict.grant), faultRenderers(kit, accountId, search)))) return;
    if (!takeBudget(kit, ctx, accountId, search)) return;
    const rawType = ctx.params.objectType;
    const type = rawType === undefined ? 'contacts' : resolveObjectType(rawType);
    if (!type) return sendError(ctx, 400, 'VALIDATION_ERROR', `Unable to infer object type from: ${rawType}`);
    const required = opts.scopes ?? scopesFor(type, opts.access);
    if (!required.some((s) => verdict.grant.scopes.includes(s))) return missingScopes(ctx, required);
    await handler(ctx, { kit, accountId, state: accountState(kit, accountId), type });
  };
}
