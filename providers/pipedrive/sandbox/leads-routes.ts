import { randomUUID } from 'node:crypto';
import type Router from '@koa/router';
import type { Context } from 'koa';
import type { SandboxKit } from '../../../src/provider-sdk';
import { apiState, requireScope, SCOPES } from './api-auth';
import { badRequest, notFound, sendOk } from './envelope';
import { intParam, invalid, iso8601Param, readBody, stringParam, type Query } from './input';
import { applyLeadFields } from './lead-fields';
import { emitChange } from './webhooks';
import type { CompanyState, Lead } from './model';
import { iso8601 } from './model';
import { offsetPage } from './pagination';

/**
 * `/api/v1/leads` (reference/providers.md §3.3): leads have no v2 CRUD. UUID ids, `start`/`limit`
 * pagination with `additional_data.pagination`, archived leads excluded from the list (served at
 * `/api/v1/leads/archived`) and not editable. Create needs `title` and a person or an organization.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SORTABLE = ['id', 'title', 'owner_id', 'creator_id', 'was_seen', 'expected_close_date', 'next_activity_id', 'add_time', 'update_time'] as const;

export function leadsRoutes(router: Router, kit: SandboxKit): void {
  router.get('/api/v1/leads', requireScope(...SCOPES.leadsRead), (ctx) => listLeads(ctx, false));
  router.get('/api/v1/leads/archived', requireScope(...SCOPES.leadsRead), (ctx) => listLeads(ctx, true));

  router.get('/api/v1/leads/:id', requireScope(...SCOPES.leadsRead), (ctx) => {
    sendOk(ctx, findLead(apiState(ctx).company, ctx.params.id));
  });

  router.post('/api/v1/leads', requireScope(...SCOPES.leadsWrite), async (ctx) => {
    const { company, me } = apiState(ctx);
    const b = await readBody(ctx);
    if (typeof b.title !== 'string' || b.title.trim() === '') throw invalid('title', "Parameter 'title' is required");
    const now = iso8601(kit.clock.now());
    const lead: Lead = {
      id: randomUUID(), title: b.title, owner_id: me.id, creator_id: me.id, label_ids: [], person_id: null, organization_id: null,
      source_name: 'API', origin: 'API', origin_id: null, channel: null, channel_id: null, source_deal_id: null,
      is_archived: false, was_seen: false, value: null, expected_close_date: null, next_activity_id: null,
      add_time: now, update_time: now, visible_to: '3', cc_email: `${company.companyDomain}+lead@pipedrivemail.com`,
    };
    applyLeadFields(company, lead, b);
    requireLink(lead);
    company.leads.set(lead.id, lead);
    sendOk(ctx, lead, undefined, 201);
    emitChange(kit, company, 'lead', 'create', lead.id, { ...lead });
  });

  router.patch('/api/v1/leads/:id', requireScope(...SCOPES.leadsWrite), async (ctx) => {
    const { company } = apiState(ctx);
    const lead = findLead(company, ctx.params.id);
    // Archived leads are not editable through the API since 2025-07-15 (§3.3).
    if (lead.is_archived) throw badRequest('Archived leads cannot be updated');
    const b = await readBody(ctx);
    const draft = { ...lead, label_ids: [...lead.label_ids] };
    applyLeadFields(company, draft, b);
    requireLink(draft);
    const previous = { ...lead };
    Object.assign(lead, draft, { update_time: iso8601(kit.clock.now()) });
    sendOk(ctx, lead);
    emitChange(kit, company, 'lead', 'change', lead.id, { ...lead }, previous);
  });

  router.delete('/api/v1/leads/:id', requireScope(...SCOPES.leadsWrite), (ctx) => {
    const { company } = apiState(ctx);
    const lead = findLead(company, ctx.params.id);
    company.leads.delete(lead.id);
    sendOk(ctx, { id: lead.id });
    emitChange(kit, company, 'lead', 'delete', lead.id, null, { ...lead });
  });

  router.get('/api/v1/leadLabels', requireScope(...SCOPES.leadsRead), (ctx) => {
    sendOk(ctx, apiState(ctx).company.leadLabels);
  });
}

/** "person_id … is required unless organization_id is specified" and vice versa (SDK AddLeadRequest). */
function requireLink(lead: Lead): void {
  if (lead.person_id === null && lead.organization_id === null) {
    throw badRequest('Validation failed: person_id: A lead must be linked to a person or an organization');
  }
}

function findLead(company: CompanyState, id: string): Lead {
  if (!UUID.test(id)) throw invalid('id', "Parameter 'id' must be a UUID");
  const lead = company.leads.get(id);
  if (!lead) throw notFound('Lead not found');
  return lead;
}

function listLeads(ctx: Context, archived: boolean): void {
  const { company } = apiState(ctx);
  const q = ctx.query as Query;
  const owner = intParam(q, 'owner_id', 1);
  const person = intParam(q, 'person_id', 1);
  const org = intParam(q, 'organization_id', 1);
  const since = iso8601Param(q, 'updated_since');
  const [field, dir] = sortParam(q);
  const items = [...company.leads.values()]
    .filter((l) => l.is_archived === archived
      && (owner === undefined || l.owner_id === owner)
      && (person === undefined || l.person_id === person)
      && (org === undefined || l.organization_id === org)
      && (since === undefined || Date.parse(l.update_time) >= since))
    .sort((a, b) => dir * (cmp(a[field], b[field]) || cmp(a.add_time, b.add_time) || cmp(a.id, b.id)));
  const page = offsetPage(items, q);
  sendOk(ctx, page.data, { pagination: page.pagination });
}

/** v1 `sort`: "field ASC|DESC"; the default is creation order. */
function sortParam(q: Query): [(typeof SORTABLE)[number], 1 | -1] {
  const raw = stringParam(q, 'sort');
  if (raw === undefined || raw === '') return ['add_time', 1];
  const [field, order = 'ASC'] = raw.trim().split(/\s+/);
  if (!(SORTABLE as readonly string[]).includes(field) || !/^(ASC|DESC)$/i.test(order)) {
    throw invalid('sort', `Parameter 'sort' must be "<field> ASC|DESC" with field one of ${SORTABLE.join(', ')}`);
  }
  return [field as (typeof SORTABLE)[number], order.toUpperCase() === 'DESC' ? -1 : 1];
}

function cmp(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  return (a as number | string) < (b as number | string) ? -1 : 1;
}
