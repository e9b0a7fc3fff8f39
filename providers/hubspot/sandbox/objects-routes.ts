import type Router from '@koa/router';
import type { RouterContext } from '@koa/router';
import { readJson, type SandboxKit } from '../../../src/provider-sdk';
import { addEdge, archiveOrphanLeads, associationTarget, PRIMARY_CONTACT_OF_LEAD } from './associations';
import { crmRoute, type CrmRequest } from './auth-guard';
import { invalidProperties, notFound, sendError, validationError } from './errors';
import { listLimit, pageById, pagingOf, queryString } from './pagination';
import { parseNameList, toWire } from './serialize';
import { CREATED_PROPERTY, findRecord, MODIFIED_PROPERTY, nextId, type Edge, type HsRecord, type PropertyValue } from './state';
import { coerceProperties, contactWithEmail } from './write';
import { sendWebhooks } from './webhooks';

/**
 * Basic CRUD on /crm/v3/objects/{contacts,leads,meetings} (reference/providers.md §1.3–1.5):
 * list 200, get 200, create 201, PATCH 200, DELETE 204 (archive). Also served under the
 * date-versioned prefix /crm/objects/2026-03 (§1.1).
 */
export const OBJECT_PREFIXES = ['/crm/v3/objects', '/crm/objects/2026-03'];

interface WriteBody { properties?: unknown; associations?: unknown }

async function body(ctx: RouterContext): Promise<WriteBody | null> {
  const parsed = await readJson(ctx);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    validationError(ctx, 'Invalid input JSON: expected an object with "properties"');
    return null;
  }
  return parsed as WriteBody;
}

/** `associations` of a create body → edges, or an error already sent. */
function parseAssociations(ctx: RouterContext, req: CrmRequest, raw: unknown): Omit<Edge, 'fromId'>[] | null {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) { validationError(ctx, 'associations must be an array'); return null; }
  const edges: Omit<Edge, 'fromId'>[] = [];
  for (const a of raw as { to?: { id?: unknown }; types?: { associationTypeId?: unknown }[] }[]) {
    const toId = String(a?.to?.id ?? '');
    for (const t of a?.types ?? []) {
      const typeId = Number(t?.associationTypeId);
      const toType = associationTarget(req.type, typeId);
      if (!toType) { validationError(ctx, `${String(t?.associationTypeId)} is not a valid association type id from ${req.type}`); return null; }
      if (!findRecord(req.state, toType, toId)) {
        validationError(ctx, `No ${toType} with id ${toId} exists to associate with`);
        return null;
      }
      edges.push({ fromType: req.type, toType, toId, typeId });
    }
  }
  return edges;
}

function duplicateEmail(ctx: RouterContext, req: CrmRequest, values: Record<string, PropertyValue>, exceptId?: string): boolean {
  const email = values.email;
  if (req.type !== 'contacts' || !email) return false;
  const existing = contactWithEmail(req.state, email, exceptId);
  if (existing === null) return false;
  // §1.7: 409 CONFLICT "Contact already exists. Existing ID: <id>" (⚠️ undocumented but widely parsed).
  sendError(ctx, 409, 'CONFLICT', `Contact already exists. Existing ID: ${existing}`);
  return true;
}

/** Object-specific create rules: leads need a name and a primary contact (§1.4), meetings a timestamp (§1.5). */
function checkCreateRules(ctx: RouterContext, req: CrmRequest, values: Record<string, PropertyValue>, edges: Omit<Edge, 'fromId'>[]): boolean {
  if (req.type === 'leads') {
    if (!values.hs_lead_name) {
      invalidProperties(ctx, [{ message: 'hs_lead_name is required', code: 'MISSING_REQUIRED_PROPERTY', context: { propertyName: ['hs_lead_name'] } }]);
      return false;
    }
    if (!edges.some((e) => e.typeId === PRIMARY_CONTACT_OF_LEAD)) {
      validationError(ctx, 'A lead must be associated with an existing contact (associationTypeId 578, lead to primary contact).');
      return false;
    }
  }
  if (req.type === 'meetings') {
    // Since 2024-11-12 hs_timestamp defaults to hs_meeting_start_time when omitted (§1.5).
    values.hs_timestamp ??= values.hs_meeting_start_time ?? null;
    if (!values.hs_timestamp) {
      invalidProperties(ctx, [{ message: 'hs_timestamp is required', code: 'MISSING_REQUIRED_PROPERTY', context: { propertyName: ['hs_timestamp'] } }]);
      return false;
    }
  }
  return true;
}

