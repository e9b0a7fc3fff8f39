import { randomBytes } from 'node:crypto';
import Router from '@koa/router';
import type Koa from 'koa';
import { readJson, type SandboxKit } from '../../../src/provider-sdk';
import { guard, keyOf } from './auth';
import { ApiError, missingField, validationFailed } from './envelope';
import { SCOPES, type KeyStore, type Scope } from './keys';
import { iso, rulesOf, schedulesOf, type AccountState, type Answer, type Booking, type BookingLink, type BookingStatus } from './model';
import { dayRange, freeHostsAt, listFreeSlots } from './slot-engine';

/**
 * The seed's endpoints on their real paths (under /api/v1), plus two the seed does not have:
 * `GET /api/v1/booking-links` (how links are listed is UNCONFIRMED) and the sandbox-only key issuer
 * `POST /sandbox/api-keys { name, scopes, account }` (the SDK's sandboxIssuePath contract).
 */
export type StateOf = (accountId: string) => AccountState;

const MAX_LIMIT = 100;
const DEFAULT_LIMIT = 50;
const STATUSES: readonly BookingStatus[] = ['confirmed', 'cancelled', 'no_show'];
const ACCOUNT = /^[A-Za-z0-9_-]{1,64}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function single(ctx: Koa.Context, name: string): string | undefined {
  const v = ctx.query[name];
  return Array.isArray(v) ? v[v.length - 1] : v;
}

function paging(ctx: Koa.Context): { page: number; limit: number } {
  const num = (name: string, fallback: number, max: number): number => {
    const raw = single(ctx, name);
    if (raw === undefined) return fallback;
    if (!/^\d{1,6}$/.test(raw) || Number(raw) < 1 || Number(raw) > max) throw validationFailed(`${name} must be an integer from 1 to ${max}.`, [name]);
    return Number(raw);
  };
  return { page: num('page', 1, 1_000_000), limit: num('limit', DEFAULT_LIMIT, MAX_LIMIT) };
}

function pageOf<T>(items: T[], page: number, limit: number): { data: T[]; pagination: { page: number; limit: number; total: number; hasMore: boolean } } {
  const start = (page - 1) * limit;
  return { data: items.slice(start, start + limit), pagination: { page, limit, total: items.length, hasMore: start + limit < items.length } };
}

/** `booking_link_id` or `slug` (seed: "Either … must be supplied"), from the query or a body. */
function linkOf(state: AccountState, id: unknown, slug: unknown): BookingLink {
  if ((typeof id !== 'string' || id === '') && (typeof slug !== 'string' || slug === '')) throw missingField(['booking_link_id']);
  const link = typeof id === 'string' && id !== '' ? state.links.find((l) => l.id === id) : state.links.find((l) => l.slug === slug);
  if (!link || !link.active) throw new ApiError(404, 'booking_link_not_found', 'No matching booking link in this entity.');
  return link;
}

const withLink = (state: AccountState, b: Booking) => {
  const link = state.links.find((l) => l.id === b.booking_link_id);
  return { ...b, link_title: link?.title ?? null, duration_minutes: link?.duration_minutes ?? null };
};

function bookingOf(state: AccountState, id: string): Booking {
  const b = state.bookings.get(id);
  if (!b) throw new ApiError(404, 'not_found', 'No such booking in this entity.');
  return b;
}

const isTimeZone = (zone: string): boolean => {
  try { new Intl.DateTimeFormat('en-US', { timeZone: zone }); return true; } catch { return false; }
};

function questionsRefusal(link: BookingLink, answers: Answer[]): ApiError | null {
  const given = new Map(answers.map((a) => [a.question_id, a.answer]));
  const missing = link.questions.filter((q) => q.required && (given.get(q.id) === undefined || given.get(q.id) === null || given.get(q.id) === ''));
  if (missing.length > 0) return validationFailed(`A required qualification question was unanswered: ${missing.map((q) => q.id).join(', ')}`, missing.map((q) => `answers.${q.id}`));
  for (const q of link.questions) {
    const a = given.get(q.id);
    if (a !== undefined && q.options && !q.options.includes(String(a))) return validationFailed(`Answer to ${q.id} must be one of ${q.options.join(', ')}.`, [`answers.${q.id}`]);
  }
  const rule = link.routing_rules.find((r) => String(given.get(r.question_id)) === r.equals);
  return rule ? new ApiError(403, 'routing_rejected', rule.reason) : null;
}

function parseAnswers(raw: unknown): Answer[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw) || raw.some((a) => typeof a !== 'object' || a === null || typeof (a as Answer).question_id !== 'string')) {
    throw validationFailed('answers must be an array of { question_id, answer }.', ['answers']);
  }
  return (raw as Answer[]).map((a) => ({ question_id: a.question_id, answer: a.answer }));
}

