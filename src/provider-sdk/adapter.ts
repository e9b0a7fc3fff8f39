import type { ProviderManifest, ResourceName } from './manifest';
import type {
  BookingPage, CancelInput, Contact, ContactInput, Lead, LeadInput, Meeting, MeetingInput, RescheduleInput, Slot, User,
} from './unified-models';
import type { ProviderRequest, ProviderResponse } from './http';

export type { ProviderRequest, ProviderResponse };

/**
 * What an adapter gets for one call: an HTTP client already bound to the connection (base URL,
 * access token, limiter, breaker, retries and refresh happen behind it) and the connection's
 * non-secret facts. Adapters never see a token.
 */
export interface AdapterHttp {
  request(req: ProviderRequest): Promise<ProviderResponse>;
  /** 2xx → parsed body; anything else → the gateway error (404 → req.notFoundCode). */
  json<T>(req: ProviderRequest): Promise<T>;
}

export interface AdapterContext {
  http: AdapterHttp;
  manifest: ProviderManifest;
  connection: { id: string; providerAccountId: string | null; metadata: Record<string, string> };
  /** The caller's Idempotency-Key on writes, for providers that honour one. */
  idempotencyKey: string | null;
  /**
   * The record version the caller's If-Match named (a meeting's `version`, quotes removed) on
   * update, delete, cancel and reschedule; given only to adapters that declare `versioned`. Absent or null:
   * the write applies to the current version.
   */
  ifMatch?: string | null;
  /**
   * Provider fields to read beyond the mapped model (the account's field mappings for this
   * resource), for providers that return only the fields asked for.
   */
  extraFields?: string[];
  /** The same per resource, for calls that read several resources at once (person lookup). */
  extraFieldsByResource?: Partial<Record<ResourceName, string[]>>;
}

/** List filters of API.md § Unified resources; an adapter declares which it can honour. */
export interface ListFilters {
  email?: string;
  updatedSince?: string;
  startDate?: string;
  endDate?: string;
  contactId?: string;
}
export type FilterName = keyof ListFilters;

export interface ListParams {
  limit: number;
  /** The provider's own cursor from the previous page (the core signs and unwraps it). */
  cursor: string | null;
  filters: ListFilters;
}

export interface Page<T> { items: T[]; nextCursor: string | null }

/**
 * One resource of one provider. Records come back in the unified model with `remoteData` set
 * to the provider's record; the core drops it unless the caller asked for it.
 */
export interface ResourceAdapter<R, I> {
  filters: FilterName[];
  list?(ctx: AdapterContext, params: ListParams): Promise<Page<R>>;
  get?(ctx: AdapterContext, id: string): Promise<R>;
  create?(ctx: AdapterContext, input: I): Promise<R>;
  update?(ctx: AdapterContext, id: string, input: I): Promise<R>;
  delete?(ctx: AdapterContext, id: string): Promise<void>;
  /**
   * Deletions the provider reports, for polling (manifest `changeDetection: poll`): records deleted
   * from `since` up to at most `until`, and how far the answer covers (the next call's `since`).
   * Without it, deletions of a polled resource are not detected.
   */
  listDeleted?(ctx: AdapterContext, window: { since: string; until: string }): Promise<DeletedRecords>;
}

export interface DeletedRecords { items: Array<{ id: string; deletedAt: string }>; coveredUntil: string }

/**
 * Meetings, plus a booking engine's actions (declared as meetings operations `cancel` and
 * `reschedule`). Booking itself is `create` with `input.bookingPageId`, which the core passes only
 * to providers that declare bookingPages.
 */
export interface MeetingsAdapter extends ResourceAdapter<Meeting, MeetingInput> {
  /**
   * The provider versions its records: meetings carry `version` (the core's ETag), and a write with
   * `ctx.ifMatch` of an older version fails with VERSION_CONFLICT. Without it, If-Match is refused.
   */
  versioned?: boolean;
  /** Cancels; a meeting already cancelled comes back unchanged (no error). */
  cancel?(ctx: AdapterContext, id: string, input: CancelInput): Promise<Meeting>;
  /**
   * Moves the meeting to input.startTime (its duration kept). A provider that moves it in place
   * answers the same id; one that makes a new record answers the new one with rescheduledFromId.
   */
  reschedule?(ctx: AdapterContext, id: string, input: RescheduleInput): Promise<Meeting>;
}

