import type { Context } from 'koa';
import type { AppDeps } from '../../app-deps';
import type { Operation, ResourceName } from '../../provider-sdk/manifest';
import type { FilterName, ListFilters } from '../../provider-sdk/adapter';
import { InvalidDateRangeError, InvalidInputError } from '../../errors';
import type { UnifiedServices } from '../../unified/services';
import { UNIFIED_SCHEMAS } from '../../provider-sdk/unified-schemas';
import { decodeCursor, encodeCursor } from '../list-cursor';
import { sendData, sendList } from '../respond';
import type { RouteSpec } from '../route-table';
import { dataEnvelope, listEnvelope } from '../../openapi/schemas';
import type { ProviderDefinition } from '../../provider-sdk/define-provider';
import { setEtag, unifiedCall, type AnyRecord } from './unified-call';

const NOT_FOUND = { contacts: 'CONTACT_NOT_FOUND', leads: 'LEAD_NOT_FOUND', meetings: 'MEETING_NOT_FOUND' } as const;
const SINGULAR = { contacts: 'contact', leads: 'lead', meetings: 'meeting' } as const;

/** Filters each resource accepts on the wire (API.md § Unified resources). */
const FILTERS: Record<ResourceName, FilterName[]> = {
  contacts: ['email', 'updatedSince'],
  leads: ['email', 'updatedSince'],
  meetings: ['startDate', 'endDate', 'contactId', 'updatedSince'],
};
const FILTER_SCHEMAS: Record<FilterName, Record<string, unknown>> = {
  email: { type: 'string', minLength: 3, maxLength: 254, description: 'Exact, case-insensitive' },
  updatedSince: { type: 'string', format: 'date-time' },
  startDate: { type: 'string', format: 'date-time' },
  endDate: { type: 'string', format: 'date-time' },
  contactId: { type: 'string', minLength: 1 },
};

const common = {
  provider: { type: 'string', description: 'Provider id (MISSING_PROVIDER when absent)' },
  endUserId: { type: 'string', description: 'Your end user id (MISSING_REQUIRED when absent)' },
  includeRaw: { type: 'boolean', default: false, description: 'Add remoteData: the provider record as it came' },
};

interface Query { provider?: string; endUserId?: string; includeRaw?: boolean; limit?: number; cursor?: string; [k: string]: unknown }

/** GET/POST /v1/<resource> and GET/PATCH/DELETE /v1/<resource>/:id for contacts, leads and meetings. */
export function unifiedRoutes(deps: AppDeps, services: UnifiedServices): RouteSpec[] {
  return (['contacts', 'leads', 'meetings'] as const).flatMap((resource) => resourceRoutes(deps, services, resource));
}

