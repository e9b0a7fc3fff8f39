import type { Context } from 'koa';
import type { AppDeps } from '../../app-deps';
import { scopeOf } from '../../app-deps';
import { sendData } from '../respond';
import type { RouteSpec } from '../route-table';
import { dataEnvelope } from '../../openapi/schemas';
import { NotFoundError } from '../../errors';
import { publicProvider } from '../../provider-sdk/manifest';
import { connectServices } from '../../connect/connect-services';
import { normalizeAllowedOrigin } from '../../connect/allowed-origin';
import { sessionAllows } from '../../connect/connect-tokens';
import { API_KEY_SCHEMA, connectApiKey } from '../../connect/api-key-connect';
import { toFlowError } from '../../connect/flow-error';
import { CALLBACK_SCRIPT, CONNECT_CSP, renderResultPage, type ResultView } from '../../connect/result-page';
import { OAUTH_CALLBACK_PATH } from '../../connections/sandbox-clients';
import { OAUTH_STATE_TTL_MS } from '../../connect/oauth-flow';
import { bindingCookieName, bindingSetCookie, clearBindingCookie } from '../../connect/browser-binding';
import { sha256Hex } from '../../connect/secrets';

const ID = { type: 'string', minLength: 1, maxLength: 255 };

const tokenBody = {
  type: 'object', additionalProperties: false, required: ['endUserId'],
  properties: {
    endUserId: ID,
    endUserEmail: { type: 'string', format: 'email', maxLength: 320 },
    endUserName: { type: 'string', minLength: 1, maxLength: 255 },
    providers: { type: 'array', minItems: 1, maxItems: 50, uniqueItems: true, items: ID },
    allowedOrigin: { type: 'string', minLength: 1, maxLength: 2048 },
  },
};

