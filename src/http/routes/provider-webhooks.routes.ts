import type { RouteSpec } from '../route-table';
import type { ProviderWebhookInbox } from '../../events/provider-webhooks/inbox';
import type { AppDeps } from '../../app-deps';
import { RouteNotFoundError } from '../../errors';

const received = { type: 'object', properties: { received: { type: 'boolean' } } };

/**
 * Where providers send their webhooks (API.md § Change events, source 2). Public: no API key; the
 * provider's own signature is the authentication. The body was read raw and size-capped by the
 * JSON body middleware; this route verifies, stores and answers, processing happens afterwards.
 * The caller is a provider, so a refusal is a bare 401 (a provider reads the status, not an envelope).
 */
export function providerWebhookRoutes(deps: Pick<AppDeps, 'config'>, inbox: ProviderWebhookInbox): RouteSpec[] {
  return [{
    method: 'post', path: '/webhooks/providers/:provider', operationId: 'receiveProviderWebhook', tag: 'Provider webhooks', auth: 'none',
    summary: 'A provider webhook delivery (signature verified as the provider signs)',
    responses: {
      202: { description: 'Verified and stored; processed asynchronously', schema: received },
      200: { description: 'Already received (a replay): nothing more happens', schema: received },
      401: { description: 'Missing or bad signature: nothing recorded', schema: received },
    },
    handler: async (ctx) => {
      const provider = ctx.params.provider;
      if (!inbox.handles(provider)) throw new RouteNotFoundError(ctx.method, ctx.path);
      const headers: Record<string, string | undefined> = {};
      for (const [name, value] of Object.entries(ctx.req.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      // Signatures that cover the URL are over the address the provider was given: the public URL.
      const url = `${deps.config.publicUrl}${ctx.originalUrl}`;
      const answer = await inbox.receive(provider, { method: ctx.method, url, headers, rawBody: String(ctx.state.rawBody ?? '') });
      ctx.status = answer === 'stored' ? 202 : answer === 'duplicate' ? 200 : 401;
      ctx.body = { received: answer === 'stored' || answer === 'duplicate' };
    },
  }];
}
