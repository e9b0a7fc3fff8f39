import type { ErrorCode } from '../errors';

/**
 * The shapes of a provider call as an adapter writes it and reads its answer. They live in the
 * SDK (not in provider-http, which implements them) so that a provider folder and the core both
 * depend on the SDK and never the other way round.
 */

export type QueryValue = string | number | boolean | null | undefined | (string | number | boolean)[];

/** A 404 code for one kind of record (CONTACT_NOT_FOUND, …). */
export type NotFoundCode = Extract<ErrorCode, `${string}NOT_FOUND`>;

export interface ProviderRequest {
  method: string;
  /** Path under the API base; `:name` segments are filled from `params`, encoded. */
  path: string;
  params?: Record<string, string | number>;
  query?: Record<string, QueryValue>;
  /** JSON-serialised unless it is already a string or Buffer (then sent as is with `contentType`). */
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
  /** The caller's Idempotency-Key: the provider's key is derived from it, so a replay stays a replay. */
  idempotencyKey?: string;
  /** Overall budget of this call (queueing, attempts, waits); the provider's policy default otherwise. */
  deadlineMs?: number;
  /** The 404 code for the record asked for (json() only). */
  notFoundCode?: NotFoundCode;
}

/** A provider's answer, read whole: status, lower-cased headers, the raw bytes and, for JSON, the parsed body. */
export interface ProviderResponse {
  status: number;
  headers: Record<string, string>;
  contentType: string | null;
  raw: Buffer;
  /** Parsed JSON when the content type says JSON (and it parses), else the text. */
  body: unknown;
}

/** A provider's error response as the provider client saw it (body parsed when it was JSON). */
export interface ProviderErrorResponse { status: number; headers: Record<string, string>; body: unknown }
