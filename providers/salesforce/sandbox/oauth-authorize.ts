import Router from '@koa/router';
import type { Context } from 'koa';
import { readForm, renderConsentPage, type OAuthClient, type SandboxKit } from '../../../src/provider-sdk';

/**
 * The web-server flow's authorize endpoint (reference/providers.md §2.1) at its real path
 * `/services/oauth2/authorize`. GET renders the consent page; the page posts back to the same URL
 * with decision=allow|deny. Unknown client_id or an unregistered redirect_uri never redirect to the
 * caller's URL: like Salesforce, they go to Salesforce's own RemoteAccessErrorPage with the error in
 * the query. Sandbox extension: `account=<id>` preselects the sandbox account (org) of the grant.
 */
export const AUTHORIZE_PATH = '/services/oauth2/authorize';
export const ERROR_PAGE_PATH = '/setup/secur/RemoteAccessErrorPage.apexp';

/** Scopes Salesforce knows (openid-configuration `scopes_supported`, help `remoteaccess_oauth_scopes`). */
const KNOWN_SCOPES = new Set(['api', 'refresh_token', 'offline_access', 'id', 'openid', 'profile', 'email', 'address', 'phone', 'web',
  'full', 'chatter_api', 'visualforce', 'custom_permissions', 'wave_api', 'eclair_api', 'pardot_api', 'lightning', 'content', 'sfap_api']);
/** What a Connected App grants when the request names no scope: its configured scopes. */
const DEFAULT_SCOPES = ['api', 'refresh_token'];
const ACCOUNT_RE = /^[A-Za-z0-9_-]{1,64}$/;

type Params = Record<string, string | undefined>;

function queryParams(ctx: Context): Params {
  const out: Params = {};
  for (const [k, v] of Object.entries(ctx.query)) out[k] = Array.isArray(v) ? v[0] : v;
  return out;
}

function errorPage(ctx: Context, kit: SandboxKit, error: string, description: string): void {
  const q = new URLSearchParams({ display: 'page', error, error_description: description });
  ctx.redirect(`${kit.baseUrl(ctx)}${ERROR_PAGE_PATH}?${q.toString()}`);
}

function redirectBack(ctx: Context, redirectUri: string, params: Record<string, string | undefined>): void {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  ctx.redirect(url.toString());
}

interface Checked { client: OAuthClient; redirectUri: string; scopes: string[]; state?: string; challenge?: string }

/** Validates the request as Salesforce does; answers (error page or redirect) and returns null on error. */
function check(ctx: Context, kit: SandboxKit, p: Params): Checked | null {
  const client = kit.tokens.getClient(p.client_id);
  if (!client) { errorPage(ctx, kit, 'invalid_client_id', 'client identifier invalid'); return null; }
  const redirectUri = p.redirect_uri ?? '';
  if (!client.redirectUris.includes(redirectUri)) {
    errorPage(ctx, kit, 'redirect_uri_mismatch', 'redirect_uri must match configuration');
    return null;
  }
  const state = p.state;
  if (p.response_type !== 'code') {
    redirectBack(ctx, redirectUri, { error: 'unsupported_response_type', error_description: 'response type not supported', state });
    return null;
  }
  const scopes = p.scope ? p.scope.split(/[\s+]+/).filter(Boolean) : DEFAULT_SCOPES;
  if (scopes.some((s) => !KNOWN_SCOPES.has(s))) {
    redirectBack(ctx, redirectUri, { error: 'invalid_scope', error_description: 'the requested scope is not allowed', state });
    return null;
  }
  // Salesforce's PKCE is S256 (§2.1 PKCE: code_challenge = base64url(SHA256(verifier))).
  if (p.code_challenge && p.code_challenge_method && p.code_challenge_method !== 'S256') {
    redirectBack(ctx, redirectUri, { error: 'invalid_request', error_description: 'invalid code challenge method', state });
    return null;
  }
  return { client, redirectUri, scopes, state, challenge: p.code_challenge || undefined };
}

export function authorizeRoutes(kit: SandboxKit): Router {
  const router = new Router();

  router.get(AUTHORIZE_PATH, (ctx) => {
    const p = queryParams(ctx);
    const c = check(ctx, kit, p);
    if (!c) return;
    const accountId = p.account && ACCOUNT_RE.test(p.account) ? p.account : kit.newAccountId();
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = renderConsentPage({ providerName: 'Salesforce', appName: c.client.appName, scopes: c.scopes, accountId });
  });

  router.post(AUTHORIZE_PATH, async (ctx) => {
    const form = await readForm(ctx);
    // Parameters may come in the query (the consent form keeps it) or in the body (Salesforce accepts POST).
    const p: Params = { ...queryParams(ctx), ...form };
    const c = check(ctx, kit, p);
    if (!c) return;
    if (form.decision !== 'allow') {
      redirectBack(ctx, c.redirectUri, { error: 'access_denied', error_description: 'end-user denied authorization', state: c.state });
      return;
    }
    const accountId = form.account ?? p.account ?? '';
    if (!ACCOUNT_RE.test(accountId)) {
      ctx.status = 400;
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = 'Sandbox account must match [A-Za-z0-9_-]{1,64}.';
      return;
    }
    const code = kit.tokens.issueCode({ clientId: c.client.clientId, accountId, scopes: c.scopes, redirectUri: c.redirectUri, codeChallenge: c.challenge });
    redirectBack(ctx, c.redirectUri, { code, state: c.state });
  });

  router.get(ERROR_PAGE_PATH, (ctx) => {
    const esc = (s: string): string => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
    const error = String(ctx.query.error ?? 'unknown_error');
    const description = String(ctx.query.error_description ?? '');
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Remote Access Error</title></head>
<body><h1>Remote Access Error</h1><p>error=${esc(error)}</p><p>error_description=${esc(description)}</p></body></html>`;
  });

  return router;
}
