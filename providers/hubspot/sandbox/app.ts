import Koa from 'koa';
import Router from '@koa/router';
import type { SandboxKit } from '../../../src/provider-sdk';
import { internalError, validationError } from './errors';
import { registerAuthorizeRoutes } from './oauth-authorize';
import { registerTokenRoutes } from './oauth-token';
import { registerObjectRoutes } from './objects-routes';
import { registerSearchRoutes } from './search-routes';
import { registerBatchRoutes } from './batch-routes';
import { registerMetaRoutes } from './meta-routes';
import { registerAccountInfoRoutes } from './account-info-routes';
import { registerV4AssociationRoutes } from './associations-v4';

/**
 * The HubSpot emulator: one Koa app serving HubSpot's real paths (the OAuth pages of
 * app.hubspot.com and the API of api.hubapi.com share one base under the sandbox mount).
 */
export function createHubspotApp(kit: SandboxKit): Koa {
  const app = new Koa();
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      if (err instanceof SyntaxError) return validationError(ctx, `Invalid input JSON: ${err.message}`);
      const status = (err as { status?: number }).status;
      if (typeof status === 'number' && status >= 400 && status < 500) {
        ctx.status = status;
        ctx.body = { status: 'error', message: (err as Error).message, category: 'VALIDATION_ERROR' };
        return;
      }
      internalError(ctx);
    }
  });
  const router = new Router();
  registerAuthorizeRoutes(router, kit);
  registerTokenRoutes(router, kit);
  // Search and batch routes go first: their fixed segments must win over `/:objectType/:objectId`.
  registerSearchRoutes(router, kit);
  registerBatchRoutes(router, kit);
  registerObjectRoutes(router, kit);
  registerMetaRoutes(router, kit);
  registerAccountInfoRoutes(router, kit);
  registerV4AssociationRoutes(router, kit);
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}