/** GET /v1/users: the provider's users (CRM owners, scheduling hosts, employees), paged. */
export interface UsersAdapter {
  list(ctx: AdapterContext, params: { limit: number; cursor: string | null }): Promise<Page<User>>;
}

/** GET /v1/booking-pages, optionally only the pages a host (by email, lowercased) takes part in. */
export interface BookingPagesAdapter {
  list(ctx: AdapterContext, params: { limit: number; cursor: string | null; hostEmail?: string }): Promise<Page<BookingPage>>;
}

/** What GET /v1/availability asks: the core has checked the range (end > start, at most 31 days). */
export interface AvailabilityQuery {
  bookingPageId: string;
  startDate: string;
  endDate: string;
  /** IANA zone deciding day boundaries for providers that answer per day; null = UTC. */
  timezone: string | null;
  hostEmail?: string;
}

/**
 * Free slots, computed by the provider, in as few calls as its API allows (one for a range where
 * it takes one). Nothing here may be cached: a cached slot can be a taken one.
 */
export interface AvailabilityAdapter {
  list(ctx: AdapterContext, query: AvailabilityQuery): Promise<Slot[]>;
}

export interface ResourceAdapters {
  contacts?: ResourceAdapter<Contact, ContactInput>;
  leads?: ResourceAdapter<Lead, LeadInput>;
  meetings?: MeetingsAdapter;
  users?: UsersAdapter;
  bookingPages?: BookingPagesAdapter;
  availability?: AvailabilityAdapter;
}

export type AnyResourceAdapter = ResourceAdapter<Contact | Lead | Meeting, ContactInput | LeadInput | MeetingInput>;

export function resourceAdapter(adapters: ResourceAdapters | undefined, resource: ResourceName): AnyResourceAdapter | undefined {
  return adapters?.[resource] as AnyResourceAdapter | undefined;
}

/**
 * Who the connection is at the provider (portal, org, company, account), as `identify` reports
 * it. `providerAccountName` is null when the provider exposes no name.
 */
export interface AccountIdentity { providerAccountId: string; providerAccountName: string | null }

/** A CRM user who owns records, as enrichment reports it. */
export interface Owner { id: string; name: string | null; email: string | null }

/** One field of a provider's catalog (GET /v1/fields). */
export interface FieldInfo {
  /** The provider's field name, as used in field mappings. */
  name: string;
  label: string;
  /** The provider's own type name (string, number, enumeration, picklist, date, …). */
  type: string;
  /** Picklist options; null when the field has none. */
  options: { value: string; label: string }[] | null;
}

/**
 * Finding people by email across contacts and leads, for POST /v1/enrich. The core batches,
 * coalesces and caches; an adapter only answers "who are these emails" in as few provider calls
 * as its API allows (batch reads, IN searches).
 */
export interface PersonLookup {
  /** Most emails one call of findByEmails may be given (the core splits larger sets). */
  maxBatch: number;
  /**
   * Contacts and leads (where the provider has them) whose email, compared case-insensitively, is
   * one of `emails` (already trimmed and lowercased). Records in the unified model with remoteData.
   */
  findByEmails(ctx: AdapterContext, emails: string[]): Promise<{ contacts: Contact[]; leads: Lead[] }>;
  /** Owners by id, in any order; unknown ids are left out. The core caches them per connection. */
  owners(ctx: AdapterContext, ids: string[]): Promise<Owner[]>;
}

/** The provider's field catalog per resource (its properties or describe API). */
export interface FieldCatalog {
  fields(ctx: AdapterContext, resource: ResourceName): Promise<FieldInfo[]>;
}

/**
 * How mapped custom fields are read from and written to provider records (field mappings).
 * `read` gets a record's remoteData; `write` returns a providerData fragment the adapter's
 * create/update already merges into its request.
 */
export interface CustomFieldAccess {
  read(resource: ResourceName, remoteData: unknown, field: string): unknown;
  write(resource: ResourceName, values: Record<string, unknown>): Record<string, unknown>;
}