export function apiRoutes(kit: SandboxKit, keys: KeyStore, stateOf: StateOf): Router {
  const router = new Router();
  const state = (ctx: Koa.Context): AccountState => stateOf(keyOf(ctx).caller.accountId);
  const read = guard(kit, keys, 'bookings:read');
  const write = guard(kit, keys, 'bookings:write');
  /**
   * Held per (account, host, start) around each check-and-insert of a booking. The check and the
   * insert run synchronously, so two requests can never interleave inside them; the lock states the
   * rule and refuses at once (slot_taken: "another booking grabbed the slot") if ever held.
   */
  const held = new Set<string>();

  router.post('/sandbox/api-keys', async (ctx) => {
    const body = (await readJson(ctx)) as { account?: unknown; scopes?: unknown } | undefined;
    const account = typeof body?.account === 'string' && ACCOUNT.test(body.account) ? body.account : 'demo';
    const asked = Array.isArray(body?.scopes) ? body.scopes.filter((s): s is Scope => (SCOPES as readonly string[]).includes(s as string)) : [];
    const issued = keys.issue(account, asked.length > 0 ? asked : [...SCOPES]);
    const caller = { accountId: account, grantId: issued.id };
    kit.stats.request(caller, ctx.method, ctx.path);
    kit.stats.tokenIssued(caller);
    ctx.status = 201;
    ctx.body = { data: { id: issued.id, token: issued.token, scopes: asked.length > 0 ? asked : [...SCOPES] } };
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
    const hosts = schedulesOf(s, link, day.fromMs, day.toMs).filter((h) => staffId === undefined || h.hostId === staffId);
    const slots = listFreeSlots(rulesOf(link), hosts, day.fromMs, day.toMs, kit.clock.now());
    ctx.body = {
      data: {
        booking_link_id: link.id, slug: link.slug, date,
        slots: slots.map((x) => ({ start: iso(x.startMs), end: iso(x.endMs), staff_ids: x.hostIds })),
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
    const body = (await readJson(ctx)) as Record<string, unknown> | undefined;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw validationFailed('The request body must be a JSON object.');
    const link = linkOf(s, body.booking_link_id, body.slug);
    const missing = ['contact_name', 'contact_email', 'start_time'].filter((f) => typeof body[f] !== 'string' || (body[f] as string).trim() === '');
    if (missing.length > 0) throw missingField(missing);
    const email = (body.contact_email as string).trim();
    if (!EMAIL.test(email)) throw validationFailed('contact_email is not an email address.', ['contact_email']);
    const startMs = Date.parse(body.start_time as string);
    if (Number.isNaN(startMs)) throw validationFailed('start_time must be an ISO 8601 timestamp.', ['start_time']);
    const opt = (name: string): string | null => {
      const v = body[name];
      if (v === undefined || v === null) return null;
      if (typeof v !== 'string') throw validationFailed(`${name} must be a string.`, [name]);
      return v;
    };
    const phone = opt('contact_phone');
    const notes = opt('notes');
    const tz = opt('client_timezone');
    if (tz !== null && !isTimeZone(tz)) throw validationFailed('client_timezone must be an IANA time zone.', ['client_timezone']);
    const staffId = opt('staff_id');
    if (staffId !== null && !link.hosts.some((h) => h.id === staffId)) throw validationFailed('staff_id is not a host of this booking link.', ['staff_id']);
    const answers = parseAnswers(body.answers);
    const refusal = questionsRefusal(link, answers);
    if (refusal) throw refusal;

    // Check and insert, synchronously, under the slot's locks.
    const candidates = link.hosts.filter((h) => staffId === null || h.id === staffId).map((h) => h.id);
    const lockKeys = candidates.map((h) => `${keyOf(ctx).caller.accountId}|${h}@${startMs}`);
    const taken = (): ApiError => new ApiError(409, 'slot_taken', 'That slot is no longer available: another booking grabbed it.');
    if (lockKeys.some((k) => held.has(k))) throw taken();
    for (const k of lockKeys) held.add(k);
    try {
      const nowMs = kit.clock.now();
      const schedules = schedulesOf(s, link, startMs, startMs + 1).filter((x) => candidates.includes(x.hostId));
      const free = freeHostsAt(rulesOf(link), schedules, startMs, nowMs);
      if (free.length === 0) throw taken();
      // Round robin: the free host with the fewest upcoming confirmed bookings (team order breaks ties).
      const load = (h: string) => [...s.bookings.values()].filter((b) => b.staff_id === h && b.status === 'confirmed' && Date.parse(b.start_time) > nowMs).length;
      const host = [...free].sort((a, b) => load(a) - load(b))[0];
      const booking: Booking = {
        id: `bkg_${randomBytes(8).toString('hex')}`, booking_link_id: link.id, slug: link.slug,
        contact_name: (body.contact_name as string).trim(), contact_email: email, contact_phone: phone,
        start_time: iso(startMs), end_time: iso(startMs + link.duration_minutes * 60_000), status: 'confirmed', notes,
        client_timezone: tz, staff_id: host, service_id: opt('service_id'), answers, cancellation_reason: null,
        created_at: iso(nowMs), updated_at: iso(nowMs),
      };
      s.bookings.set(booking.id, booking);
      ctx.status = 201;
      ctx.body = { data: withLink(s, booking) };
    } finally {
      for (const k of lockKeys) held.delete(k);
    }
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
