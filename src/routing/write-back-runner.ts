import type { Scope, WriteBack } from '../store/types';
import type { AppDeps } from '../app-deps';
import type { Lead, Meeting, MeetingInput, ContactInput, LeadInput, Contact } from '../provider-sdk/unified-models';
import type { ResourceName } from '../provider-sdk/manifest';
import type { UnifiedServices } from '../unified/services';
import { withSchedulingDefaults } from '../unified/meeting-defaults';
import { GatewayError } from '../errors';
import { bookingMark, crmMeetingInput, splitName, type WriteBackPlan } from './write-back-plan';

const strip = <T extends { remoteData?: unknown }>(r: T): T => { const { remoteData: _r, ...rest } = r; return rest as T; };

/** A person the write-back created when nothing matched, kept as `lead:<id>` or `contact:<id>`. */
type Created = { kind: 'lead' | 'contact'; id: string; contactId: string | null };
const parseCreated = (ref: string): { kind: 'lead' | 'contact'; id: string } => {
  const cut = ref.indexOf(':');
  return { kind: ref.slice(0, cut) as 'lead' | 'contact', id: ref.slice(cut + 1) };
};

/**
 * One attempt at a write-back: the person to tie the meeting to (matched, or created once and
 * recorded before anything else happens), then the CRM meeting, recorded at once with a
 * compare-and-set so a booking never gets two. Every CRM create carries a key derived from the
 * write-back's id, so a CRM that honours idempotency keys answers a repeat with the first record.
 */
export class WriteBackRunner {
  constructor(private readonly deps: AppDeps, private readonly services: UnifiedServices) {}

  async run(writeBack: WriteBack): Promise<Meeting> {
    if (writeBack.crmMeeting !== null) return JSON.parse(writeBack.crmMeeting) as Meeting;
    const plan = JSON.parse(writeBack.plan) as WriteBackPlan;
    const scope: Scope = { accountId: writeBack.accountId, mode: writeBack.mode };
    const person = await this.person(scope, writeBack, plan);
    const input = crmMeetingInput(plan, person.personId, person.contactId);
    // A retry: an earlier attempt may have made the meeting and lost the answer; it is adopted, not made again.
    const earlier = writeBack.attempts > 0 ? await this.findEarlier(scope, writeBack, plan, person.contactId) : null;
    const meeting = earlier ?? await this.create<Meeting, MeetingInput>(scope, writeBack, 'meetings', input, 'meeting');
    const shaped = strip(withSchedulingDefaults(meeting));
    const recorded = await this.deps.store.writeBacks.complete(writeBack.id, shaped.id, JSON.stringify(shaped), new Date().toISOString());
    if (recorded) return shaped;
    // Another process finished it first: its meeting is the one.
    const stored = await this.deps.store.writeBacks.get(writeBack.id);
    return stored?.crmMeeting ? JSON.parse(stored.crmMeeting) as Meeting : shaped;
  }

  /**
   * The CRM meeting an earlier attempt made, found by the booking id its description carries
   * among the CRM's meetings starting at the booking's time (and on the contact, where the CRM
   * filters by contact). Null when none, or when the CRM cannot filter by time.
   */
  private async findEarlier(scope: Scope, writeBack: WriteBack, plan: WriteBackPlan, contactId: string | null): Promise<Meeting | null> {
    const start = Date.parse(plan.meeting.startTime ?? '');
    if (Number.isNaN(start)) return null;
    const resolved = await this.services.unified.resolve(scope, 'meetings', 'list', writeBack.crmProvider, writeBack.endUserId);
    const declared = (resolved.adapter as { filters?: string[] }).filters ?? [];
    if (!declared.includes('startDate') || !declared.includes('endDate')) return null;
    const filters = {
      startDate: new Date(start - 60_000).toISOString(), endDate: new Date(start + 60_000).toISOString(),
      ...(contactId && declared.includes('contactId') ? { contactId } : {}),
    };
    const ctx = this.services.unified.context(resolved, null);
    let cursor: string | null = null;
    for (let page = 0; page < 5; page += 1) {
      const found = await resolved.adapter.list!(ctx, { limit: 100, cursor, filters });
      const mine = (found.items as Meeting[]).find((m) => m.description?.includes(bookingMark(plan)));
      if (mine) return mine;
      cursor = found.nextCursor;
      if (!cursor) return null;
    }
    return null;
  }

