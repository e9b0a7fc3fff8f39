import type { Mode } from './types';

/** One changed record a provider's verified webhook reported (the parsed delivery; see below). */
export interface InboundChange {
  providerAccountId: string;
  resource: 'contacts' | 'leads' | 'meetings';
  recordId: string;
  change: 'created' | 'updated' | 'deleted' | 'cancelled' | 'rescheduled';
  occurredAt: string | null;
  rescheduledFromId?: string | null;
  version?: string | null;
  updatedAt?: string | null;
}

/**
 * A provider webhook delivery, verified and stored before the provider gets its answer, processed
 * afterwards under a lease (a process that dies mid-way leaves it to the next one). What is kept is
 * the parsed list of changed record ids, not the raw body: it carries no personal data and needs
 * no second verification. The id derives from the provider's delivery id (or the signed body), so
 * a replay is the same row.
 */
export interface ProviderWebhookDelivery {
  id: string;
  provider: string;
  mode: Mode;
  changes: InboundChange[];
  status: 'pending' | 'done' | 'failed';
  attempts: number;
  nextAttemptAt: string;
  leaseOwner: string | null;
  leaseExpiresAt: string | null;
  lastError: string | null;
  receivedAt: string;
  completedAt: string | null;
}

export interface ProviderWebhookDeliveryStore {
  /** Stores it unless a delivery with that id exists; true when stored now. */
  insertOnce(delivery: ProviderWebhookDelivery): Promise<boolean>;
  get(id: string): Promise<ProviderWebhookDelivery | null>;
  /** Pending deliveries due by `now` whose lease is free at `now`, oldest first. */
  listDue(now: string, limit: number): Promise<ProviderWebhookDelivery[]>;
  /** Atomic lease on a pending delivery: true when `owner` now holds it until leaseExpiresAt. */
  claim(id: string, owner: string, leaseExpiresAt: string, now: string): Promise<boolean>;
  /** Done (or failed for good), by the lease holder. */
  finish(id: string, owner: string, status: 'done' | 'failed', at: string, lastError: string | null): Promise<void>;
  /** A failed attempt by the lease holder: counted, rescheduled, released. */
  retryLater(id: string, owner: string, nextAttemptAt: string, lastError: string): Promise<void>;
  /** Ids of the active connections of that provider account (any tenant) in `mode`. */
  connectionIdsFor(mode: Mode, provider: string, providerAccountId: string): Promise<string[]>;
  /** Deletes finished deliveries received before `before` (replays older than that are not recognized); returns how many. */
  purgeFinished(before: string): Promise<number>;
}
