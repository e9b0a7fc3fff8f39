import { createHash } from 'node:crypto';
import type { AppDeps } from '../app-deps';
import type { Scope, WriteBack } from '../store/types';
import type { BookingPage, BookingPageHost, Meeting, MeetingInput, Slot } from '../provider-sdk/unified-models';
import type { Owner } from '../provider-sdk/adapter';
import type { UnifiedServices } from '../unified/services';
import type { EnrichResult } from '../enrich/enrich-service';
import { withSchedulingDefaults } from '../unified/meeting-defaults';
import { randomId } from '../connect/secrets';
import { GatewayError, InvalidInputError, MissingRequiredError, SlotUnavailableError } from '../errors';
import { pickHost, type RoutingReason } from './host-pick';
import { step } from './route-steps';
import { planOf } from './write-back-plan';
import type { WriteBackWorker } from './write-back-worker';
import type { WriteBackSettings } from './write-back-settings';

export interface RouteAndBookRequest {
  email: string;
  name?: string | null;
  /** For a lead created by the write-back (some CRMs require it); the email's domain otherwise. */
  company?: string | null;
  crm: { provider: string; endUserId: string };
  scheduler: { provider: string; endUserId: string; bookingPageId?: string };
  /** Checked by the route (end after start, at most 31 days) and given as UTC ISO. */
  window: { startDate: string; endDate: string };
  startTime?: string;
  writeBack?: boolean;
  /** Answers to the booking page's questions, passed to the booking as POST /v1/meetings takes them. */
  answers?: { questionId: string; answer: unknown }[];
}

export interface Routing {
  match: EnrichResult['match'];
  /** The matched contact or lead (as /v1/enrich answers it). */
  record: EnrichResult['contact'] | EnrichResult['lead'];
  owner: Owner | null;
  host: BookingPageHost | null;
  bookingPage: { id: string; name: string; url: string | null; hosts: BookingPageHost[] };
  reason: RoutingReason;
}

export type WriteBackStatus = { id: string; status: 'done' } | { id: string; status: 'pending'; error: { code: string; message: string; details: Record<string, unknown> } };

/** At most this many fresh slots ride along with a SLOT_UNAVAILABLE. */
const ALTERNATIVES = 5;
const PAGE_LIMIT = 200;
const MAX_PAGES = 20;
const strip = <T extends { remoteData?: unknown }>(r: T): T => { const { remoteData: _r, ...rest } = r; return rest as T; };

/**
 * POST /v1/route-and-book (API.md § Route and book): enrich → host → availability → book →
 * write-back, each through the services the single-purpose routes use (the same enrichment rule,
 * cache and coalescing; the same resolution, adapters and change events). A failing step raises
 * its own gateway error with details.step.
 */
export class RouteAndBookService {
  constructor(
    private readonly deps: AppDeps,
    private readonly services: UnifiedServices,
    private readonly worker: WriteBackWorker,
    private readonly settings: WriteBackSettings,
  ) {}

  async route(scope: Scope, req: RouteAndBookRequest): Promise<{ routing: Routing; slots: Slot[] }> {
    const routing = await this.routing(scope, req);
    const slots = await step('availability', () => this.slots(scope, req, routing));
    return { routing, slots };
  }

  async book(scope: Scope, req: RouteAndBookRequest, idempotencyKey: string | null): Promise<Record<string, unknown>> {
    if (!idempotencyKey) throw new MissingRequiredError(['Idempotency-Key']);
    const routing = await this.routing(scope, req);
    const { meeting, connectionId } = await step('book', () => this.bookSlot(scope, req, routing, derivedKey(scope, idempotencyKey)));
    if (req.writeBack !== true) return { routing, meeting, crmMeeting: null };
    const { crmMeeting, writeBack } = await this.writeBack(scope, req, routing, meeting, connectionId);
    return { routing, meeting, crmMeeting, writeBack };
  }

  private async routing(scope: Scope, req: RouteAndBookRequest): Promise<Routing> {
    const [found] = await step('enrich', () => this.services.enrich.enrich(scope, req.crm.provider, req.crm.endUserId, [req.email]));
    return step('host', async () => {
      const pages = await this.pages(scope, req);
      const choice = pickHost(pages, found.owner?.email ?? null, req.scheduler.bookingPageId ?? null);
      if (!choice) {
        throw new InvalidInputError([req.scheduler.bookingPageId
          ? { field: 'scheduler.bookingPageId', message: 'is not a booking page of this connection' }
          : { field: 'scheduler', message: 'has no active booking page' }]);
      }
      const { bookingPage: p } = choice;
      return {
        match: found.match, record: found.match === 'lead' ? found.lead : found.contact, owner: found.owner,
        host: choice.host, bookingPage: { id: p.id, name: p.name, url: p.url, hosts: p.hosts }, reason: choice.reason,
      };
    });
  }

