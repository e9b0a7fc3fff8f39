import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { finished } from 'node:stream';
import pRetry from 'p-retry';
import type { Connection } from '../store/types';
import { connectionScheme, type ProviderManifest } from '../provider-sdk/manifest';
import type { ProviderAdapter } from '../provider-sdk/define-provider';
import type { ProviderErrorResponse, ProviderRequest } from '../provider-sdk/http';
import type { ProviderEndpoints } from '../connections/provider-endpoints';
import type { AccessGrant, TokenManager } from '../connections/token-manager';
import type { Logger } from '../logging/logger';
import { GatewayError, isGatewayError, ProviderFailureError } from '../errors';
import { decideRetry } from '../resilience/retry-rule';
import type { Breakers } from '../resilience/breakers';
import { resilienceKey, type ResilienceKey } from '../resilience/resilience-key';
import type { Limiters } from '../resilience/limiters';
import type { PolicyBook } from '../resilience/policy-book';
import type { ProviderMetrics } from '../resilience/provider-metrics';
import { providerError, transportError } from './error-factory';
import { buildUrl, fillPath } from './request-url';
import { toProviderResponse, type ProviderResponse } from './provider-response';
import { CallerGone, type CallerLink, KeepAliveTransport, readBody, TransportFailure } from './transport';
import { applyAuth, authHeaderOf } from './auth-scheme';
import type { ProviderStream } from './provider-stream';

export type { ProviderRequest, ProviderResponse } from '../provider-sdk/http';
export type { ProviderStream } from './provider-stream';
export { CallerGone, CallerLink } from './transport';

export interface ProviderHttpDeps {
  manifestOf(providerId: string): ProviderManifest | undefined;
  adapterOf(providerId: string): ProviderAdapter | undefined;
  endpoints: ProviderEndpoints;
  tokens: TokenManager;
  breakers: Breakers;
  limiters: Limiters;
  policies: PolicyBook;
  metrics: ProviderMetrics;
  logger: Logger;
  /** Sees every provider answer's headers (connection health reads the provider's own budget). */
  onResponse?(connectionId: string, manifest: ProviderManifest, headers: Record<string, string>): void;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
/** Headers a caller may not set on a provider call: the gateway owns auth and framing. */
const RESERVED = new Set(['authorization', 'host', 'content-length', 'connection', 'cookie', 'transfer-encoding', 'x-api-key']);
/** How much of an error body a streamed call reads to classify it (bodies are small; the factory keeps 300 characters). */
const ERROR_BODY_LIMIT = 256 * 1024;

/** A streamed attempt whose body was left to come: only the head has been read. */
interface Opened { status: number; headers: Record<string, string>; contentType: string | null; stream: IncomingMessage }
type Answer = ProviderResponse | Opened;
/** Streaming options of one call; null: the body is read whole (adapters). */
interface Streaming { caller?: CallerLink }

/** Answers the retry rule, breaker, refresh or an adapter's classifier must read are never left streaming. */
function whole(a: Answer): ProviderResponse {
  if ('stream' in a) throw new Error('a streamed answer was read as a whole one');
  return a;
}

/**
 * The HTTP client handed to adapters and the passthrough route: the only way to reach a provider.
 * One call is
 *   pRetry(attempt → limiter(provider, connection) → breaker(resilience key) → fetch with timeout)
 * as DESIGN.md § Resilience orders it, with a 401 answered by one forced refresh and one more try.
 */
export class ProviderHttp {
  private readonly transport = new KeepAliveTransport();
  private readonly located = new WeakMap<Connection, { base: string; key: ResilienceKey }>();

  constructor(private readonly deps: ProviderHttpDeps) {}

  /** Closes the keep-alive sockets to providers. */
  close(): void { this.transport.close(); }

  /**
   * The provider's answer as it came, for every status the resilience layer does not own: 2xx-4xx
   * come back as responses; 5xx, 429 and timeouts are retried and, if they persist, thrown as
   * gateway errors; a 401 that survives a refresh is 502 PROVIDER_AUTH_FAILED.
   */
  async request(connection: Connection, req: ProviderRequest): Promise<ProviderResponse> {
    return whole((await this.exchange(connection, req, null)).res);
  }

