import type { Context } from 'koa';
import type { AppDeps } from '../../app-deps';
import { scopeOf } from '../../app-deps';
import type { UnifiedServices } from '../../unified/services';
import { RESOURCES, type ResourceName } from '../../provider-sdk/manifest';
import { InvalidInputError, NotFoundError, UnsupportedResourceError } from '../../errors';
import type { ProviderDefinition } from '../../provider-sdk/define-provider';
import type { Connection, Scope } from '../../store/types';
import { sendData, sendList } from '../respond';
import type { RouteSpec } from '../route-table';
import { dataEnvelope, listEnvelope } from '../../openapi/schemas';

const fieldSchema = {
  type: 'object', required: ['name', 'label', 'type', 'options'],
  properties: {
    name: { type: 'string' }, label: { type: 'string' }, type: { type: 'string' },
    options: { type: ['array', 'null'], items: { type: 'object', properties: { value: { type: 'string' }, label: { type: 'string' } } } },
  },
};
const mappingSchema = {
  type: 'object',
  properties: {
    provider: { type: 'string' }, resource: { type: 'string', enum: [...RESOURCES] },
    mappings: { type: 'object', additionalProperties: { type: 'string' } }, updatedAt: { type: ['string', 'null'] },
  },
};
const resource = { type: 'string', enum: [...RESOURCES] };
const selector = { type: 'object', additionalProperties: false, required: ['provider', 'resource'], properties: { provider: { type: 'string', minLength: 1 }, resource } };

/** GET /v1/fields (the provider's field catalog) and the account-wide field mappings. */
export function fieldRoutes(deps: AppDeps, services: UnifiedServices): RouteSpec[] {
  const known = (provider: string): ProviderDefinition => {
    const def = deps.registry.get(provider);
    if (!def) throw new NotFoundError('PROVIDER_NOT_FOUND', { provider });
    return def;
  };
  return [
    {
      method: 'get', path: '/v1/fields', operationId: 'listFields', tag: 'Field mappings', auth: 'apiKey',
      summary: "The provider's field catalog for a resource (cached per connection)",
      query: {
        type: 'object', additionalProperties: false, required: ['resource'],
        properties: { provider: { type: 'string' }, endUserId: { type: 'string' }, resource },
      },
      responses: { 200: { description: 'Fields', schema: listEnvelope(fieldSchema) } },
      handler: async (ctx) => {
        const q = ctx.state.query as { provider?: string; endUserId?: string; resource: ResourceName };
        const definition = services.unified.provider(q.provider, q.endUserId);
        if (!definition.adapter?.fields || !definition.manifest.resources[q.resource]) {
          throw new UnsupportedResourceError({ provider: definition.manifest.id, resource: q.resource, operation: 'fields' });
        }
        const connection = await services.unified.connection(scopeOf(ctx.state), definition, q.endUserId!);
        sendList(ctx, await services.catalog.fields(definition, connection, q.resource), null);
      },
    },
    {
      method: 'put', path: '/v1/field-mappings', operationId: 'putFieldMappings', tag: 'Field mappings', auth: 'apiKey', idempotent: true,
      summary: 'Set the field mapping of a provider and resource (account-wide, per mode)',
      description: 'Each provider field is checked against the catalog of one connection to that provider: the one of '
        + '`endUserId` when given, else any active connection of the account to that provider; an unknown field is 400 INVALID_INPUT naming it.',
      body: {
        type: 'object', additionalProperties: false, required: ['provider', 'resource', 'mappings'],
        properties: {
          provider: { type: 'string', minLength: 1 }, resource, endUserId: { type: 'string', minLength: 1 },
          mappings: {
            type: 'object', maxProperties: 100,
            propertyNames: { pattern: '^[A-Za-z][A-Za-z0-9_]{0,63}$' },
            additionalProperties: { type: 'string', minLength: 1, maxLength: 255 },
          },
        },
      },
      responses: { 200: { description: 'Saved', schema: dataEnvelope(mappingSchema) } },
      handler: async (ctx) => {
        const body = ctx.request.body as { provider: string; resource: ResourceName; endUserId?: string; mappings: Record<string, string> };
        const definition = known(body.provider);
        const scope = scopeOf(ctx.state);
        const connection = await connectionToValidateWith(deps, services, scope, definition, body.endUserId);
        const catalog = new Set((await services.catalog.fields(definition, connection, body.resource)).map((f) => f.name));
        const unknown = Object.entries(body.mappings).filter(([, field]) => !catalog.has(field));
        if (unknown.length > 0) {
          throw new InvalidInputError(unknown.map(([key, field]) => ({
            field: `mappings.${key}`, message: `${field} is not a field of ${definition.manifest.id} ${body.resource}`,
          })));
        }
        const saved = await services.mappings.put(scope, body.provider, body.resource, body.mappings);
        sendData(ctx, publicMapping(saved.provider, saved.resource, saved.mappings, saved.updatedAt));
      },
    },
    {
      method: 'get', path: '/v1/field-mappings', operationId: 'getFieldMappings', tag: 'Field mappings', auth: 'apiKey',
      summary: 'The field mapping of a provider and resource ({} when none is set)', query: selector,
      responses: { 200: { description: 'Mapping', schema: dataEnvelope(mappingSchema) } },
      handler: async (ctx) => {
        const q = selected(ctx);
        known(q.provider);
        const found = await deps.store.fieldMappings.get(scopeOf(ctx.state), q.provider, q.resource);
        sendData(ctx, publicMapping(q.provider, q.resource, found?.mappings ?? {}, found?.updatedAt ?? null));
      },
    },
    {
      method: 'delete', path: '/v1/field-mappings', operationId: 'deleteFieldMappings', tag: 'Field mappings', auth: 'apiKey', idempotent: true,
      summary: 'Remove the field mapping of a provider and resource', query: selector,
      responses: { 204: { description: 'Removed' } },
      handler: async (ctx) => {
        const q = selected(ctx);
        known(q.provider);
        await services.mappings.delete(scopeOf(ctx.state), q.provider, q.resource);
        ctx.status = 204;
      },
    },
  ];
}

function selected(ctx: Context): { provider: string; resource: ResourceName } {
  return ctx.state.query as { provider: string; resource: ResourceName };
}

function publicMapping(provider: string, resource: string, mappings: Record<string, string>, updatedAt: string | null): Record<string, unknown> {
  return { provider, resource, mappings, updatedAt };
}

async function connectionToValidateWith(deps: AppDeps, services: UnifiedServices, scope: Scope, definition: ProviderDefinition, endUserId?: string): Promise<Connection> {
  if (endUserId) return services.unified.connection(scope, definition, endUserId);
  const [latest] = await deps.store.connections.list(scope, { provider: definition.manifest.id, status: 'active' }, 1);
  if (!latest) {
    throw new InvalidInputError([{ field: 'endUserId', message: `no active ${definition.manifest.id} connection to check the fields against; pass endUserId` }]);
  }
  return latest;
}
