import type { Context, Middleware, Next } from 'koa';
import { bearerToken, grantCaller, type Grant, type SandboxKit } from '../../../src/provider-sdk';
import { sendProxyError } from './envelope';
import type { CompanyState, User } from './model';
import { faultRenderers, takeBudget } from './rate-limits';
import { seedCompany } from './seed';

/** What an authenticated API request carries to its handler. */
export interface ApiState { accountId: string; grant: Grant; company: CompanyState; me: User }

export function apiState(ctx: Context): ApiState {
  return (ctx.state as { pipedrive: ApiState }).pipedrive;
}

export function companyOf(kit: SandboxKit, accountId: string): CompanyState {
  return kit.account(accountId, seedCompany);
}

/**
 * The API proxy in front of `/api/v1` and `/api/v2` (reference/providers.md §3.6): bearer token,
 * then the account's fault queue and stats, then burst limits. Messages follow the OAuth status-codes
 * doc; the two 401 texts are ⚠️ (oauth2-server format, §3.6).
 */
export function apiAuth(kit: SandboxKit): Middleware {
  return async (ctx: Context, next: Next) => {
    if (!ctx.path.startsWith('/api/')) return next();
    if (!ctx.get('authorization')) {
      sendProxyError(ctx, 401, 'You need to be authorized to make this request.');
      return;
    }
    const token = bearerToken(ctx);
    if (!token) {
      sendProxyError(ctx, 400, 'Invalid request: malformed authorization header');
      return;
    }
    const verdict = kit.tokens.verifyAccess(token);
    if (!verdict.ok) {
      sendProxyError(ctx, 401, verdict.error === 'expired' ? 'Invalid token: access token has expired' : 'Invalid token: access token is invalid');
      return;
    }
    const accountId = verdict.grant.accountId;
    if (!(await kit.gate(ctx, grantCaller(verdict.grant), faultRenderers(kit, accountId)))) return;
    if (!takeBudget(kit, ctx, accountId, /\/search$/.test(ctx.path))) return;
    const company = companyOf(kit, accountId);
    (ctx.state as { pipedrive: ApiState }).pipedrive = { accountId, grant: verdict.grant, company, me: company.users[0] };
    await next();
  };
}

/**
 * Route guard: the grant must hold one of the scopes (§3.1 table); otherwise Pipedrive's
 * "Scope and URL mismatch" 403 ✅.
 */
export function requireScope(...anyOf: string[]): Middleware {
  return async (ctx: Context, next: Next) => {
    const { grant } = apiState(ctx);
    if (!anyOf.some((s) => grant.scopes.includes(s))) {
      sendProxyError(ctx, 403, 'Scope and URL mismatch');
      return;
    }
    await next();
  };
}

/** Scope sets per resource: `:full` implies `:read` (§3.1). */
export const SCOPES = {
  contactsRead: ['contacts:read', 'contacts:full'],
  contactsWrite: ['contacts:full'],
  /** Person search accepts contacts:read, contacts:full or search:read (§3.1). */
  personSearch: ['contacts:read', 'contacts:full', 'search:read'],
  leadsRead: ['leads:read', 'leads:full'],
  leadsWrite: ['leads:full'],
  activitiesRead: ['activities:read', 'activities:full'],
  activitiesWrite: ['activities:full'],
  base: ['base'],
  usersRead: ['users:read', 'admin'],
  /** Leads inherit deal fields; whether leads scopes open /v1/dealFields is UNCONFIRMED (README). */
  dealFields: ['deals:read', 'deals:full', 'leads:read', 'leads:full'],
} as const;