  /**
   * The same call and the same outcomes as `request`, decided on the provider's status and headers;
   * the body of the answer that comes back is then left streaming, unread and unparsed. Only what
   * the resilience layer must classify is read (bounded): 5xx, 429 and 401, and 4xx of a provider
   * whose adapter has a `classifyError` hook; such an answer comes back with its body as a Buffer.
   * The deadline and the manifest's `api.timeoutMs` bound the wait for the head; the body may then
   * take as long as it keeps coming, but not stall for longer than `api.timeoutMs`. `caller` cut: the
   * caller went away; the provider call is aborted, and before the head this rejects with CallerGone.
   */
  async stream(connection: Connection, req: ProviderRequest, opts: Streaming = {}): Promise<ProviderStream> {
    const { res } = await this.exchange(connection, req, opts);
    const body = 'stream' in res ? res.stream : res.raw;
    return { status: res.status, headers: res.headers, contentType: res.contentType, body };
  }

  /** JSON in, JSON out: any non-2xx answer becomes the factory's gateway error. */
  async json<T>(connection: Connection, req: ProviderRequest): Promise<T> {
    const { res: answer, grant } = await this.exchange(connection, req, null);
    const res = whole(answer);
    if (res.status >= 200 && res.status < 300) return res.body as T;
    throw this.error(this.manifest(connection.provider), res, grant, req);
  }

  /** The breaker a connection's calls count towards: provider + upstream host, or + sandbox account in test mode. */
  resilienceKeyOf(connection: Connection): ResilienceKey {
    return this.locate(connection).key;
  }

  /**
   * A connection's API base and resilience key, worked out once per connection object: a call
   * needs them three times (breaker check, attempt, URL), and in test mode each parses a URL.
   * Connection objects are snapshots never changed in place (a refresh or reconnect is a new one).
   */
  private locate(connection: Connection): { base: string; key: ResilienceKey } {
    let found = this.located.get(connection);
    if (!found) {
      const base = this.deps.endpoints.apiBase(this.manifest(connection.provider), connection.mode, connection.metadata, connection.config);
      found = { base, key: resilienceKey(connection, base) };
      this.located.set(connection, found);
    }
    return found;
  }

  private async exchange(connection: Connection, req: ProviderRequest, streaming: Streaming | null): Promise<{ res: Answer; grant: AccessGrant }> {
    const manifest = this.manifest(connection.provider);
    const policy = this.deps.policies.get(manifest.id);
    const deadlineAt = Date.now() + (req.deadlineMs ?? policy.deadlineMs);
    this.deps.breakers.assertClosed(this.resilienceKeyOf(connection));
    let grant = await this.deps.tokens.getAccessToken(connection);
    let res = await this.withRetries(grant, manifest, req, deadlineAt, streaming);
    if (res.status === 401) {
      const first = whole(res);
      const custom = this.classify(manifest.id, first);
      // A provider may say this 401 is not about token age (e.g. the token lacks API access): no refresh loop.
      if (custom) throw custom;
      if (connectionScheme(manifest, grant.connection.authType).type !== 'oauth2') throw this.error(manifest, first, grant, req);
      this.deps.logger.info({ provider: manifest.id, connectionId: connection.id }, 'provider answered 401: refreshing once');
      grant = await this.deps.tokens.getAccessToken(grant.connection, { force: true, staleToken: grant.token });
      res = await this.withRetries(grant, manifest, req, deadlineAt, streaming);
      if (res.status === 401) throw this.error(manifest, whole(res), grant, req);
    }
    return { res, grant };
  }

  private manifest(providerId: string): ProviderManifest {
    const m = this.deps.manifestOf(providerId);
    if (!m) throw new ProviderFailureError('PROVIDER_ERROR', { message: 'The connection names a provider this gateway does not have' });
    return m;
  }

