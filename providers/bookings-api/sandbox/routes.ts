import Router from '@koa/router';
import type Koa from 'koa';
import { listFreeSlots, readJson, type SandboxKit } from '../../../src/provider-sdk';
import { guard, keyOf } from './auth';
import { createBooking, SlotLocks } from './booking-create';
import { ApiError, missingField, validationFailed } from './envelope';
import { SCOPES, type KeyStore, type Scope } from './keys';
import { iso, rulesOf, schedulesOf, type AccountState, type BookingStatus } from './model';
import { bookingOf, isTimeZone, linkOf, pageOf, paging, single, withLink } from './params';
import { dayRange } from './day-range';

/**
 * The seed's endpoints on their real paths (under /api/v1), plus two the seed does not have:
 * `GET /api/v1/booking-links` (how links are listed is UNCONFIRMED) and the sandbox-only key issuer
 * `POST /sandbox/api-keys { name, scopes, account }` (the SDK's sandboxIssuePath contract).
 */
export type StateOf = (accountId: string) => AccountState;

const STATUSES: readonly BookingStatus[] = ['confirmed', 'cancelled', 'no_show'];
const ACCOUNT = /^[A-Za-z0-9_-]{1,64}$/;

export function apiRoutes(kit: SandboxKit, keys: KeyStore, stateOf: StateOf): Router {
  const router = new Router();
  const state = (ctx: Koa.Context): AccountState => stateOf(keyOf(ctx).caller.accountId);
  const read = guard(kit, keys, 'bookings:read');
  const write = guard(kit, keys, 'bookings:write');
  const locks = new SlotLocks();

  router.post('/sandbox/api-keys', async (ctx) => {
    const body = (await readJson(ctx)) as { account?: unknown; scopes?: unknown } | undefined;
    const account = typeof body?.account === 'string' && ACCOUNT.test(body.account) ? body.account : 'demo';
    const asked = Array.isArray(body?.scopes) ? body.scopes.filter((s): s is Scope => (SCOPES as readonly string[]).includes(s as string)) : [];
    const scopes = asked.length > 0 ? asked : [...SCOPES];
    const issued = keys.issue(account, scopes);
    const caller = { accountId: account, grantId: issued.id };
    kit.stats.request(caller, ctx.method, ctx.path);
    kit.stats.tokenIssued(caller);
    ctx.status = 201;
    ctx.body = { data: { id: issued.id, token: issued.token, scopes } };
  });

  router.get('/api/v1/booking-links', read, (ctx) => {
    const { page, limit } = paging(ctx);
    ctx.body = pageOf(state(ctx).links.filter((l) => l.active), page, limit);
  });

  router.get('/api/v1/availability', read, (ctx) => {
    const s = state(ctx);
    const link = linkOf(s, single(ctx, 'booking_link_id'), single(ctx, 'slug'));
    const date = single(ctx, 'date');
    if (!date) throw missingField(['date']);
    // Not in the seed: which zone `date` is read in. UTC unless `timezone` says otherwise (README).
    const timezone = single(ctx, 'timezone') ?? 'UTC';
    if (!isTimeZone(timezone)) throw validationFailed('timezone must be an IANA time zone.', ['timezone']);
    const day = dayRange(date, timezone);
    if (!day) throw validationFailed('date must be a calendar date, YYYY-MM-DD.', ['date']);
    // `staff_id` (one host's slots) is not in the seed either; create takes it, so availability does too.
    const staffId = single(ctx, 'staff_id');
    if (staffId !== undefined && !link.hosts.some((h) => h.id === staffId)) throw validationFailed('staff_id is not a host of this booking link.', ['staff_id']);
    const hosts = schedulesOf(s, link, day.fromMs, day.toMs).filter((h) => staffId === undefined || h.id === staffId);
    const slots = listFreeSlots(rulesOf(link), hosts, day.fromMs, day.toMs, kit.clock.now());
    ctx.body = {
      data: {
        booking_link_id: link.id, slug: link.slug, date,
        slots: slots.map((x) => ({ start: iso(x.startMs), end: iso(x.endMs), staff_ids: x.ids })),
      },
    };
  });

  router.get('/api/v1/bookings', read, (ctx) => {
    const s = state(ctx);
    const { page, limit } = paging(ctx);
    const linkId = single(ctx, 'booking_link_id');
    const status = single(ctx, 'status');
    if (status !== undefined && !STATUSES.includes(status as BookingStatus)) throw validationFailed(`status must be one of ${STATUSES.join(', ')}.`, ['status']);
    const bound = (name: string): number | null => {
      const raw = single(ctx, name);
      if (raw === undefined) return null;
      const ms = Date.parse(raw);
      if (Number.isNaN(ms)) throw validationFailed(`${name} must be an ISO 8601 timestamp.`, [name]);
      return ms;
    };
    const from = bound('from');
    const to = bound('to');
    // Seed: "from / to — filter by start_time"; both taken as inclusive.
    const items = [...s.bookings.values()]
      .filter((b) => (linkId === undefined || b.booking_link_id === linkId) && (status === undefined || b.status === status))
      .filter((b) => { const t = Date.parse(b.start_time); return (from === null || t >= from) && (to === null || t <= to); })
      .sort((a, b) => a.start_time.localeCompare(b.start_time) || a.id.localeCompare(b.id));
    ctx.body = pageOf(items, page, limit);
  });

  router.get('/api/v1/bookings/:id', read, (ctx) => {
    const s = state(ctx);
    ctx.body = { data: withLink(s, bookingOf(s, ctx.params.id)) };
  });

  router.post('/api/v1/bookings', write, async (ctx) => {
    const s = state(ctx);
    const booking = createBooking(s, keyOf(ctx).caller.accountId, await readJson(ctx), kit.clock.now(), locks);
    ctx.status = 201;
    ctx.body = { data: withLink(s, booking) };
  });

  router.patch('/api/v1/bookings/:id/cancel', write, async (ctx) => {
    const s = state(ctx);
    const body = (await readJson(ctx)) as { reason?: unknown } | undefined;
    const reason = body?.reason;
    if (reason !== undefined && reason !== null && typeof reason !== 'string') throw validationFailed('reason must be a string.', ['reason']);
    const b = bookingOf(s, ctx.params.id);
    if (b.status === 'cancelled') throw new ApiError(409, 'already_cancelled', 'Booking is already cancelled.');
    b.status = 'cancelled';
    b.cancellation_reason = typeof reason === 'string' ? reason : null;
    b.updated_at = iso(kit.clock.now());
    ctx.body = { data: { id: b.id, status: 'cancelled', reason: b.cancellation_reason } };
  });

  return router;
}
