import type Router from '@koa/router';
import type { Context } from 'koa';
import { readForm, renderConsentPage, type OAuthClient, type SandboxKit } from '../../../src/provider-sdk';

/**
 * GET/POST /oauth/authorize (real host app.hubspot.com, reference/providers.md §1.2): renders the
 * consent page; the page's form posts back with decision=allow|deny. Allow redirects with `code`
 * and `state`, deny with `error=access_denied`. An unknown client_id or an unregistered
 * redirect_uri gets an error page and no redirect. PKCE: an S256 `code_challenge` binds the code.
 * Sandbox extension: `account=<id>` preselects the sandbox account of the grant.
 */
const ACCOUNT_ID = /^[A-Za-z0-9_-]{1,64}$/;

interface AuthorizeRequest { client: OAuthClient; redirectUri: string; scopes: string[]; state?: string; codeChallenge?: string }

const q = (ctx: Context, name: string): string | undefined => {
  const v = ctx.query[name];
  return Array.isArray(v) ? v[0] : v;
};

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function errorPage(ctx: Context, message: string): void {
  ctx.status = 400;
  ctx.type = 'html';
  ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>HubSpot sandbox: authorization error</title></head>
<body><main><h1>Authorization failed</h1><p>${escapeHtml(message)}</p></main></body></html>`;
}

/** Scopes are space-separated (§1.2); `optional_scope` ones are granted too in the sandbox. */
function scopesOf(ctx: Context): string[] {
  const split = (s: string | undefined): string[] => (s ?? '').split(/[\s+]+/).filter(Boolean);
  return [...new Set([...split(q(ctx, 'scope')), ...split(q(ctx, 'optional_scope'))])];
}

function parseRequest(ctx: Context, kit: SandboxKit): AuthorizeRequest | null {
  const client = kit.tokens.getClient(q(ctx, 'client_id'));
  if (!client) { errorPage(ctx, 'This app is not installed correctly: the client_id is unknown.'); return null; }
  const redirectUri = q(ctx, 'redirect_uri') ?? '';
  if (!client.redirectUris.includes(redirectUri)) {
    errorPage(ctx, "The redirect_uri does not match the app's registered redirect URLs.");
    return null;
  }
  const scopes = scopesOf(ctx);
  if (scopes.length === 0) { errorPage(ctx, 'The scope parameter is required.'); return null; }
  const codeChallenge = q(ctx, 'code_challenge');
  const method = q(ctx, 'code_challenge_method') ?? 'S256';
  if (codeChallenge && method !== 'S256') { errorPage(ctx, 'Only code_challenge_method=S256 is supported.'); return null; }
  return { client, redirectUri, scopes, state: q(ctx, 'state'), codeChallenge };
}

function redirectTo(ctx: Context, redirectUri: string, params: Record<string, string | undefined>): void {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  ctx.redirect(url.toString());
}

export function registerAuthorizeRoutes(router: Router, kit: SandboxKit): void {
  router.get('/oauth/authorize', (ctx) => {
    const req = parseRequest(ctx, kit);
    if (!req) return;
    const preset = q(ctx, 'account');
    ctx.type = 'html';
    ctx.body = renderConsentPage({
      providerName: 'HubSpot', appName: req.client.appName, scopes: req.scopes,
      accountId: preset && ACCOUNT_ID.test(preset) ? preset : kit.newAccountId(),
    });
  });

  router.post('/oauth/authorize', async (ctx) => {
    const req = parseRequest(ctx, kit);
    if (!req) return;
    const form = await readForm(ctx);
    if (form.decision !== 'allow') {
      return redirectTo(ctx, req.redirectUri, { error: 'access_denied', error_description: 'The user denied the request.', state: req.state });
    }
    const accountId = form.account || q(ctx, 'account') || kit.newAccountId();
    if (!ACCOUNT_ID.test(accountId)) return errorPage(ctx, 'The sandbox account id must match [A-Za-z0-9_-]{1,64}.');
    // `oauth` is always granted (§1.2 token example).
    const scopes = ['oauth', ...req.scopes.filter((s) => s !== 'oauth')];
    const code = kit.tokens.issueCode({ clientId: req.client.clientId, accountId, scopes, redirectUri: req.redirectUri, codeChallenge: req.codeChallenge });
    redirectTo(ctx, req.redirectUri, { code, state: req.state });
  });
}