export function registerObjectRoutes(router: Router, kit: SandboxKit): void {
  for (const prefix of OBJECT_PREFIXES) {
    router.get(`${prefix}/:objectType`, crmRoute(kit, { access: 'read' }, (ctx, req) => {
      const limit = listLimit(queryString(ctx, 'limit'));
      const archived = queryString(ctx, 'archived') === 'true';
      const records = [...req.state.objects[req.type].values()].filter((r) => r.archived === archived);
      const page = pageById(records, queryString(ctx, 'after'), limit);
      const opts = { properties: parseNameList(ctx.query.properties), associations: parseNameList(ctx.query.associations) };
      const paging = pagingOf(req.kit.baseUrl(ctx), `${prefix}/${req.type}`, page.nextAfter, limit);
      ctx.body = { results: page.results.map((r) => toWire(req.state, req.type, r, opts)), ...(paging ? { paging } : {}) };
    }));

    router.get(`${prefix}/:objectType/:objectId`, crmRoute(kit, { access: 'read' }, (ctx, req) => {
      const r = findRecord(req.state, req.type, ctx.params.objectId, queryString(ctx, 'idProperty'));
      if (!r) return notFound(ctx, ctx.params.objectId);
      ctx.body = toWire(req.state, req.type, r, { properties: parseNameList(ctx.query.properties), associations: parseNameList(ctx.query.associations) });
    }));

    router.post(`${prefix}/:objectType`, crmRoute(kit, { access: 'write' }, async (ctx, req) => {
      const input = await body(ctx);
      if (!input) return;
      const props = coerceProperties(req.state, req.type, input.properties);
      if (!props.ok) return invalidProperties(ctx, props.errors);
      const edges = parseAssociations(ctx, req, input.associations);
      if (!edges || !checkCreateRules(ctx, req, props.values, edges) || duplicateEmail(ctx, req, props.values)) return;
      const now = new Date(req.kit.clock.now()).toISOString();
      const id = nextId(req.state, req.type);
      const values = { ...props.values };
      if (req.type === 'leads') {
        const primary = edges.find((e) => e.typeId === PRIMARY_CONTACT_OF_LEAD);
        values.hs_pipeline ??= 'lead-pipeline-id';
        values.hs_pipeline_stage ??= 'new-stage-id';
        values.hs_associated_contact_email = primary ? req.state.objects.contacts.get(primary.toId)?.properties.email ?? null : null;
      }
      const record: HsRecord = {
        id, createdAt: now, updatedAt: now, archived: false,
        properties: { ...values, hs_object_id: id, [CREATED_PROPERTY[req.type]]: now, [MODIFIED_PROPERTY[req.type]]: now },
      };
      req.state.objects[req.type].set(id, record);
      for (const e of edges) addEdge(req.state, { ...e, fromId: id });
      sendWebhooks(req.kit, req.state, [{ type: req.type, objectId: id, kind: 'creation' }], now);
      ctx.status = 201;
      ctx.body = toWire(req.state, req.type, record, { alsoInclude: Object.keys(values) });
    }));

    router.patch(`${prefix}/:objectType/:objectId`, crmRoute(kit, { access: 'write' }, async (ctx, req) => {
      const r = findRecord(req.state, req.type, ctx.params.objectId, queryString(ctx, 'idProperty'));
      if (!r) return notFound(ctx, ctx.params.objectId);
      const input = await body(ctx);
      if (!input) return;
      const props = coerceProperties(req.state, req.type, input.properties);
      if (!props.ok) return invalidProperties(ctx, props.errors);
      if (duplicateEmail(ctx, req, props.values, r.id)) return;
      const now = new Date(req.kit.clock.now()).toISOString();
      Object.assign(r.properties, props.values, { [MODIFIED_PROPERTY[req.type]]: now });
      r.updatedAt = now;
      // HubSpot sends one propertyChange event per property a write changed.
      sendWebhooks(req.kit, req.state, Object.entries(props.values).map(([propertyName, propertyValue]) =>
        ({ type: req.type, objectId: r.id, kind: 'propertyChange' as const, propertyName, propertyValue })), now);
      ctx.body = toWire(req.state, req.type, r, { alsoInclude: Object.keys(props.values) });
    }));

    // Archive (§1.3: "Archives to the recycle bin"); archiving an unknown or archived id is still 204 (UNCONFIRMED).
    router.delete(`${prefix}/:objectType/:objectId`, crmRoute(kit, { access: 'write' }, (ctx, req) => {
      const r = findRecord(req.state, req.type, ctx.params.objectId);
      if (r) {
        const now = new Date(req.kit.clock.now()).toISOString();
        r.archived = true;
        r.archivedAt = now;
        r.updatedAt = now;
        if (req.type === 'contacts') archiveOrphanLeads(req.state, now);
        sendWebhooks(req.kit, req.state, [{ type: req.type, objectId: r.id, kind: 'deletion' }], now);
      }
      ctx.status = 204;
    }));
  }
}
