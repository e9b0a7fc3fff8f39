import Router from '@koa/router';
import type { Context } from 'koa';
import {
  basicAuth, grantCaller, readForm, renderConsentPage, type OAuthClient, type SandboxKit,
} from '../../../src/provider-sdk';
import { APP_SCOPES } from './constants';
import { sendOAuthError } from './envelope';

/**
 * Pipedrive's OAuth server (reference/providers.md §3.1) on its real paths: `/oauth/authorize`,
 * `/oauth/token`, `/oauth/revoke`. HTTP Basic client auth only, no PKCE, no scope parameter,
 * rotating refresh tokens, `api_domain` in every token response. Error texts are those of the
 * "OAuth status codes" doc; the dead-refresh-token body is the SDK fixture's.
 */
const ACCOUNT_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const FORM = 'application/x-www-form-urlencoded';

type Checked<T> = { ok: true; value: T } | { ok: false; send(ctx: Context): void };
const fail = <T>(status: number, error: 'invalid_request' | 'invalid_client', message: string): Checked<T> =>
  ({ ok: false, send: (ctx) => sendOAuthError(ctx, status, error, message) });

function isUri(s: string | undefined): s is string {
  if (!s) return false;
  try { return Boolean(new URL(s).protocol); } catch { return false; }
}

interface AuthorizeRequest { client: OAuthClient; redirectUri: string; state: string | undefined; scopes: string[]; account: string | undefined }

/**
 * Checks the authorize query. An unknown client or a redirect_uri not registered for it is refused
 * here (never redirected to), with the token endpoint's messages since the authorize page's are
 * not documented. `sandbox_scopes` and `account` are sandbox-only extensions (README).
 */
function checkAuthorize(kit: SandboxKit, q: Record<string, unknown>): Checked<AuthorizeRequest> {
  const str = (k: string): string | undefined => (typeof q[k] === 'string' ? (q[k] as string) : undefined);
  const registered = kit.tokens.getClient(str('client_id'));
  if (!registered) return fail(400, 'invalid_client', 'Invalid client: client is invalid');
  const redirectUri = str('redirect_uri');
  if (!isUri(redirectUri)) return fail(400, 'invalid_request', 'Invalid request: redirect_uri is not a valid URI');
  if (!registered.redirectUris.includes(redirectUri)) return fail(400, 'invalid_request', 'Invalid request: redirect_uri is invalid');
  let scopes: string[] = [...APP_SCOPES];
  const narrowed = str('sandbox_scopes');
  if (narrowed !== undefined) {
    const asked = narrowed.split(',').map((s) => s.trim()).filter(Boolean);
    if (asked.some((s) => !(APP_SCOPES as readonly string[]).includes(s))) return fail(400, 'invalid_request', 'Invalid request: sandbox_scopes is invalid');
    // `base` is always on (§3.1 scopes table).
    scopes = APP_SCOPES.filter((s) => s === 'base' || asked.includes(s));
  }
  const account = str('account');
  if (account !== undefined && !ACCOUNT_PATTERN.test(account)) return fail(400, 'invalid_request', 'Invalid request: account is invalid');
  return { ok: true, value: { client: registered, redirectUri, state: str('state'), scopes, account } };
}

export function oauthRoutes(kit: SandboxKit): Router {
  const router = new Router();
  const authorizeRequest = (ctx: Context): Checked<AuthorizeRequest> => checkAuthorize(kit, ctx.query as Record<string, unknown>);

  router.get('/oauth/authorize', (ctx) => {
    const checked = authorizeRequest(ctx);
    if (!checked.ok) return checked.send(ctx);
    const r = checked.value;
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = renderConsentPage({ providerName: 'Pipedrive', appName: r.client.appName, scopes: r.scopes, accountId: r.account ?? kit.newAccountId() });
  });

  router.post('/oauth/authorize', async (ctx) => {
    const checked = authorizeRequest(ctx);
    if (!checked.ok) return checked.send(ctx);
    const r = checked.value;
    const form = await readForm(ctx);
    const target = new URL(r.redirectUri);
    if (form.decision !== 'allow') {
      target.searchParams.set('error', 'access_denied');
    } else {
      const account = form.account || r.account || kit.newAccountId();
      if (!ACCOUNT_PATTERN.test(account)) return sendOAuthError(ctx, 400, 'invalid_request', 'Invalid request: account is invalid');
      target.searchParams.set('code', kit.tokens.issueCode({ clientId: r.client.clientId, accountId: account, scopes: r.scopes, redirectUri: r.redirectUri }));
    }
    if (r.state !== undefined) target.searchParams.set('state', r.state);
    ctx.redirect(target.toString());
  });

  router.post('/oauth/token', async (ctx) => {
    const client = authenticate(ctx, kit);
    if (!client) return;
    const form = await readForm(ctx);
    if (!form.grant_type) return sendOAuthError(ctx, 400, 'invalid_request', 'Missing parameter: grant_type');
    if (form.grant_type === 'authorization_code') return exchangeCode(ctx, kit, client, form);
    if (form.grant_type === 'refresh_token') return refresh(ctx, kit, client, form);
    return sendOAuthError(ctx, 400, 'unsupported_grant_type', 'Unsupported grant type: grant_type is invalid');
  });

  router.post('/oauth/revoke', async (ctx) => {
    if (!authenticate(ctx, kit)) return;
    const form = await readForm(ctx);
    if (!form.token) return sendOAuthError(ctx, 400, 'invalid_request', 'Missing parameter: token');
    // Revoking either token ends the grant ("aka marking an app uninstalled", §3.1); an unknown
    // token is answered 200 as RFC 7009 asks.
    kit.tokens.revokeToken(form.token);
    ctx.status = 200;
    ctx.body = '';
  });

  return router;
}

