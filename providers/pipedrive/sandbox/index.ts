import Koa from 'koa';
import Router from '@koa/router';
import type { SandboxDefinition, SandboxKit } from '../../../src/provider-sdk';
import { activitiesRoutes } from './activities-routes';
import { apiAuth } from './api-auth';
import { catalogRoutes } from './catalog-routes';
import { ACCESS_TOKEN_TTL_SECONDS, CODE_TTL_SECONDS } from './constants';
import { PipedriveApiError, sendApiError, sendProxyError } from './envelope';
import { leadsRoutes } from './leads-routes';
import { oauthRoutes } from './oauth-routes';
import { organizationsRoutes } from './organizations-routes';
import { personsRoutes } from './persons-routes';
import { webhooksRoutes } from './webhooks';

/**
 * The Pipedrive emulator: its OAuth server (oauth.pipedrive.com paths) and its API
 * (`${api_domain}/api/v1`, `/api/v2`) in one Koa app, following reference/providers.md §3.
 */
function create(kit: SandboxKit): Koa {
  const app = new Koa();
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      if (err instanceof PipedriveApiError) return sendApiError(ctx, err.status, err.message);
      const status = (err as { status?: number }).status;
      if (typeof status === 'number' && status >= 400 && status < 500) return sendApiError(ctx, status, (err as Error).message);
      sendProxyError(ctx, 500, 'Internal server error');
    }
    if (ctx.path.startsWith('/api/') && ctx.body === undefined) {
      if (ctx.status === 405) sendApiError(ctx, 405, 'Method not allowed');
      else if (ctx.status === 404) sendApiError(ctx, 404, 'Not found');
    }
  });

  const oauth = oauthRoutes(kit);
  app.use(oauth.routes()).use(oauth.allowedMethods());

  const api = new Router();
  personsRoutes(api, kit);
  organizationsRoutes(api, kit);
  activitiesRoutes(api, kit);
  leadsRoutes(api, kit);
  catalogRoutes(api);
  webhooksRoutes(api, kit);
  app.use(apiAuth(kit));
  app.use(api.routes()).use(api.allowedMethods());
  return app;
}

export const sandbox: SandboxDefinition = {
  kit: { accessTokenTtlSeconds: ACCESS_TOKEN_TTL_SECONDS, codeTtlSeconds: CODE_TTL_SECONDS, accessPrefix: 'v1u:', refreshPrefix: '' },
  create,
};
