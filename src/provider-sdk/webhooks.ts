import { createHash, timingSafeEqual } from 'node:crypto';
import type { AdapterContext } from './adapter';

/** A provider's webhook delivery as the gateway received it, before anything is trusted. */
export interface WebhookRequest {
  method: string;
  /** The full URL the provider sent to (the gateway's public URL + path and query). */
  url: string;
  /** Lowercased header names. */
  headers: Record<string, string | undefined>;
  /** The body exactly as received: signatures are over these bytes, never a re-serialization. */
  rawBody: string;
}

export type WebhookResource = 'contacts' | 'leads' | 'meetings';
export type WebhookChangeKind = 'created' | 'updated' | 'deleted' | 'cancelled' | 'rescheduled';

/** One changed record a delivery reports: the gateway reads the record itself (adapter `get`) unless deleted. */
export interface WebhookChange {
  /** The account at the provider (the identify hook's providerAccountId) the change happened in. */
  providerAccountId: string;
  resource: WebhookResource;
  recordId: string;
  change: WebhookChangeKind;
  /** When the provider says it happened (ISO 8601); null when it does not say. */
  occurredAt: string | null;
  /** A reschedule that made a new record: the one it replaced. */
  rescheduledFromId?: string | null;
  // No version or update time: the gateway reads the record back and derives the event's id from
  // that state (src/events/event-id.ts), so a delivery and the gateway's own write meet on one id.
}

/**
 * Where the signing secret comes from: `oauth_client` — the provider signs with the OAuth app's
 * client secret (one per app and mode); `subscription` — the gateway hands the provider a secret
 * when it subscribes (`subscribe`), one per provider account and mode, derived by the gateway.
 */
export type WebhookSecretSource = 'oauth_client' | 'subscription';

/**
 * A provider's incoming webhooks (API.md § Change events, source 2). `verify` and `parse` are pure
 * (no I/O): the gateway verifies before it stores anything, then reads changed records later.
 */
export interface ProviderWebhooks {
  secretSource: WebhookSecretSource;
  /**
   * `subscription` only: the provider accounts a delivery says it is about, read from the
   * unverified body so the gateway knows whose secret to check it with. Empty when unreadable.
   */
  accountsOf?(request: WebhookRequest): string[];
  /** True when the delivery is signed with `secret` as the provider signs (constant-time compare, timestamp window). */
  verify(request: WebhookRequest, secret: string, now: Date): boolean;
  /** The changes a verified delivery reports; events the gateway does not model are left out. */
  parse(request: WebhookRequest): WebhookChange[];
  /** The provider's own id for this delivery (its retries repeat it), for de-duplication; null when it sends none. */
  deliveryId?(request: WebhookRequest): string | null;
  /**
   * Registers `target.url` for this connection's account where the provider's API allows it, with
   * `target.secret` to sign deliveries. Idempotent: called again after a re-authorization.
   */
  subscribe?(ctx: AdapterContext, target: { url: string; secret: string }): Promise<void>;
}

/** Constant-time equality of two strings (hashed first, so their lengths leak nothing either). */
export function safeEqual(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y);
}
