import Router from '@koa/router';
import type Koa from 'koa';
import type { SandboxKit } from '../../../src/provider-sdk';
import { authOf, guard } from './auth';
import { createBooking } from './booking-create';
import { cancelBooking, findBooking, parseIfMatch, patchBooking, rescheduleBooking } from './booking-changes';
import { requestIdOf, sendData } from './envelope';
import { idempotentWrite, requireIdempotencyKey, type WriteResult } from './idempotency';
import { listBookings } from './list-bookings';
import { detailView, type AccountState, type Booking } from './model';
import type { PatStore } from './pats';

/** The /v1/bookings surface of seed 003, one route per documented endpoint, with its scope. */
export type StateOf = (accountId: string) => AccountState;

const etag = (b: Booking): string => `"${b.version}"`;
const parse = (raw: string): unknown => (raw.trim() === '' ? undefined : JSON.parse(raw));

function written(ctx: Koa.Context, status: number, b: Booking): WriteResult {
  return { status, body: { data: b, meta: { request_id: requestIdOf(ctx) } }, etag: etag(b) };
}

export function bookingRoutes(kit: SandboxKit, pats: PatStore, stateOf: StateOf): Router {
  const router = new Router();
  const now = () => kit.clock.now();
  const state = (ctx: Koa.Context) => stateOf(authOf(ctx).accountId);

  router.get('/v1/bookings', guard(kit, pats, 'bookings:read'), (ctx) => {
    const page = listBookings(kit, ctx, state(ctx));
    sendData(ctx, 200, page.data, { next_cursor: page.next_cursor, has_more: page.has_more });
  });

  router.get('/v1/bookings/:uid', guard(kit, pats, 'bookings:read'), (ctx) => {
    const b = findBooking(state(ctx), ctx.params.uid);
    ctx.set('ETag', etag(b));
    sendData(ctx, 200, detailView(b));
  });

  router.post('/v1/bookings', guard(kit, pats, 'bookings:create'), async (ctx) => {
    const key = requireIdempotencyKey(ctx);
    const s = state(ctx);
    await idempotentWrite(kit, ctx, s, key, (raw) => written(ctx, 201, createBooking(s, parse(raw), now())));
  });

  router.post('/v1/bookings/:uid/cancel', guard(kit, pats, 'bookings:cancel'), async (ctx) => {
    const key = requireIdempotencyKey(ctx);
    const s = state(ctx);
    await idempotentWrite(kit, ctx, s, key, (raw) => written(ctx, 200, cancelBooking(s, ctx.params.uid, parse(raw), now())));
  });

  router.post('/v1/bookings/:uid/reschedule', guard(kit, pats, 'bookings:reschedule'), async (ctx) => {
    const key = requireIdempotencyKey(ctx);
    const s = state(ctx);
    await idempotentWrite(kit, ctx, s, key, (raw) => written(ctx, 200, rescheduleBooking(s, ctx.params.uid, parse(raw), now())));
  });

  router.patch('/v1/bookings/:uid', guard(kit, pats, 'bookings:update'), async (ctx) => {
    const key = requireIdempotencyKey(ctx);
    const ifMatch = parseIfMatch(ctx.get('if-match'));
    const s = state(ctx);
    await idempotentWrite(kit, ctx, s, key, (raw) => written(ctx, 200, patchBooking(s, ctx.params.uid, ifMatch, parse(raw), now())));
  });

  /** Sandbox extension (not in the seeds): the event types a client can book against. */
  router.get('/v1/event-types', guard(kit, pats, 'bookings:read'), (ctx) => {
    sendData(ctx, 200, state(ctx).eventTypes);
  });

  return router;
}
