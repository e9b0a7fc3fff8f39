import type { AppDeps } from '../../app-deps';
import { scopeOf } from '../../app-deps';
import { sendList } from '../respond';
import type { RouteSpec } from '../route-table';
import { listEnvelope } from '../../openapi/schemas';
import { decodeCursor, encodeCursor } from '../list-cursor';
import { EVENT_RESOURCES, RECORD_EVENTS, recordTypesMatching } from '../../events/event-types';
import type { RecordEventPosition } from '../../store/types';

/** Record types, each family's wildcard and `*`: what the feed's `type` filter accepts. */
const TYPE_FILTERS = [...RECORD_EVENTS, ...new Set(RECORD_EVENTS.map((t) => `${t.split('.')[0]}.*`)), '*'];

const eventSchema = {
  type: 'object', required: ['id', 'type', 'createdAt', 'data'],
  properties: {
    id: { type: 'string', description: 'Stable for one change of one record: de-duplicate on it' },
    type: { type: 'string', enum: [...RECORD_EVENTS] },
    createdAt: { type: 'string', format: 'date-time', description: 'When the gateway recorded it' },
    data: {
      type: 'object', required: ['connectionId', 'endUserId', 'provider', 'resource', 'recordId', 'source', 'occurredAt'],
      properties: {
        connectionId: { type: 'string' }, endUserId: { type: 'string' }, provider: { type: 'string' },
        resource: { type: 'string', enum: [...EVENT_RESOURCES] }, recordId: { type: 'string' },
        record: { type: 'object', description: 'The unified record (field mappings applied); absent on *.deleted' },
        source: { type: 'string', enum: ['gateway', 'provider_webhook', 'poll'] },
        occurredAt: { type: 'string', format: 'date-time' },
        rescheduledFromId: { type: ['string', 'null'], description: 'meeting.rescheduled only: the meeting it replaced, null when moved in place' },
      },
    },
  },
};

/**
 * The change events of the calling account and mode as a feed (API.md § Change events): the same
 * bodies webhooks receive, oldest first, paged by `after` = the previous page's meta.nextCursor.
 */
export function eventRoutes(deps: AppDeps): RouteSpec[] {
  return [
    {
      method: 'get', path: '/v1/events', operationId: 'listEvents', tag: 'Events', auth: 'apiKey',
      summary: 'Record change events, oldest first (kept at least 30 days)',
      query: {
        type: 'object', additionalProperties: false,
        properties: {
          type: { type: 'string', enum: TYPE_FILTERS, description: 'A type, a family wildcard (contact.*) or *' },
          connectionId: { type: 'string', minLength: 1, maxLength: 255 },
          after: { type: 'string', minLength: 1, maxLength: 2048, description: "The previous page's meta.nextCursor" },
          limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
        },
      },
      responses: { 200: { description: 'Events', schema: listEnvelope(eventSchema) } },
      handler: async (ctx) => {
        const scope = scopeOf(ctx.state);
        const q = ctx.state.query as { type?: string; connectionId?: string; after?: string; limit: number };
        // A cursor is bound to the account, mode and filters it was issued for.
        const bindTo = JSON.stringify(['events', scope.accountId, scope.mode, q.type ?? null, q.connectionId ?? null]);
        const after = q.after ? JSON.parse(decodeCursor(deps.cipher, q.after, bindTo)) as RecordEventPosition : undefined;
        const filter = { types: q.type ? recordTypesMatching(q.type) : undefined, connectionId: q.connectionId };
        const rows = await deps.store.events.list(scope, filter, q.limit + 1, after);
        const page = rows.slice(0, q.limit);
        const last = page[page.length - 1];
        const next = rows.length > q.limit ? encodeCursor(deps.cipher, JSON.stringify({ createdAt: last.createdAt, id: last.id }), bindTo) : null;
        sendList(ctx, page.map((e) => JSON.parse(e.payload) as unknown), next);
      },
    },
  ];
}
