import type Router from '@koa/router';
import type { SandboxKit } from '../../../src/provider-sdk';
import { apiState, requireScope, SCOPES } from './api-auth';
import { notFound, sendOk } from './envelope';
import { body, invalid, readBody } from './input';
import type { Organization } from './model';
import { rfc3339 } from './model';
import { numericId, sendV2List } from './v2-list';

/**
 * `/api/v2/organizations`: the companies persons link to through `org_id` (Pipedrive has no
 * free-text company, reference/providers.md §3.2). List, get and create only.
 */
export function organizationsRoutes(router: Router, kit: SandboxKit): void {
  router.get('/api/v2/organizations', requireScope(...SCOPES.contactsRead), (ctx) => {
    sendV2List(ctx, kit, 'organizations', [...apiState(ctx).company.organizations.values()]);
  });

  router.get('/api/v2/organizations/:id', requireScope(...SCOPES.contactsRead), (ctx) => {
    const org = apiState(ctx).company.organizations.get(numericId(ctx));
    if (!org) throw notFound('Organization not found');
    sendOk(ctx, org);
  });

  router.post('/api/v2/organizations', requireScope(...SCOPES.contactsWrite), async (ctx) => {
    const { company, me } = apiState(ctx);
    const b = await readBody(ctx);
    const name = body.string(b, 'name');
    if (!name || name.trim() === '') throw invalid('name', "Parameter 'name' is required");
    const owner = body.int(b, 'owner_id') ?? me.id;
    if (!company.users.some((u) => u.id === owner)) throw invalid('owner_id', 'User not found');
    const address = body.object(b, 'address', true);
    const now = rfc3339(kit.clock.now());
    const org: Organization = {
      id: company.nextIds.organization++, name, owner_id: owner, add_time: now, update_time: now, is_deleted: false,
      visible_to: body.int(b, 'visible_to') ?? 3,
      address: address && typeof address.value === 'string' ? { value: address.value } : null,
      label_ids: [], custom_fields: body.object(b, 'custom_fields') ?? {},
    };
    company.organizations.set(org.id, org);
    sendOk(ctx, org, undefined, 201);
  });
}