  /** Every booking page of the scheduler connection (pages carry their hosts: no users call is needed). */
  private async pages(scope: Scope, req: RouteAndBookRequest): Promise<BookingPage[]> {
    const { unified } = this.services;
    const resolved = await unified.resolveList(scope, 'bookingPages', req.scheduler.provider, req.scheduler.endUserId);
    const ctx = unified.context(resolved, null);
    const pages: BookingPage[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < MAX_PAGES; i += 1) {
      const page = await resolved.adapter.list(ctx, { limit: PAGE_LIMIT, cursor });
      pages.push(...page.items.map(strip));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    return pages;
  }

  /** The page's free slots in the window, only the chosen host's when there is one. */
  private async slots(scope: Scope, req: RouteAndBookRequest, routing: Routing): Promise<Slot[]> {
    const { unified } = this.services;
    const range = { startDate: req.window.startDate, endDate: req.window.endDate };
    const resolved = await unified.resolveList(scope, 'availability', req.scheduler.provider, req.scheduler.endUserId);
    const hostEmail = routing.host?.email?.trim().toLowerCase();
    return resolved.adapter.list(unified.context(resolved, null), {
      bookingPageId: routing.bookingPage.id, ...range, timezone: null, ...(hostEmail ? { hostEmail } : {}),
    });
  }

  /** Books through the scheduler's meetings adapter with a key derived from the caller's: a repeat is the provider's replay. */
  private async bookSlot(scope: Scope, req: RouteAndBookRequest, routing: Routing, key: string): Promise<{ meeting: Meeting; connectionId: string }> {
    const { unified } = this.services;
    const resolved = await unified.resolve(scope, 'meetings', 'create', req.scheduler.provider, req.scheduler.endUserId);
    const input: MeetingInput = {
      bookingPageId: routing.bookingPage.id, startTime: new Date(req.startTime!).toISOString(),
      attendees: [{ email: req.email.trim().toLowerCase(), name: req.name ?? null }],
      ...(req.answers && req.answers.length > 0 ? { answers: req.answers } : {}),
    };
    const create = (i: MeetingInput): Promise<Meeting> =>
      (resolved.adapter.create as (c: unknown, i: MeetingInput) => Promise<Meeting>)(unified.context(resolved, key), i);
    // On a page with several hosts the chosen one is asked for as the meeting's ownerId (its host);
    // a provider whose page decides the host refuses ownerId before booking anything: then its round robin books.
    const shared = routing.host !== null && routing.bookingPage.hosts.length > 1;
    try {
      let created: Meeting;
      try {
        created = await create(shared ? { ...input, ownerId: routing.host!.id } : input);
      } catch (err) {
        if (!shared || !(err instanceof GatewayError) || err.code !== 'INVALID_INPUT' || !namesField(err, 'ownerId')) throw err;
        created = await create(input);
      }
      return { meeting: strip(withSchedulingDefaults(created)), connectionId: resolved.connection.id };
    } catch (err) {
      if (!(err instanceof GatewayError) || err.code !== 'SLOT_UNAVAILABLE') throw err;
      // Fresh slots for the same host: what the routing engine offers instead.
      const alternatives = await this.slots(scope, req, routing).then((s) => s.slice(0, ALTERNATIVES), () => []);
      throw new SlotUnavailableError({ message: err.message, details: { ...err.details, step: 'book', alternatives }, cause: err });
    }
  }

  /** Stores the write-back first (so a crash cannot lose it), then makes the first attempt inline. */
  private async writeBack(scope: Scope, req: RouteAndBookRequest, routing: Routing, meeting: Meeting, connectionId: string):
    Promise<{ crmMeeting: Meeting | null; writeBack: WriteBackStatus }> {
    const now = new Date();
    const record = routing.record as { id: string; contactId?: string | null } | null;
    const plan = planOf({
      email: req.email.trim().toLowerCase(), name: req.name ?? null, company: req.company ?? null, match: routing.match, scheduler: req.scheduler.provider,
      contactId: routing.match === 'contact' ? record!.id : routing.match === 'lead' ? record!.contactId ?? null : null,
      leadId: routing.match === 'lead' ? record!.id : null, meeting,
      bookingPage: { id: routing.bookingPage.id, name: routing.bookingPage.name, url: routing.bookingPage.url },
    });
    const row: WriteBack = {
      id: randomId('wb_'), accountId: scope.accountId, mode: scope.mode, bookingKey: `${connectionId}|${meeting.id}`,
      crmProvider: req.crm.provider, endUserId: req.crm.endUserId, plan: JSON.stringify(plan), status: 'pending', attempts: 0,
      nextAttemptAt: now.toISOString(), leaseOwner: null, leaseExpiresAt: null, leadId: null, crmMeetingId: null, crmMeeting: null,
      lastError: null, createdAt: now.toISOString(), deadlineAt: new Date(now.getTime() + this.settings.windowMs).toISOString(), completedAt: null,
    };
    const { writeBack: stored } = await this.deps.store.writeBacks.createOnce(row);
    if (stored.crmMeeting !== null) return { crmMeeting: JSON.parse(stored.crmMeeting) as Meeting, writeBack: { id: stored.id, status: 'done' } };
    const outcome = await this.worker.attempt(stored);
    if (outcome.done) return { crmMeeting: outcome.meeting!, writeBack: { id: stored.id, status: 'done' } };
    return { crmMeeting: null, writeBack: { id: stored.id, status: 'pending', error: errorOf(outcome.error) } };
  }
}

function namesField(err: GatewayError, field: string): boolean {
  const { errors } = err.details as { errors?: unknown };
  return Array.isArray(errors) && errors.some((e) => (e as { field?: unknown })?.field === field);
}

/** The provider-facing key of a booking: one per caller key, never the caller's key itself. */
function derivedKey(scope: Scope, idempotencyKey: string): string {
  return `rab_${createHash('sha256').update(`${scope.accountId}|${scope.mode}|${idempotencyKey}|book`).digest('hex').slice(0, 40)}`;
}

function errorOf(err: unknown): { code: string; message: string; details: Record<string, unknown> } {
  if (err instanceof GatewayError) return { code: err.code, message: err.message, details: { ...err.details, step: 'write_back' } };
  // Another process held the write-back (or a non-gateway failure): still pending, retried from the store.
  return { code: 'INTERNAL_ERROR', message: err === undefined ? 'The write-back is being retried' : 'The write-back failed', details: { step: 'write_back' } };
}
