import type { AppDeps } from '../../app-deps';
import { scopeOf } from '../../app-deps';
import type { UnifiedServices } from '../../unified/services';
import { contactSchema, leadSchema } from '../../provider-sdk/unified-schemas';
import { sendData } from '../respond';
import type { RouteSpec } from '../route-table';
import { dataEnvelope } from '../../openapi/schemas';

const owner = {
  type: ['object', 'null'], required: ['id', 'name', 'email'],
  properties: { id: { type: 'string' }, name: { type: ['string', 'null'] }, email: { type: ['string', 'null'] } },
};
const strip = (schema: Record<string, unknown>): Record<string, unknown> => ({ ...schema, type: ['object', 'null'] });

/** POST /v1/enrich: one call answers "who is this email" across leads and contacts (API.md § Enrichment). */
export function enrichRoutes(_deps: AppDeps, services: UnifiedServices): RouteSpec[] {
  return [
    {
      method: 'post', path: '/v1/enrich', operationId: 'enrich', tag: 'Enrichment', auth: 'apiKey',
      summary: 'Find people by email across leads and contacts of one connection',
      description: 'Concurrent calls for one connection are coalesced into provider batch calls; answers are cached briefly '
        + '(ENRICH_CACHE_TTL_SECONDS) and dropped by the gateway\'s own writes. When both a lead and a contact match, a lead '
        + 'linked to the contact (converted or associated) defers to the contact; an unlinked open lead wins.',
      body: {
        type: 'object', additionalProperties: false, required: ['provider', 'endUserId', 'emails'],
        properties: {
          provider: { type: 'string', minLength: 1 },
          endUserId: { type: 'string', minLength: 1 },
          // Surrounding spaces are allowed (the service trims and lowercases); unicode local parts too.
          emails: { type: 'array', minItems: 1, maxItems: 100, items: { type: 'string', maxLength: 260, pattern: '^\\s*[^\\s@]+@[^\\s@]+\\.[^\\s@]+\\s*$' } },
        },
      },
      responses: {
        200: {
          description: 'One result per email, in order',
          schema: dataEnvelope({
            type: 'array',
            items: {
              type: 'object', required: ['email', 'match', 'contact', 'lead', 'owner', 'company'],
              properties: {
                email: { type: 'string' }, match: { enum: ['lead', 'contact', null] },
                contact: strip(contactSchema), lead: strip(leadSchema), owner, company: { type: ['string', 'null'] },
              },
            },
          }),
        },
      },
      handler: async (ctx) => {
        const body = ctx.request.body as { provider: string; endUserId: string; emails: string[] };
        sendData(ctx, await services.enrich.enrich(scopeOf(ctx.state), body.provider, body.endUserId, body.emails));
      },
    },
  ];
}