const tokenSchema = {
  type: 'object',
  properties: { token: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' }, url: { type: 'string' } },
};

/** The connect token of a widget call: `Authorization: Bearer ct_…`. */
const bearer = (ctx: Context): string | undefined => /^Bearer (\S+)$/.exec(ctx.get('authorization'))?.[1];

/** Pages and scripts of the connect flow: no framing by others, no referrer, strict CSP. */
function pageHeaders(ctx: Context): void {
  ctx.set('Content-Security-Policy', `${CONNECT_CSP}; frame-ancestors 'none'`);
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('Cache-Control', 'no-store');
}

/** The browser-binding cookie is Secure whenever the gateway is reached over https (PUBLIC_URL or this request). */
const secureCookies = (deps: AppDeps, ctx: Context): boolean => deps.config.publicUrl.startsWith('https:') || ctx.protocol === 'https';

function renderResult(ctx: Context, view: ResultView, status: number): void {
  pageHeaders(ctx);
  ctx.status = status;
  ctx.type = 'text/html; charset=utf-8';
  ctx.body = renderResultPage(view);
}

/** POST /v1/connect/tokens (server side) and the widget's back end (connect-token side). */
export function connectRoutes(deps: AppDeps): RouteSpec[] {
  const svc = connectServices(deps);
  return [
    {
      method: 'post', path: '/v1/connect/tokens', operationId: 'createConnectToken', tag: 'Connect', auth: 'apiKey', idempotent: true,
      summary: 'Mint a connect token for the widget (30 minutes, single use); creates or updates the end user',
      body: tokenBody,
      responses: { 201: { description: 'Created', schema: dataEnvelope(tokenSchema) } },
      handler: async (ctx) => {
        const scope = scopeOf(ctx.state);
        const body = ctx.request.body as { endUserId: string; endUserEmail?: string; endUserName?: string; providers?: string[]; allowedOrigin?: string };
        const allowedOrigin = body.allowedOrigin === undefined ? null : normalizeAllowedOrigin(body.allowedOrigin, scope.mode);
        for (const id of body.providers ?? []) if (!deps.registry.get(id)) throw new NotFoundError('PROVIDER_NOT_FOUND', { provider: id });
        await deps.store.endUsers.upsert(scope, body.endUserId, { email: body.endUserEmail, name: body.endUserName }, new Date().toISOString());
        const { token, session } = await svc.tokens.mint(scope, { endUserId: body.endUserId, providers: body.providers ?? null, allowedOrigin });
        // The token travels in the fragment: never sent to a server, never in a Referer.
        sendData(ctx, { token, expiresAt: session.expiresAt, url: `${deps.config.publicUrl}/connect#token=${token}` }, 201);
      },
    },
    {
      method: 'get', path: '/connect/api/session', operationId: 'getConnectSession', tag: 'Connect widget', auth: 'connectToken',
      summary: 'What the widget shows: the providers this connect token may connect (Bearer ct_…)',
      responses: { 200: { description: 'Session', schema: dataEnvelope({ type: 'object' }) } },
      handler: async (ctx) => {
        const session = await svc.tokens.resolve(bearer(ctx));
        const scope = { accountId: session.accountId, mode: session.mode };
        const providers = await Promise.all(deps.registry.list().filter((d) => sessionAllows(session, d.manifest.id)).map(async (d) => {
          const current = await deps.store.connections.findCurrent(scope, session.endUserId, d.manifest.id);
          return { ...publicProvider(d.manifest), connectionStatus: current?.status ?? null };
        }));
        sendData(ctx, { endUserId: session.endUserId, mode: session.mode, allowedOrigin: session.allowedOrigin, expiresAt: session.expiresAt, providers });
      },
    },
    {
      method: 'post', path: '/connect/api/connections', operationId: 'connectApiKeyFromWidget', tag: 'Connect widget', auth: 'connectToken',
      summary: 'Connect an api_key provider from the widget form (Bearer ct_…)',
      body: {
        type: 'object', additionalProperties: false, required: ['provider', 'apiKey'],
        properties: { provider: ID, apiKey: API_KEY_SCHEMA, config: { type: 'object', additionalProperties: { type: 'string' } } },
      },
      responses: { 201: { description: 'Connected', schema: dataEnvelope({ type: 'object' }) } },
      handler: async (ctx) => {
        const session = await svc.tokens.resolve(bearer(ctx));
        const body = ctx.request.body as { provider: string; apiKey: string; config?: Record<string, string> };
        const { connection } = await connectApiKey(deps, svc.connections, {
          scope: { accountId: session.accountId, mode: session.mode }, endUserId: session.endUserId, provider: body.provider, apiKey: body.apiKey,
          config: body.config, session,
        });
        sendData(ctx, { connectionId: connection.id, provider: connection.provider }, 201);
      },
    },
    {
      method: 'get', path: '/connect/oauth/:provider/start', operationId: 'startOAuth', tag: 'Connect widget', auth: 'connectToken',
      summary: 'Redirects the popup to the provider\'s consent page (?token=ct_…) and sets the flow\'s browser-binding cookie',
      responses: { 302: { description: 'To the provider' }, 401: { description: 'Error page', contentType: 'text/html' } },
      handler: async (ctx) => {
        try {
          const flow = await svc.oauth.start(ctx.query.token, ctx.params.provider as string);
          ctx.append('Set-Cookie', bindingSetCookie(bindingCookieName(flow.stateHash), flow.browserValue, {
            secure: secureCookies(deps, ctx), maxAgeSeconds: OAUTH_STATE_TTL_MS / 1000,
          }));
          ctx.set('Referrer-Policy', 'no-referrer');
          ctx.set('Cache-Control', 'no-store');
          ctx.redirect(flow.url);
        } catch (err) {
          const e = toFlowError(err);
          renderResult(ctx, { type: 'error', code: e.code, message: e.message }, e.status);
        }
      },
    },
    {
      method: 'get', path: OAUTH_CALLBACK_PATH, operationId: 'oauthCallback', tag: 'Connect widget', auth: 'none',
      summary: 'The OAuth redirect URI: checks the browser-binding cookie, exchanges the code and reports to the widget',
      responses: { 200: { description: 'Result page', contentType: 'text/html' } },
      handler: async (ctx) => {
        // The flow's cookie is spent whatever the outcome: a state is single use.
        const state = ctx.query.state;
        if (typeof state === 'string' && state) ctx.append('Set-Cookie', clearBindingCookie(bindingCookieName(sha256Hex(state)), secureCookies(deps, ctx)));
        try {
          const r = await svc.oauth.callback(ctx.query as Record<string, unknown>, (stateHash) => ctx.cookies.get(bindingCookieName(stateHash)));
          renderResult(ctx, { type: 'connected', connectionId: r.connectionId, provider: r.provider }, 200);
        } catch (err) {
          const e = toFlowError(err);
          if (e.code === 'INTERNAL_ERROR') deps.logger.error({ requestId: ctx.state.requestId, reason: (err as Error)?.name }, 'OAuth callback failed');
          renderResult(ctx, { type: 'error', code: e.code, message: e.message }, e.status);
        }
      },
    },
    {
      method: 'get', path: '/connect/assets/callback.js', operationId: 'connectCallbackScript', tag: 'Connect widget', auth: 'none',
      summary: 'Script of the OAuth result page',
      responses: { 200: { description: 'JavaScript', contentType: 'text/javascript' } },
      handler: async (ctx) => {
        ctx.set('X-Content-Type-Options', 'nosniff');
        ctx.type = 'text/javascript; charset=utf-8';
        ctx.body = CALLBACK_SCRIPT;
      },
    },
  ];
}