  private classify(providerId: string, res: ProviderResponse): GatewayError | null {
    return this.deps.adapterOf(providerId)?.classifyError?.(toErrorResponse(res)) ?? null;
  }

  private error(manifest: ProviderManifest, res: ProviderResponse, grant: AccessGrant, req: ProviderRequest): GatewayError {
    return providerError(toErrorResponse(res), {
      providerId: manifest.id, notFoundCode: req.notFoundCode, secrets: [grant.token].filter(Boolean),
      classify: (r) => this.deps.adapterOf(manifest.id)?.classifyError?.(r) ?? null,
      rateHeaders: this.deps.policies.get(manifest.id).rateLimit.headers,
    });
  }

  private async withRetries(grant: AccessGrant, manifest: ProviderManifest, req: ProviderRequest, deadlineAt: number, streaming: Streaming | null): Promise<Answer> {
    const policy = this.deps.policies.get(manifest.id);
    const method = req.method.toUpperCase();
    const keyHeader = policy.retry.idempotencyKeyHeader;
    // One key for every attempt of this call: derived from the caller's, or fresh when it gave none.
    const idempotencyKey = !IDEMPOTENT.has(method) && keyHeader
      ? createHash('sha256').update(`${grant.connection.id}:${req.idempotencyKey ?? randomUUID()}`).digest('hex').slice(0, 40)
      : null;
    const repeatable = IDEMPOTENT.has(method) || idempotencyKey !== null;
    return pRetry(() => this.attempt(grant, manifest, req, deadlineAt, idempotencyKey, streaming), {
      retries: policy.retry.retries,
      // Waits are decided by decideRetry (and slept in shouldRetry), not by p-retry's own backoff.
      minTimeout: 0, maxTimeout: 0, factor: 1,
      shouldRetry: async ({ error, attemptNumber }) => {
        if (!isGatewayError(error) || streaming?.caller?.gone) return false;
        const d = decideRetry({
          code: error.code, retryable: error.retryable, headers: error.headers,
          mayHaveReachedProvider: (error as { mayHaveReachedProvider?: boolean }).mayHaveReachedProvider,
          retryAt: (error as { retryAt?: number | null }).retryAt,
        }, attemptNumber, {
          retries: policy.retry.retries, minTimeoutMs: policy.retry.minTimeoutMs, maxTimeoutMs: policy.retry.maxTimeoutMs,
          repeatable, deadlineAt, now: Date.now(),
        });
        if (!d.retry) return false;
        this.deps.metrics.retries.inc({ provider: manifest.id, reason: d.reason });
        if (d.waitMs > 0) await new Promise((r) => setTimeout(r, d.waitMs));
        return true;
      },
    });
  }

  private attempt(grant: AccessGrant, manifest: ProviderManifest, req: ProviderRequest, deadlineAt: number, idempotencyKey: string | null, streaming: Streaming | null): Promise<Answer> {
    // Keyed from the grant's connection: a refresh may have moved it (a new instance_url).
    const key = this.resilienceKeyOf(grant.connection);
    return this.deps.limiters.schedule(manifest.id, grant.connection.id, deadlineAt, () =>
      this.deps.breakers.fire(key, () => this.send(grant, manifest, req, deadlineAt, idempotencyKey, streaming)));
  }

  /** Whether the retry rule, breaker, refresh or the adapter's classifier must read this status's body. */
  private mustRead(providerId: string, status: number): boolean {
    if (status >= 500 || status === 429 || status === 401) return true;
    return status >= 400 && this.deps.adapterOf(providerId)?.classifyError !== undefined;
  }