/**
 * Content type first, then HTTP Basic credentials only: credentials in the body are not read, so a
 * body-auth client gets "cannot retrieve client credentials".
 */
function authenticate(ctx: Context, kit: SandboxKit): OAuthClient | null {
  if (ctx.get('content-type').split(';')[0].trim().toLowerCase() !== FORM) {
    sendOAuthError(ctx, 400, 'invalid_request', 'Invalid request: content must be application/x-www-form-urlencoded');
    return null;
  }
  const creds = basicAuth(ctx);
  if (!creds) {
    sendOAuthError(ctx, 400, 'invalid_client', 'Invalid client: cannot retrieve client credentials');
    return null;
  }
  const client = kit.tokens.authenticateClient(creds.user, creds.pass);
  if (!client) {
    ctx.set('WWW-Authenticate', 'Basic realm="Service"');
    sendOAuthError(ctx, 401, 'invalid_client', 'Invalid client: client is invalid');
    return null;
  }
  return client;
}

function exchangeCode(ctx: Context, kit: SandboxKit, client: OAuthClient, form: Record<string, string>): void {
  if (!form.code) return sendOAuthError(ctx, 400, 'invalid_request', 'Missing parameter: code');
  if (!isUri(form.redirect_uri)) return sendOAuthError(ctx, 400, 'invalid_request', 'Invalid request: redirect_uri is not a valid URI');
  const result = kit.tokens.redeemCode(form.code, { clientId: client.clientId, redirectUri: form.redirect_uri }, true);
  if (!result.ok) {
    if (result.error === 'redirect_mismatch') return sendOAuthError(ctx, 400, 'invalid_request', 'Invalid request: redirect_uri is invalid');
    const message = result.error === 'expired' ? 'Invalid grant: authorization_code has expired' : 'Invalid grant: authorization_code is invalid';
    return sendOAuthError(ctx, 400, 'invalid_grant', message);
  }
  kit.stats.tokenIssued(grantCaller(result.tokens.grant));
  sendTokens(ctx, kit, result.tokens);
}

function refresh(ctx: Context, kit: SandboxKit, client: OAuthClient, form: Record<string, string>): void {
  if (!form.refresh_token) return sendOAuthError(ctx, 400, 'invalid_request', 'Missing parameter: refresh_token');
  // Rotation: the presented token is spent; replaying it is invalid_grant but does not kill the grant.
  const result = kit.tokens.refresh(form.refresh_token, { clientId: client.clientId, rotate: true, revokeOnReuse: false });
  if (!result.ok) return sendOAuthError(ctx, 400, 'invalid_grant', 'Invalid grant: refresh token is invalid');
  kit.stats.tokenIssued(grantCaller(result.tokens.grant));
  kit.stats.refreshed(grantCaller(result.tokens.grant));
  sendTokens(ctx, kit, result.tokens);
}

function sendTokens(ctx: Context, kit: SandboxKit, t: { accessToken: string; refreshToken: string; expiresIn: number; grant: { scopes: string[] } }): void {
  ctx.set('Cache-Control', 'no-store');
  ctx.body = {
    access_token: t.accessToken,
    token_type: 'Bearer',
    refresh_token: t.refreshToken,
    scope: t.grant.scopes.join(','),
    expires_in: t.expiresIn,
    api_domain: kit.baseUrl(ctx),
  };
}
