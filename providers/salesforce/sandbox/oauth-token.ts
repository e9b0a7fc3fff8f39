import Router from '@koa/router';
import type { Context } from 'koa';
import { basicAuth, bearerToken, grantCaller, readForm, type OAuthClient, type SandboxKit } from '../../../src/provider-sdk';
import { sendJson, sendOAuthError } from './errors';
import { faultRenderers } from './limits';
import { orgOf } from './seed';
import { accountOfToken, grantsRefresh, identityUrl, kitToken, tokenResponse, verifySession } from './session-tokens';
import { salesforceSettings } from './settings';

/**
 * Token, revoke and introspect endpoints (reference/providers.md §2.1) and the identity URL that
 * the token response's `id` points at. Client authentication is client_id/client_secret in the
 * form body or HTTP Basic: Salesforce accepts both.
 */
export const TOKEN_PATH = '/services/oauth2/token';
const EXPIRED = 'expired access/refresh token';

/** The authenticated client, or null after answering with Salesforce's error. */
function authenticate(ctx: Context, kit: SandboxKit, form: Record<string, string>): OAuthClient | null {
  const basic = basicAuth(ctx);
  const clientId = basic?.user ?? form.client_id;
  const secret = basic?.pass ?? form.client_secret;
  if (!kit.tokens.getClient(clientId)) { sendOAuthError(ctx, 400, 'invalid_client_id', 'client identifier invalid'); return null; }
  const client = kit.tokens.authenticateClient(clientId, secret);
  if (!client) { sendOAuthError(ctx, 400, 'invalid_client', 'invalid client credentials'); return null; }
  return client;
}

async function authorizationCode(ctx: Context, kit: SandboxKit, form: Record<string, string>, client: OAuthClient): Promise<void> {
  const rtr = salesforceSettings(kit).refreshTokenRotation;
  const r = kit.tokens.redeemCode(form.code ?? '', { clientId: client.clientId, redirectUri: form.redirect_uri ?? '', codeVerifier: form.code_verifier }, rtr);
  if (!r.ok) {
    switch (r.error) {
      case 'expired': return sendOAuthError(ctx, 400, 'invalid_grant', 'authorization code expired');
      case 'redirect_mismatch': return sendOAuthError(ctx, 400, 'redirect_uri_mismatch', 'redirect_uri must match configuration');
      // §2.1 PKCE: a missing verifier is invalid_grant, a mismatched one invalid_request.
      case 'pkce_missing': return sendOAuthError(ctx, 400, 'invalid_grant', 'invalid code verifier');
      case 'pkce_mismatch': return sendOAuthError(ctx, 400, 'invalid_request', 'invalid code verifier');
      default: return sendOAuthError(ctx, 400, 'invalid_grant', 'invalid authorization code');
    }
  }
  const caller = grantCaller(r.tokens.grant);
  kit.stats.request(caller, ctx.method, ctx.path);
  kit.stats.tokenIssued(caller);
  sendJson(ctx, 200, tokenResponse(kit, ctx, client, r.tokens, grantsRefresh(r.tokens.grant.scopes)));
}

async function refreshToken(ctx: Context, kit: SandboxKit, form: Record<string, string>, client: OAuthClient): Promise<void> {
  const presented = form.refresh_token ?? '';
  const caller = kit.tokens.callerOf(presented);
  // Faults apply to refreshes too, so tests can make a refresh fail or hang.
  if (caller && !(await kit.gate(ctx, caller, faultRenderers(kit, caller.accountId)))) return;
  const rtr = salesforceSettings(kit).refreshTokenRotation;
  const r = kit.tokens.refresh(presented, { clientId: client.clientId, rotate: rtr, revokeOnReuse: rtr });
  // §2.1: revoked, expired, idle, rotated-away and unknown refresh tokens all get the same body.
  if (!r.ok) return sendOAuthError(ctx, 400, 'invalid_grant', EXPIRED);
  kit.stats.tokenIssued(grantCaller(r.tokens.grant));
  kit.stats.refreshed(grantCaller(r.tokens.grant));
  // Without rotation the refresh response has the same fields minus refresh_token.
  sendJson(ctx, 200, tokenResponse(kit, ctx, client, r.tokens, rtr));
}

