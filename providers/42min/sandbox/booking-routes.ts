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
import type { WebhookRegistry } from './webhooks';

/** The /v1/bookings surface of seed 003, one route per documented endpoint, with its scope. */
export type StateOf = (accountId: string) => AccountState;

const etag = (b: Booking): string => `"${b.version}"`;
const parse = (raw: string): unknown => (raw.trim() === '' ? undefined : JSON.parse(raw));

function written(ctx: Koa.Context, status: number, b: Booking): WriteResult {
  return { status, body: { data: b, meta: { request_id: requestIdOf(ctx) } }, etag: etag(b) };
}

export function bookingRoutes(kit: SandboxKit, pats: PatStore, stateOf: StateOf, hooks: WebhookRegistry): Router {
  const router = new Router();
  const now = () => kit.clock.now();
  const state = (ctx: Koa.Context) => stateOf(authOf(ctx).accountId);
  const account = (ctx: Koa.Context) => authOf(ctx).accountId;
  const versionOf = (s: AccountState, uid: string): number | undefined => s.bookings.get(uid)?.version;

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
    await idempotentWrite(kit, ctx, s, key, (raw) => {
      const b = createBooking(s, parse(raw), now());
      hooks.emit(account(ctx), 'booking.created', b);
      return written(ctx, 201, b);
    });
  });

  router.post('/v1/bookings/:uid/cancel', guard(kit, pats, 'bookings:cancel'), async (ctx) => {
    const key = requireIdempotencyKey(ctx);
    const s = state(ctx);
    await idempotentWrite(kit, ctx, s, key, (raw) => {
      const before = versionOf(s, ctx.params.uid);
      const b = cancelBooking(s, ctx.params.uid, parse(raw), now());
      // Cancelling a cancelled booking changes nothing, so nothing is sent.
      if (b.version !== before) hooks.emit(account(ctx), 'booking.canceled', b);
      return written(ctx, 200, b);
    });
  });

  router.post('/v1/bookings/:uid/reschedule', guard(kit, pats, 'bookings:reschedule'), async (ctx) => {
    const key = requireIdempotencyKey(ctx);
    const s = state(ctx);
    await idempotentWrite(kit, ctx, s, key, (raw) => {
      const b = rescheduleBooking(s, ctx.params.uid, parse(raw), now());
      hooks.emit(account(ctx), 'booking.rescheduled', b);
      return written(ctx, 200, b);
    });
  });

  router.patch('/v1/bookings/:uid', guard(kit, pats, 'bookings:update'), async (ctx) => {
    const key = requireIdempotencyKey(ctx);
    const ifMatch = parseIfMatch(ctx.get('if-match'));
    const s = state(ctx);
    await idempotentWrite(kit, ctx, s, key, (raw) => {
      const before = s.bookings.get(ctx.params.uid);
      const snapshot = before ? { metadata: JSON.stringify(before.metadata), responses: JSON.stringify(before.responses ?? {}), attendee_name: before.attendees[0]?.name } : null;
      const b = patchBooking(s, ctx.params.uid, ifMatch, parse(raw), now());
      // Seed 003: booking.updated names exactly which of metadata / responses / attendee_name this call changed.
      const changed = snapshot ? [
        ...(JSON.stringify(b.metadata) !== snapshot.metadata ? ['metadata'] : []),
        ...(JSON.stringify(b.responses ?? {}) !== snapshot.responses ? ['responses'] : []),
        ...(b.attendees[0]?.name !== snapshot.attendee_name ? ['attendee_name'] : []),
      ] : [];
      hooks.emit(account(ctx), 'booking.updated', b, changed);
      return written(ctx, 200, b);
    });
  });

  /** Sandbox extension (not in the seeds): the event types a client can book against. */
  router.get('/v1/event-types', guard(kit, pats, 'bookings:read'), (ctx) => {
    sendData(ctx, 200, state(ctx).eventTypes);
  });

  return router;
}