  /** One attempt: throws for what the retry rule and breaker act on (5xx, 429, timeouts, network). */
  private async send(grant: AccessGrant, manifest: ProviderManifest, req: ProviderRequest, deadlineAt: number, idempotencyKey: string | null, streaming: Streaming | null): Promise<Answer> {
    const provider = manifest.id;
    const remaining = deadlineAt - Date.now();
    if (remaining <= 0) throw transportError(provider, 'timeout', false);
    const { base } = this.locate(grant.connection);
    const scheme = connectionScheme(manifest, grant.connection.authType);
    const authHeader = authHeaderOf(scheme);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (req.headers) {
      for (const k in req.headers) {
        const name = k.toLowerCase();
        if (!RESERVED.has(name) && name !== authHeader) headers[name] = req.headers[k];
      }
    }
    const url = applyAuth(scheme, grant.token, buildUrl(base, fillPath(req.path, req.params), req.query), headers);
    let body: string | Uint8Array | undefined;
    if (req.body !== undefined && req.body !== null) {
      body = typeof req.body === 'string' ? req.body : Buffer.isBuffer(req.body) ? new Uint8Array(req.body) : JSON.stringify(req.body);
      headers['content-type'] = req.contentType ?? 'application/json';
    }
    const keyHeader = this.deps.policies.get(provider).retry.idempotencyKeyHeader;
    if (idempotencyKey && keyHeader) headers[keyHeader.toLowerCase()] = idempotencyKey;
    const started = performance.now();
    const observe = (outcome: string): void => {
      this.deps.metrics.requests.inc({ provider, outcome });
      this.deps.metrics.latency.observe({ provider, outcome }, (performance.now() - started) / 1000);
    };
    const failed = (err: unknown): never => {
      // The transport refuses what can never be sent (e.g. a header value with a NUL) as the caller's error;
      // a caller gone is nobody's failure (no retry, no breaker count).
      if (isGatewayError(err) || err instanceof CallerGone) throw err;
      const timedOut = err instanceof TransportFailure && err.reason === 'timeout';
      observe(timedOut ? 'timeout' : 'network');
      throw transportError(provider, timedOut ? 'timeout' : 'network', err instanceof TransportFailure ? err.reachedProvider : true);
    };
    const method = req.method.toUpperCase();
    const timeoutMs = Math.min(manifest.api.timeoutMs, remaining);
    let res: ProviderResponse;
    if (streaming) {
      const opened = await this.transport.open(url, { method, headers, body, timeoutMs, idleTimeoutMs: manifest.api.timeoutMs, caller: streaming.caller }).catch(failed);
      if (!this.mustRead(provider, opened.status)) {
        this.deps.limiters.observe(provider, grant.connection.id, opened.status, opened.headers);
        this.deps.onResponse?.(grant.connection.id, manifest, opened.headers);
        // Counted once the body has been passed on (or has failed): the latency is the whole exchange's.
        finished(opened.body, (err) => observe(!err ? outcomeOf(opened.status)
          : err instanceof TransportFailure ? err.reason : opened.body.errored ? 'network' : 'aborted'));
        return { status: opened.status, headers: opened.headers, contentType: opened.headers['content-type'] ?? null, stream: opened.body };
      }
      const { raw } = await readBody(opened.body, ERROR_BODY_LIMIT).catch(failed);
      res = toProviderResponse(opened.status, opened.headers, raw);
    } else {
      const r = await this.transport.send(url, { method, headers, body, timeoutMs }).catch(failed);
      res = toProviderResponse(r.status, r.headers, r.raw);
    }
    observe(outcomeOf(res.status));
    this.deps.limiters.observe(provider, grant.connection.id, res.status, res.headers);
    this.deps.onResponse?.(grant.connection.id, manifest, res.headers);
    if (res.status >= 500 || res.status === 429) throw this.error(manifest, res, grant, req);
    if (res.status >= 400 && res.status !== 401) {
      // A provider may flag a 4xx as retryable (e.g. a 403 that means "rate limited").
      const custom = this.classify(provider, res);
      if (custom?.retryable) throw custom;
    }
    return res;
  }
}

/** The metrics' outcome label of an answered attempt. */
function outcomeOf(status: number): string {
  return status === 429 ? '429' : `${Math.floor(status / 100)}xx`;
}

function toErrorResponse(res: ProviderResponse): ProviderErrorResponse {
  return { status: res.status, headers: res.headers, body: res.body };
}
