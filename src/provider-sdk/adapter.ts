import type { ProviderManifest, ResourceName } from './manifest';
import type { Contact, ContactInput, Lead, LeadInput, Meeting, MeetingInput } from '../unified/models';
import type { ProviderRequest, ProviderResponse } from '../provider-http/provider-http';

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
}

export interface ResourceAdapters {
  contacts?: ResourceAdapter<Contact, ContactInput>;
  leads?: ResourceAdapter<Lead, LeadInput>;
  meetings?: ResourceAdapter<Meeting, MeetingInput>;
}

export type AnyResourceAdapter = ResourceAdapter<Contact | Lead | Meeting, ContactInput | LeadInput | MeetingInput>;

export function resourceAdapter(adapters: ResourceAdapters | undefined, resource: ResourceName): AnyResourceAdapter | undefined {
  return adapters?.[resource] as AnyResourceAdapter | undefined;
}
