import { scopeOf } from '../../app-deps';
import type { RouteAndBookRequest, RouteAndBookService } from '../../routing/route-and-book-service';
import { bookingPageSchema, contactSchema, leadSchema, meetingSchema, slotSchema } from '../../provider-sdk/unified-schemas';
import { sendData } from '../respond';
import type { RouteSpec } from '../route-table';
import { dataEnvelope } from '../../openapi/schemas';
import { checkRange } from './scheduling.routes';

const connectionRef = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'object', additionalProperties: false, required: ['provider', 'endUserId'],
  properties: { provider: { type: 'string', minLength: 1 }, endUserId: { type: 'string', minLength: 1, maxLength: 255 }, ...extra },
});
const person = { type: ['object', 'null'], properties: { id: { type: 'string' }, name: { type: ['string', 'null'] }, email: { type: ['string', 'null'] } } };
const nullable = (schema: Record<string, unknown>): Record<string, unknown> => ({ ...schema, type: ['object', 'null'] });

const routingSchema = {
  type: 'object', required: ['match', 'record', 'owner', 'host', 'bookingPage', 'reason'],
  properties: {
    match: { enum: ['contact', 'lead', null] },
    record: { description: 'The matched contact or lead', oneOf: [nullable(contactSchema), nullable(leadSchema)] },
    owner: person,
    host: { ...person, description: 'The owner as a host of the page; null when the page\'s own hosts take the booking' },
    bookingPage: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, url: { type: ['string', 'null'] }, hosts: (bookingPageSchema as { properties: { hosts: unknown } }).properties.hosts } },
    reason: { enum: ['owner_match', 'page_hosts'], description: 'owner_match: the CRM owner hosts the page; page_hosts: no owner, or the owner hosts no page (the provider\'s round robin)' },
  },
};
const writeBackSchema = {
  type: 'object', required: ['id', 'status'],
  properties: {
    id: { type: 'string' }, status: { enum: ['done', 'pending'] },
    error: { type: 'object', description: 'Why the first attempt failed; retried from the store for 24 h, then route.write_back_failed', properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'object' } } },
  },
};

/** POST /v1/route-and-book (API.md § Route and book): a thin door onto src/routing. */
export function routeAndBookRoutes(service: RouteAndBookService): RouteSpec[] {
  return [
    {
      method: 'post', path: '/v1/route-and-book', operationId: 'routeAndBook', tag: 'Scheduling', auth: 'apiKey',
      summary: 'Find the CRM owner of an email, their calendar, free slots, and (with startTime) book and write back',
      description: 'Steps: enrich (as /v1/enrich) → host (the scheduling host whose email is the owner\'s, else the page\'s hosts) → '
        + 'availability → book (Idempotency-Key required with startTime) → write-back (writeBack: true; a CRM meeting on the '
        + 'matched contact or lead, a new lead when nothing matched). A failing step answers its own error with details.step; '
        + 'a taken slot is 409 SLOT_UNAVAILABLE with details.alternatives. A failed write-back does not undo the booking: 201 '
        + 'with crmMeeting null and writeBack.status pending, retried from the store.',
      body: {
        type: 'object', additionalProperties: false, required: ['email', 'crm', 'scheduler', 'window'],
        properties: {
          email: { type: 'string', maxLength: 260, pattern: '^\\s*[^\\s@]+@[^\\s@]+\\.[^\\s@]+\\s*$' },
          name: { type: ['string', 'null'], maxLength: 200 },
          company: { type: ['string', 'null'], maxLength: 200, description: 'For a lead the write-back creates (the email\'s domain when absent)' },
          crm: connectionRef(),
          scheduler: connectionRef({ bookingPageId: { type: 'string', minLength: 1, maxLength: 200 } }),
          window: {
            type: 'object', additionalProperties: false, required: ['startDate', 'endDate'],
            properties: { startDate: { type: 'string', format: 'date-time' }, endDate: { type: 'string', format: 'date-time', description: 'After startDate, at most 31 days later' } },
          },
          startTime: { type: 'string', format: 'date-time', description: 'Book this slot (Idempotency-Key required)' },
          writeBack: { type: 'boolean', default: false, description: 'With startTime: create the meeting in the CRM too' },
          answers: {
            type: 'array', maxItems: 50, description: 'With startTime: answers to the booking page\'s questions (as POST /v1/meetings)',
            items: { type: 'object', additionalProperties: false, required: ['questionId', 'answer'], properties: { questionId: { type: 'string', minLength: 1, maxLength: 200 }, answer: {} } },
          },
        },
      },
      responses: {
        200: { description: 'Routed, with the host\'s free slots', schema: dataEnvelope({ type: 'object', properties: { routing: routingSchema, slots: { type: 'array', items: slotSchema } } }) },
        201: {
          description: 'Booked (and written back, or pending)',
          schema: dataEnvelope({
            type: 'object',
            properties: { routing: routingSchema, meeting: meetingSchema, crmMeeting: nullable(meetingSchema), writeBack: writeBackSchema },
          }),
        },
      },
      handler: async (ctx) => {
        const body = ctx.request.body as RouteAndBookRequest;
        const req: RouteAndBookRequest = { ...body, window: checkRange(body.window.startDate, body.window.endDate) };
        const scope = scopeOf(ctx.state);
        if (req.startTime === undefined) {
          sendData(ctx, await service.route(scope, req));
          return;
        }
        sendData(ctx, await service.book(scope, req, ctx.get('idempotency-key') || null), 201);
      },
    },
  ];
}
