import type { AppDeps } from '../app-deps';
import type { Connection, Scope } from '../store/types';
import type { Contact, Lead } from '../provider-sdk/unified-models';
import type { Owner, PersonLookup } from '../provider-sdk/adapter';
import type { ProviderDefinition } from '../provider-sdk/define-provider';
import { UnsupportedResourceError } from '../errors';
import type { UnifiedService } from '../unified/unified-service';
import type { FieldMappingService } from '../unified/field-mappings';
import { LookupBatcher } from './lookup-batcher';
import { TtlCache } from '../shared/ttl-cache';
import { decideMatch, type MatchKind } from './match';
import type { EnrichSettings } from './enrich-settings';

/** What the provider knows of one email, with the owners it names. */
interface Found { contacts: Contact[]; leads: Lead[]; owners: Owner[] }

export interface EnrichResult {
  email: string;
  match: MatchKind;
  contact: Contact | null;
  lead: Lead | null;
  owner: Owner | null;
  company: string | null;
}

const NOTHING = (): Found => ({ contacts: [], leads: [], owners: [] });
const strip = <T extends { remoteData?: unknown }>(r: T): T => { const { remoteData: _r, ...rest } = r; return rest as T; };

/**
 * POST /v1/enrich: who is this email in the connection's CRM. Per connection, concurrent lookups
 * are merged into provider batches (LookupBatcher), answers and owners are cached, and the
 * gateway's own writes drop the emails they touch.
 */
export class EnrichService {
  private readonly answers = new TtlCache<Found>();
  private readonly owners = new TtlCache<Owner>();
  private readonly batchers = new Map<string, { batcher: LookupBatcher<Found>; latest: { definition: ProviderDefinition; connection: Connection } }>();

  constructor(
    private readonly deps: AppDeps,
    private readonly unified: UnifiedService,
    private readonly mappings: FieldMappingService,
    private readonly settings: EnrichSettings,
  ) {}

  async enrich(scope: Scope, provider: string | undefined, endUserId: string | undefined, emails: string[]): Promise<EnrichResult[]> {
    const definition = this.unified.provider(provider, endUserId);
    const lookup = definition.adapter?.lookup;
    const resources = definition.manifest.resources;
    if (!lookup || (!resources.contacts && !resources.leads)) {
      throw new UnsupportedResourceError({ provider: definition.manifest.id, resource: 'contacts', operation: 'enrich' });
    }
    const connection = await this.unified.connection(scope, definition, endUserId!);
    const [contactMap, leadMap] = await Promise.all([
      this.mappings.mappings(scope, definition.manifest.id, 'contacts'),
      this.mappings.mappings(scope, definition.manifest.id, 'leads'),
    ]);
    const normalized = emails.map((e) => e.trim().toLowerCase());
    const found = await Promise.all(normalized.map((email) => this.find(definition, connection, lookup, email)));
    return normalized.map((email, i) => {
      const { match, contact, lead } = decideMatch(found[i].contacts, found[i].leads);
      const winner = match === 'lead' ? lead : contact;
      const ownerId = winner?.ownerId ?? contact?.ownerId ?? lead?.ownerId ?? null;
      const owner = ownerId ? found[i].owners.find((o) => o.id === ownerId) ?? this.owners.get(`${connection.id}|${ownerId}`) ?? null : null;
      return {
        email,
        match,
        contact: contact ? strip(this.mappings.readInto(definition, 'contacts', contactMap, contact)) : null,
        lead: lead ? strip(this.mappings.readInto(definition, 'leads', leadMap, lead)) : null,
        owner,
        company: winner?.company ?? contact?.company ?? lead?.company ?? null,
      };
    });
  }

  /** Drops cached answers after the gateway's own writes: the given emails, or the whole connection. */
  invalidate(connectionId: string, emails?: (string | null | undefined)[]): void {
    if (!emails) { this.answers.deletePrefix(`${connectionId}|`); return; }
    for (const e of emails) if (e) this.answers.delete(`${connectionId}|${e.trim().toLowerCase()}`);
  }

  private find(definition: ProviderDefinition, connection: Connection, lookup: PersonLookup, email: string): Promise<Found> {
    const cached = this.answers.get(`${connection.id}|${email}`);
    if (cached) return Promise.resolve(cached);
    return this.batcherFor(definition, connection, lookup).lookup(email);
  }

  private batcherFor(definition: ProviderDefinition, connection: Connection, lookup: PersonLookup): LookupBatcher<Found> {
    let entry = this.batchers.get(connection.id);
    if (!entry) {
      const holder = { definition, connection };
      const batcher = new LookupBatcher<Found>((emails) => this.runBatch(holder, lookup, emails), {
        windowMs: this.settings.windowMs, maxWaitMs: this.settings.maxWaitMs, maxBatch: lookup.maxBatch, missing: NOTHING,
      });
      entry = { batcher, latest: holder };
      this.batchers.set(connection.id, entry);
    }
    // The newest connection record (fresh credentials version) serves the next batch.
    entry.latest.connection = connection;
    entry.latest.definition = definition;
    return entry.batcher;
  }

  /** One provider round for a batch: people by email, then the owners not cached yet, in one call. */
  private async runBatch(holder: { definition: ProviderDefinition; connection: Connection }, lookup: PersonLookup, emails: string[]): Promise<Map<string, Found>> {
    const { definition, connection } = holder;
    const mapped = await Promise.all([
      this.mappings.mappings({ accountId: connection.accountId, mode: connection.mode }, definition.manifest.id, 'contacts'),
      this.mappings.mappings({ accountId: connection.accountId, mode: connection.mode }, definition.manifest.id, 'leads'),
    ]);
    const byResource = { contacts: Object.values(mapped[0]), leads: Object.values(mapped[1]) };
    const extraFields = [...new Set([...byResource.contacts, ...byResource.leads])];
    const ctx = this.unified.context({ definition, connection }, null, extraFields, byResource);
    const { contacts, leads } = await lookup.findByEmails(ctx, emails);
    const ownerIds = [...new Set([...contacts, ...leads].map((r) => r.ownerId).filter((id): id is string => !!id))];
    const missing = ownerIds.filter((id) => !this.owners.get(`${connection.id}|${id}`));
    if (missing.length > 0) {
      for (const o of await lookup.owners(ctx, missing)) this.owners.set(`${connection.id}|${o.id}`, o, this.settings.ownerTtlMs);
    }
    const result = new Map<string, Found>();
    for (const email of emails) {
      const c = contacts.filter((r) => emailsOf(r).includes(email));
      const ids = new Set(c.map((r) => r.id));
      // A lead belongs to the email by its own address, or through the contact it is linked to.
      const l = leads.filter((r) => r.email?.toLowerCase() === email || (r.contactId !== null && ids.has(r.contactId)));
      const owners = [...c, ...l].map((r) => (r.ownerId ? this.owners.get(`${connection.id}|${r.ownerId}`) : undefined)).filter((o): o is Owner => !!o);
      const found: Found = { contacts: c, leads: l, owners };
      const hit = c.length + l.length > 0;
      this.answers.set(`${connection.id}|${email}`, found, hit ? this.settings.cacheTtlMs : this.settings.missTtlMs);
      result.set(email, found);
    }
    return result;
  }
}

function emailsOf(c: Contact): string[] {
  return [c.email, ...c.emails.map((e) => e.value)].filter((e): e is string => !!e).map((e) => e.toLowerCase());
}