export function tokenRoutes(kit: SandboxKit): Router {
  const router = new Router();

  router.post(TOKEN_PATH, async (ctx) => {
    ctx.set('Cache-Control', 'no-cache,must-revalidate,max-age=0,no-store,private');
    const form = await readForm(ctx);
    if (form.grant_type !== 'authorization_code' && form.grant_type !== 'refresh_token') {
      return sendOAuthError(ctx, 400, 'unsupported_grant_type', 'grant type not supported');
    }
    const client = authenticate(ctx, kit, form);
    if (!client) return;
    if (form.grant_type === 'authorization_code') await authorizationCode(ctx, kit, form, client);
    else await refreshToken(ctx, kit, form, client);
  });

  const revoke = async (ctx: Context): Promise<void> => {
    const form = ctx.method === 'POST' ? await readForm(ctx) : {};
    const token = form.token ?? (typeof ctx.query.token === 'string' ? ctx.query.token : '');
    // The kit revokes the whole grant for either token kind (see README: deviations).
    if (!kit.tokens.revokeToken(kitToken(token))) return sendOAuthError(ctx, 400, 'unsupported_token_type', 'this token type is not supported');
    ctx.status = 200;
    ctx.body = '';
  };
  router.post('/services/oauth2/revoke', revoke);
  router.get('/services/oauth2/revoke', revoke);

  router.post('/services/oauth2/introspect', async (ctx) => {
    const form = await readForm(ctx);
    const client = authenticate(ctx, kit, form);
    if (!client) return;
    sendJson(ctx, 200, introspect(kit, form.token ?? '', client));
  });

  router.get('/id/:org/:user', (ctx) => {
    const session = verifySession(kit, bearerToken(ctx) ?? '');
    if (!session.ok) {
      ctx.status = 403;
      ctx.type = 'text/plain';
      ctx.body = 'Bad_OAuth_Token';
      return;
    }
    const org = orgOf(kit, session.grant.accountId);
    const user = org.tables.User.get(org.userId.slice(0, 15));
    const id = identityUrl(kit, ctx, session.grant.accountId);
    if (!ctx.path.endsWith(`${org.orgId}/${org.userId}`) || !user) {
      ctx.status = 404;
      ctx.type = 'text/plain';
      ctx.body = 'Not Found';
      return;
    }
    const base = kit.baseUrl(ctx);
    sendJson(ctx, 200, {
      id, asserted_user: true, user_id: org.userId, organization_id: org.orgId, username: user.Username,
      display_name: user.Name, email: user.Email, first_name: user.FirstName, last_name: user.LastName, active: true,
      user_type: 'STANDARD', language: 'en_US', locale: 'en_US', utcOffset: 0,
      urls: { rest: `${base}/services/data/v{version}/`, sobjects: `${base}/services/data/v{version}/sobjects/`,
        query: `${base}/services/data/v{version}/query/`, profile: `${base}/${org.userId}`,
        // The org's My Domain: in the sandbox, the instance itself.
        custom_domain: base },
    });
  });

  return router;
}

/** RFC 7662 shape as Salesforce returns it; `exp` is how clients learn the session lifetime (§2.1). */
function introspect(kit: SandboxKit, token: string, client: OAuthClient): Record<string, unknown> {
  const session = verifySession(kit, token);
  const acc = session.ok ? session.grant.accountId : accountOfToken(kit, token);
  if (!acc) return { active: false };
  const org = orgOf(kit, acc);
  const username = org.tables.User.get(org.userId.slice(0, 15))?.Username;
  if (session.ok) {
    return {
      active: true, scope: session.grant.scopes.join(' '), client_id: client.clientId, username, sub: `${org.orgId}/${org.userId}`,
      token_type: 'access_token', exp: Math.floor(session.expiresAt / 1000),
      iat: Math.floor(session.expiresAt / 1000) - kit.tokens.accessTokenTtlSeconds,
      nbf: Math.floor(session.expiresAt / 1000) - kit.tokens.accessTokenTtlSeconds,
    };
  }
  // A refresh token stays active until its grant is revoked (or, with rotation, superseded). A refresh
  // without rotation changes no grant state, so it doubles as a side-effect-free check.
  if (token.startsWith('00D') || !kit.tokens.refresh(token, { clientId: client.clientId, rotate: false }).ok) return { active: false };
  return { active: true, client_id: client.clientId, username, sub: `${org.orgId}/${org.userId}`, token_type: 'refresh_token' };
}
