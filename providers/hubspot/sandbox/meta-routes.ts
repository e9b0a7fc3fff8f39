import type Router from '@koa/router';
import type { SandboxKit } from '../../../src/provider-sdk';
import { crmRoute, scopesFor } from './auth-guard';
import { CATALOG, renderProperty } from './catalog';
import { sendError } from './errors';
import { listLimit, pagingOf, queryString } from './pagination';
import { OBJECT_TYPES, type Owner } from './state';

/**
 * The owners API (GET /crm/v3/owners, for owner resolution) and the field catalog
 * (GET /crm/v3/properties/{objectType}); both read-only.
 */
const OWNER_SCOPES = ['crm.objects.owners.read'];

function ownerWire(o: Owner): Record<string, unknown> {
  return {
    id: o.id, email: o.email, type: 'PERSON', firstName: o.firstName, lastName: o.lastName,
    userId: o.userId, userIdIncludingInactive: o.userId, createdAt: o.createdAt, updatedAt: o.updatedAt, archived: false, teams: [],
  };
}

export function registerMetaRoutes(router: Router, kit: SandboxKit): void {
  // Owners page by offset (`after` is opaque to clients); default 100, max 500 per HubSpot's owners API.
  router.get('/crm/v3/owners', crmRoute(kit, { access: 'read', scopes: OWNER_SCOPES }, (ctx, req) => {
    const limit = listLimit(queryString(ctx, 'limit'), 500, 100);
    const email = queryString(ctx, 'email')?.toLowerCase();
    const archived = queryString(ctx, 'archived') === 'true';
    const owners = archived ? [] : req.state.owners.filter((o) => !email || o.email.toLowerCase() === email);
    const after = queryString(ctx, 'after');
    const offset = after !== undefined && /^\d+$/.test(after) ? Number(after) : 0;
    const page = owners.slice(offset, offset + limit);
    const next = offset + limit < owners.length ? String(offset + limit) : null;
    const paging = pagingOf(req.kit.baseUrl(ctx), '/crm/v3/owners', next, limit);
    ctx.body = { results: page.map(ownerWire), ...(paging ? { paging } : {}) };
  }));

  router.get('/crm/v3/owners/:ownerId', crmRoute(kit, { access: 'read', scopes: OWNER_SCOPES }, (ctx, req) => {
    const owner = req.state.owners.find((o) => o.id === ctx.params.ownerId);
    if (!owner) return sendError(ctx, 404, 'OBJECT_NOT_FOUND', `Owner ${ctx.params.ownerId} not found`);
    ctx.body = ownerWire(owner);
  }));

  // Reading the catalog needs the object's read scope or its schema scope (crm.schemas.<object>.read).
  const catalogScopes = (type: (typeof OBJECT_TYPES)[number]): string[] => [...scopesFor(type, 'read'), `crm.schemas.${type}.read`];
  for (const type of OBJECT_TYPES) {
    for (const alias of new Set([type, ...(type === 'contacts' ? ['0-1'] : type === 'leads' ? ['0-136'] : ['0-47'])])) {
      router.get(`/crm/v3/properties/${alias}`, crmRoute(kit, { access: 'read', scopes: catalogScopes(type) }, (ctx) => {
        ctx.body = { results: CATALOG[type].map((p, i) => renderProperty(type, p, i)) };
      }));
      router.get(`/crm/v3/properties/${alias}/:propertyName`, crmRoute(kit, { access: 'read', scopes: catalogScopes(type) }, (ctx) => {
        const i = CATALOG[type].findIndex((p) => p.name === ctx.params.propertyName);
        if (i < 0) return sendError(ctx, 404, 'OBJECT_NOT_FOUND', `Unable to find property ${ctx.params.propertyName}`);
        ctx.body = renderProperty(type, CATALOG[type][i], i);
      }));
    }
  }
}
