import Koa from 'koa';
import type { SandboxDefinition, SandboxKit } from '../../../src/provider-sdk';
import { notFound, SfHttpError, sendErrors, unknownException } from './errors';
import { miscRoutes } from './misc-routes';
import { authorizeRoutes } from './oauth-authorize';
import { tokenRoutes } from './oauth-token';
import { queryRoutes } from './query';
import { restSession } from './session';
import { ACCESS_PREFIX, callerOfToken, REFRESH_PREFIX } from './session-tokens';
import { salesforceSettings, type SalesforceSandboxSettings } from './settings';
import { sobjectRoutes } from './sobjects';

/**
 * The Salesforce emulator: OAuth web-server flow under /services/oauth2, the REST API under
 * /services/data/vNN.N (sObjects Contact, Lead, Event, Account, User, EventRelation; SOQL /query),
 * the daily allocation and faults. Paths are Salesforce's own; the host adds the /sandbox/salesforce mount.
 */
export { salesforceSettings, type SalesforceSandboxSettings } from './settings';
export { DAILY_BUCKET } from './limits';

function build(kit: SandboxKit, settings: Partial<SalesforceSandboxSettings>): Koa {
  Object.assign(salesforceSettings(kit), settings);
  // Access tokens carry the org id before the kit's part: teach the kit to read them.
  kit.resolveCredentials((credential) => callerOfToken(kit, credential));
  const app = new Koa();
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      if (err instanceof SfHttpError) sendErrors(ctx, err.status, err.errors);
      else sendErrors(ctx, 500, unknownException());
      return;
    }
    if (ctx.respond === false) return;
    if (ctx.status === 405) {
      sendErrors(ctx, 405, [{ errorCode: 'METHOD_NOT_ALLOWED', message: `HTTP Method '${ctx.method}' not allowed. Allowed are ${ctx.response.get('Allow')}` }]);
    } else if (ctx.status === 404 && (ctx.body === undefined || ctx.body === null)) {
      sendErrors(ctx, 404, notFound().errors);
    }
  });
  for (const router of [authorizeRoutes(kit), tokenRoutes(kit)]) app.use(router.routes()).use(router.allowedMethods());
  app.use(restSession(kit));
  // misc before sobjects: `/sobjects/X/updated` must not be read as a record id.
  for (const router of [miscRoutes(kit), queryRoutes(kit), sobjectRoutes(kit)]) app.use(router.routes()).use(router.allowedMethods());
  return app;
}

/** A Salesforce sandbox with non-default settings (e.g. Refresh Token Rotation on). */
export function createSalesforceSandbox(settings: Partial<SalesforceSandboxSettings> = {}): SandboxDefinition {
  return {
    // §2.1: no expires_in; the default org session timeout is 2 h. Codes live 15 minutes.
    kit: { accessTokenTtlSeconds: 7200, codeTtlSeconds: 900, accessPrefix: ACCESS_PREFIX, refreshPrefix: REFRESH_PREFIX },
    create: (kit) => build(kit, settings),
  };
}

export const sandbox: SandboxDefinition = createSalesforceSandbox();
