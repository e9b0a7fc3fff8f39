import Router from '@koa/router';
import type Koa from 'koa';
import type { SandboxKit } from '../../../src/provider-sdk';
import { authOf, guard } from './auth';
import type { StateOf } from './booking-routes';
import { ApiError, sendData } from './envelope';
import { iso } from './model';
import type { PatStore } from './pats';
import { slotsOf } from './slots';
import { isTimezone, isUuid, parseIso } from './validate';

/**
 * `GET /v1/slots` and `GET /v1/users`. UNCONFIRMED (README § Assumptions): seed 000 only names
 * `/v1/slots` ("the booking page or /v1/slots will reflect the new state"); its parameters and
 * shape are the sandbox's own, and `/v1/users` is not in the seeds at all.
 *
 * Slots answer a whole range in one call (at most 31 days): every free start in [start, end), in
 * UTC, with the hosts free at it, computed by the same rule that accepts a booking (the sandbox kit's slot engine),
 * from the bookings as they are at the moment of the call (nothing cached).
 */
const MAX_RANGE_MS = 31 * 24 * 3600_000;

const badParam = (param: string, message: string): ApiError => new ApiError(400, 'invalid_query_param', message, { param });

function single(ctx: Koa.Context, name: string): string | undefined {
  const v = ctx.query[name];
  return Array.isArray(v) ? v[v.length - 1] : v;
}

function requiredTime(ctx: Koa.Context, name: string): number {
  const ms = parseIso(single(ctx, name));
  if (ms === null) throw badParam(name, `${name} is required, as an ISO 8601 timestamp.`);
  return ms;
}

export function schedulingRoutes(kit: SandboxKit, pats: PatStore, stateOf: StateOf): Router {
  const router = new Router();

  router.get('/v1/slots', guard(kit, pats, 'bookings:read'), (ctx) => {
    const state = stateOf(authOf(ctx).accountId);
    const eventTypeId = single(ctx, 'event_type_id');
    if (!isUuid(eventTypeId)) throw badParam('event_type_id', 'event_type_id is required, as a UUID.');
    const fromMs = requiredTime(ctx, 'start');
    const toMs = requiredTime(ctx, 'end');
    if (toMs <= fromMs) throw badParam('end', 'end must be after start.');
    if (toMs - fromMs > MAX_RANGE_MS) throw badParam('end', 'The range from start to end is at most 31 days.');
    const timezone = single(ctx, 'timezone') ?? 'UTC';
    if (!isTimezone(timezone)) throw badParam('timezone', 'timezone must be an IANA time zone.');
    const hostId = single(ctx, 'host_user_id');
    if (hostId !== undefined && !isUuid(hostId)) throw badParam('host_user_id', 'host_user_id must be a UUID.');
    const et = state.eventTypes.find((e) => e.id === eventTypeId.toLowerCase());
    if (!et) throw new ApiError(404, 'event_type_not_found', 'Event type not found.');
    // An inactive type offers nothing (booking it is 409 event_type_inactive).
    const slots = et.status === 'on' ? slotsOf(state, et, fromMs, toMs, kit.clock.now(), hostId?.toLowerCase()) : [];
    sendData(ctx, 200, slots.map((s) => ({ start: iso(s.startMs), end: iso(s.endMs), host_user_ids: s.ids })), {
      event_type_id: et.id, duration_minutes: et.duration_minutes, timezone, start: iso(fromMs), end: iso(toMs),
    });
  });

  /** The account's hosts (the shared sandbox team), with their zones and working hours. */
  router.get('/v1/users', guard(kit, pats, 'bookings:read'), (ctx) => {
    sendData(ctx, 200, stateOf(authOf(ctx).accountId).hosts);
  });

  return router;
}