  /** Whom the meeting is tied to: the matched contact (or lead), else a person created for it. */
  private async person(scope: Scope, writeBack: WriteBack, plan: WriteBackPlan): Promise<{ personId: string; contactId: string | null }> {
    if (plan.contactId) return { personId: plan.contactId, contactId: plan.contactId };
    if (plan.leadId) return { personId: plan.leadId, contactId: null };
    if (writeBack.leadId) {
      const ref = parseCreated(writeBack.leadId);
      if (ref.kind === 'contact') return { personId: ref.id, contactId: ref.id };
      const lead = await this.get<Lead>(scope, writeBack, 'leads', ref.id);
      return { personId: lead.contactId ?? lead.id, contactId: lead.contactId };
    }
    const created = await this.createPerson(scope, writeBack, plan);
    const stored = parseCreated(await this.deps.store.writeBacks.setLeadId(writeBack.id, `${created.kind}:${created.id}`));
    if (stored.id !== created.id) return this.person(scope, { ...writeBack, leadId: `${stored.kind}:${stored.id}` }, plan);
    return created.kind === 'contact' ? { personId: created.id, contactId: created.id } : { personId: created.contactId ?? created.id, contactId: created.contactId };
  }

  /**
   * Nobody matched: a lead on CRMs that have leads, a contact otherwise. The lead carries a company
   * (some CRMs require one); a CRM whose leads have no company refuses it by name, and the lead is
   * made without. A CRM whose leads must hang off a contact refuses the lead naming contactId: the
   * contact is made first, then the lead. A refused input created nothing, so asking again is safe.
   */
  private async createPerson(scope: Scope, writeBack: WriteBack, plan: WriteBackPlan): Promise<Created> {
    const definition = this.services.unified.provider(writeBack.crmProvider, writeBack.endUserId);
    const names = splitName(plan.name, plan.email);
    const canLead = (definition.manifest.resources.leads ?? []).includes('create');
    const contactInput: ContactInput = { ...names, email: plan.email };
    const makeContact = (): Promise<Contact> => this.create<Contact, ContactInput>(scope, writeBack, 'contacts', contactInput, 'contact');
    if (!canLead) return { kind: 'contact', id: (await makeContact()).id, contactId: null };
    const leadInput: LeadInput = { ...names, email: plan.email, company: plan.company };
    let input = leadInput;
    for (let tries = 0; ; tries += 1) {
      try {
        const lead = await this.create<Lead, LeadInput>(scope, writeBack, 'leads', input, 'lead');
        return { kind: 'lead', id: lead.id, contactId: lead.contactId ?? input.contactId ?? null };
      } catch (err) {
        if (tries >= 2 || !(err instanceof GatewayError) || err.code !== 'INVALID_INPUT') throw err;
        if (input.company !== undefined && namesField(err, 'company')) {
          const { company: _dropped, ...rest } = input;
          input = rest;
        } else if (input.contactId === undefined && namesField(err, 'contactId')) {
          input = { ...input, contactId: (await makeContact()).id };
        } else {
          throw err;
        }
      }
    }
  }

  private async create<R, I>(scope: Scope, writeBack: WriteBack, resource: ResourceName, input: I, what: string): Promise<R> {
    const resolved = await this.services.unified.resolve(scope, resource, 'create', writeBack.crmProvider, writeBack.endUserId);
    const ctx = this.services.unified.context(resolved, `${writeBack.id}:${what}`);
    const record = await (resolved.adapter.create as (c: typeof ctx, i: I) => Promise<R>)(ctx, input);
    // The email's cached enrichment answer no longer holds.
    if (resource !== 'meetings') this.services.enrich.invalidate(resolved.connection.id, [(input as { email?: string }).email]);
    return record;
  }

  private async get<R>(scope: Scope, writeBack: WriteBack, resource: ResourceName, id: string): Promise<R> {
    const resolved = await this.services.unified.resolve(scope, resource, 'get', writeBack.crmProvider, writeBack.endUserId);
    return (resolved.adapter.get as (c: unknown, i: string) => Promise<R>)(this.services.unified.context(resolved, null), id);
  }
}

function namesField(err: GatewayError, field: string): boolean {
  const { errors } = err.details as { errors?: unknown };
  return Array.isArray(errors) && errors.some((e) => (e as { field?: unknown })?.field === field);
}
