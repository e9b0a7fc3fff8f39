import type { components } from './schema';

/** Every stable error code of the gateway (its OpenAPI `Error` schema, i.e. src/errors/catalog.ts). */
export type GatewayErrorCode = components['schemas']['Error']['error']['code'];

/**
 * A non-2xx answer of the gateway, after the client's retries: the API.md error envelope with the
 * HTTP status and, on 429/503, how long the gateway asked to wait. Switch on `code`.
 */
export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  readonly code: GatewayErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown>;
  readonly requestId: string | null;
  /** Seconds from `Retry-After`, when the gateway sent one. */
  readonly retryAfterSeconds: number | null;

  constructor(init: { code: GatewayErrorCode; message: string; status: number; details?: Record<string, unknown>; requestId?: string | null; retryAfterSeconds?: number | null }) {
    super(init.message);
    this.code = init.code;
    this.status = init.status;
    this.details = init.details ?? {};
    this.requestId = init.requestId ?? null;
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }

  /** Reads the envelope of a failed response; a body that is not one (a proxy's page) is INTERNAL_ERROR naming the status. */
  static async fromResponse(response: Response, retryAfterSeconds: number | null): Promise<GatewayError> {
    const text = await response.text().catch(() => '');
    let body: unknown;
    try { body = JSON.parse(text); } catch { body = undefined; }
    const env = isEnvelope(body) ? body.error : null;
    return new GatewayError({
      code: env?.code ?? 'INTERNAL_ERROR',
      message: env?.message ?? `HTTP ${response.status} without the gateway's error envelope`,
      status: response.status,
      details: env?.details ?? {},
      requestId: env?.requestId ?? response.headers.get('x-request-id'),
      retryAfterSeconds,
    });
  }
}

/** True for a GatewayError, and when `code` is given, one with that code. */
export function isGatewayError(err: unknown, code?: GatewayErrorCode): err is GatewayError {
  return err instanceof GatewayError && (code === undefined || err.code === code);
}

type Envelope = components['schemas']['Error'];

function isEnvelope(v: unknown): v is Envelope {
  if (typeof v !== 'object' || v === null) return false;
  const e = (v as { error?: unknown }).error;
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' && typeof (e as { message?: unknown }).message === 'string';
}
