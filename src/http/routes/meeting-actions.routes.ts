import type { Context } from 'koa';
import type { AppDeps } from '../../app-deps';
import type { MeetingAction } from '../../provider-sdk/manifest';
import type { Meeting } from '../../provider-sdk/unified-models';
import type { MeetingsAdapter } from '../../provider-sdk/adapter';
import { cancelSchema, meetingSchema, rescheduleSchema } from '../../provider-sdk/unified-schemas';
import type { UnifiedServices } from '../../unified/services';
import { sendData } from '../respond';
import type { RouteSpec } from '../route-table';
import { dataEnvelope } from '../../openapi/schemas';
import { setEtag, unifiedCall, type UnifiedCall } from './unified-call';

const itemQuery = {
  type: 'object', additionalProperties: false,
  properties: {
    provider: { type: 'string', description: 'Provider id (MISSING_PROVIDER when absent)' },
    endUserId: { type: 'string', description: 'Your end user id (MISSING_REQUIRED when absent)' },
    includeRaw: { type: 'boolean', default: false, description: 'Add remoteData: the provider record as it came' },
  },
};

const IF_MATCH = 'If-Match (an ETag of GET /v1/meetings/:id) makes it conditional: a stale one is 409 VERSION_CONFLICT.';

/**
 * A booking engine's actions on a meeting (API.md § Scheduling): cancel and reschedule. Resolved
 * like the other unified routes, with UNSUPPORTED_RESOURCE when the manifest does not declare the
 * action; Idempotency-Key and If-Match as on PATCH.
 */
export function meetingActionRoutes(deps: AppDeps, services: UnifiedServices): RouteSpec[] {
  /** Runs one action and answers the meeting as it now is, with its ETag. */
  const act = (action: MeetingAction, run: (call: UnifiedCall, id: string, body: Record<string, unknown>) => Promise<Meeting>) =>
    async (ctx: Context): Promise<void> => {
      const call = await unifiedCall(deps, services, 'meetings', ctx, action);
      const meeting = await run(call, ctx.params.id as string, (ctx.request.body ?? {}) as Record<string, unknown>);
      setEtag(ctx, meeting);
      sendData(ctx, call.shape(meeting));
    };
  const nullable = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  // resolve() has checked that the adapter implements the action the manifest declares.
  const adapterOf = (call: UnifiedCall): MeetingsAdapter => call.resolved.adapter as MeetingsAdapter;

  return [
    {
      method: 'post', path: '/v1/meetings/:id/cancel', operationId: 'cancelMeeting', tag: 'Meetings', auth: 'apiKey', idempotent: true,
      summary: 'Cancel a meeting (a cancelled one comes back unchanged)',
      description: `Answers the meeting with status "cancelled" and cancellationReason. ${IF_MATCH}`,
      query: itemQuery, body: cancelSchema,
      responses: { 200: { description: 'The cancelled meeting', schema: dataEnvelope(meetingSchema) } },
      handler: act('cancel', (call, id, body) => adapterOf(call).cancel!(call.adapterCtx, id, { reason: nullable(body.reason) })),
    },
    {
      method: 'post', path: '/v1/meetings/:id/reschedule', operationId: 'rescheduleMeeting', tag: 'Meetings', auth: 'apiKey', idempotent: true,
      summary: 'Move a meeting to a new start (its duration kept)',
      description: 'Answers the meeting at its new time: the same id where the provider moves it in place, else the new record with '
        + `rescheduledFromId. A taken slot is 409 SLOT_UNAVAILABLE. ${IF_MATCH}`,
      query: itemQuery, body: rescheduleSchema,
      responses: { 200: { description: 'The rescheduled meeting', schema: dataEnvelope(meetingSchema) } },
      handler: act('reschedule', (call, id, body) => adapterOf(call).reschedule!(call.adapterCtx, id, {
        startTime: new Date(Date.parse(body.startTime as string)).toISOString(), timezone: nullable(body.timezone), reason: nullable(body.reason),
      })),
    },
  ];
}