function resourceRoutes(deps: AppDeps, services: UnifiedServices, resource: ResourceName): RouteSpec[] {
  const { enrich } = services;
  const schemas = UNIFIED_SCHEMAS[resource];
  const tag = resource[0].toUpperCase() + resource.slice(1);
  const one = SINGULAR[resource];
  const path = `/v1/${resource}`;
  const itemQuery = { type: 'object', additionalProperties: false, properties: common };
  const listQuery = {
    type: 'object', additionalProperties: false,
    properties: {
      ...common,
      limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
      cursor: { type: 'string', minLength: 1 },
      ...Object.fromEntries(FILTERS[resource].map((f) => [f, FILTER_SCHEMAS[f]])),
    },
  };

  const resolve = (ctx: Context, op: Operation) => unifiedCall(deps, services, resource, ctx, op);
  // The gateway's own writes drop cached enrichment answers for the people they touch.
  const invalidate = (connectionId: string, ...records: (AnyRecord | Record<string, unknown> | null)[]): void => {
    if (resource === 'meetings') return;
    const emails = records.flatMap((r) => {
      if (!r) return [];
      const rec = r as AnyRecord;
      return [rec.email, ...(Array.isArray(rec.emails) ? rec.emails.map((e) => e.value) : [])];
    });
    enrich.invalidate(connectionId, emails);
  };
  const id = (ctx: Context): string => ctx.params.id as string;
  const notFound = NOT_FOUND[resource];

  return [
    {
      method: 'get', path, operationId: `list${tag}`, tag, auth: 'apiKey', summary: `List ${resource}`, query: listQuery,
      responses: { 200: { description: tag, schema: listEnvelope(schemas.record) } },
      handler: async (ctx) => {
        const q = ctx.state.query as Query;
        const { resolved, adapterCtx, shape } = await resolve(ctx, 'list');
        const filters = readFilters(resource, q, resolved.adapter.filters, resolved.definition.manifest.id);
        const binding = `${resolved.connection.id}|${resource}|${JSON.stringify(filters)}`;
        const cursor = q.cursor ? decodeCursor(deps.cipher, q.cursor, binding) : null;
        const page = await resolved.adapter.list!(adapterCtx, { limit: q.limit ?? 50, cursor, filters });
        sendList(ctx, page.items.map((r) => shape(r)), page.nextCursor ? encodeCursor(deps.cipher, page.nextCursor, binding) : null);
      },
    },
    {
      method: 'post', path, operationId: `create${tag}`, tag, auth: 'apiKey', idempotent: true, summary: `Create a ${one}`,
      query: itemQuery, body: schemas.create,
      responses: { 201: { description: 'Created', schema: dataEnvelope(schemas.record) } },
      handler: async (ctx) => {
        const { resolved, adapterCtx, shape, input } = await resolve(ctx, 'create');
        const body = ctx.request.body as Record<string, unknown>;
        checkDateRange(body);
        checkBookingFields(resolved.definition, body);
        const created = await resolved.adapter.create!(adapterCtx, input(body) as never);
        invalidate(resolved.connection.id, body, created);
        setEtag(ctx, created);
        sendData(ctx, shape(created), 201);
      },
    },
    {
      method: 'get', path: `${path}/:id`, operationId: `get${tag.slice(0, -1)}`, tag, auth: 'apiKey', summary: `Get a ${one} (${notFound})`,
      query: itemQuery,
      responses: { 200: { description: tag, schema: dataEnvelope(schemas.record) } },
      handler: async (ctx) => {
        const { resolved, adapterCtx, shape } = await resolve(ctx, 'get');
        const record = await resolved.adapter.get!(adapterCtx, id(ctx));
        setEtag(ctx, record);
        sendData(ctx, shape(record));
      },
    },
    {
      method: 'patch', path: `${path}/:id`, operationId: `update${tag.slice(0, -1)}`, tag, auth: 'apiKey', idempotent: true,
      summary: `Update a ${one} (partial)`, query: itemQuery, body: schemas.update,
      responses: { 200: { description: 'Updated', schema: dataEnvelope(schemas.record) } },
      handler: async (ctx) => {
        const { resolved, adapterCtx, shape, input } = await resolve(ctx, 'update');
        const body = ctx.request.body as Record<string, unknown>;
        checkDateRange(body);
        const updated = await resolved.adapter.update!(adapterCtx, id(ctx), input(body) as never);
        // The old email is unknown here, so the connection's whole cache goes.
        enrich.invalidate(resolved.connection.id);
        setEtag(ctx, updated);
        sendData(ctx, shape(updated));
      },
    },
    {
      method: 'delete', path: `${path}/:id`, operationId: `delete${tag.slice(0, -1)}`, tag, auth: 'apiKey', idempotent: true,
      summary: `Delete a ${one}`, query: itemQuery,
      responses: { 204: { description: 'Deleted' } },
      handler: async (ctx) => {
        const { resolved, adapterCtx } = await resolve(ctx, 'delete');
        await resolved.adapter.delete!(adapterCtx, id(ctx));
        if (resource !== 'meetings') enrich.invalidate(resolved.connection.id);
        ctx.status = 204;
      },
    },
  ];
}

/** Filters given on the wire; one the provider cannot honour is INVALID_INPUT naming it, never ignored. */
function readFilters(resource: ResourceName, q: Query, supported: FilterName[], provider: string): ListFilters {
  const filters: ListFilters = {};
  for (const name of FILTERS[resource]) {
    const value = q[name];
    if (value === undefined) continue;
    if (!supported.includes(name)) {
      throw new InvalidInputError([{ field: name, message: `is not supported by ${provider} for ${resource}` }]);
    }
    filters[name] = name === 'email' ? String(value).trim().toLowerCase() : String(value);
  }
  if (filters.startDate && filters.endDate && Date.parse(filters.endDate) <= Date.parse(filters.startDate)) {
    throw new InvalidDateRangeError({ startDate: filters.startDate, endDate: filters.endDate });
  }
  return filters;
}

function checkDateRange(body: Record<string, unknown>): void {
  const { startTime, endTime } = body;
  if (typeof startTime === 'string' && typeof endTime === 'string' && Date.parse(endTime) <= Date.parse(startTime)) {
    throw new InvalidDateRangeError({ startTime, endTime });
  }
}

/**
 * Booking fields are for providers with booking pages: elsewhere they would be dropped silently,
 * so they are refused naming the field.
 */
function checkBookingFields(definition: ProviderDefinition, body: Record<string, unknown>): void {
  if (definition.manifest.resources.bookingPages?.includes('list')) return;
  const attendees = Array.isArray(body.attendees) ? body.attendees as Record<string, unknown>[] : [];
  const given = [
    ...['bookingPageId', 'answers'].filter((f) => body[f] !== undefined),
    ...attendees.flatMap((a, i) => ['phone', 'timezone'].filter((f) => a[f] !== undefined && a[f] !== null).map((f) => `attendees[${i}].${f}`)),
  ];
  if (given.length > 0) {
    throw new InvalidInputError(given.map((field) => ({ field, message: `is not supported by ${definition.manifest.id}: it has no booking pages` })));
  }
}
