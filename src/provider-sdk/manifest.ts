/**
 * The provider manifest: everything about a provider that is data, not code (Nango's
 * providers.yaml is the model). Validated with ajv at start by the registry.
 */
export const RESOURCES = ['contacts', 'leads', 'meetings'] as const;
export type ResourceName = (typeof RESOURCES)[number];
export const OPERATIONS = ['list', 'get', 'create', 'update', 'delete'] as const;
export type Operation = (typeof OPERATIONS)[number];

export interface OAuthManifest {
  authorizeUrl: string;
  tokenUrl: string;
  /** Defaults to tokenUrl. */
  refreshUrl?: string;
  revokeUrl?: string;
  scopes: string[];
  scopeSeparator: string;
  /** False where the provider takes no scope parameter (scopes fixed in the app settings). */
  sendScope: boolean;
  pkce: boolean;
  /** How the client authenticates at the token endpoint. */
  clientAuth: 'body' | 'basic';
  /** Token-response fields to keep as non-secret connection metadata (e.g. instance_url). */
  tokenMetadata: string[];
  /** Whether a refresh returns a new refresh token that replaces the old one. */
  refreshTokenRotation: 'never' | 'always' | 'optional';
  /** Refresh this many seconds before expiry. */
  refreshMarginSeconds: number;
  /** Lifetime to assume when the token response has no expires_in. */
  defaultTokenLifetimeSeconds?: number;
  extraAuthorizeParams?: Record<string, string>;
  /** Environment variables holding the live OAuth client credentials. */
  clientIdEnv: string;
  clientSecretEnv: string;
}

export interface ApiKeyManifest {
  /** How the key is sent: `Authorization: Bearer <key>`. */
  scheme: 'bearer';
  /** A cheap authenticated GET used to verify a key before it is stored. */
  verifyPath: string;
  /** Sandbox path (under the sandbox mount) that issues keys for test mode. */
  sandboxIssuePath?: string;
  scopes?: string[];
}

/** A response header carrying one number (a request count). */
export interface RateCountHeader { name: string }

/**
 * When the provider's window resets: `epoch_seconds` (a Unix timestamp, fractions allowed),
 * `seconds_until` or `ms_until` (a delay from the moment of the answer).
 */
export type RateResetFormat = 'epoch_seconds' | 'seconds_until' | 'ms_until';
export interface RateResetHeader { name: string; format: RateResetFormat }

/**
 * A header that packs the budget into text, read with a regular expression whose named groups are
 * `limit` and `used` or `remaining` (Salesforce: `api-usage=(?<used>\d+)/(?<limit>\d+)`).
 */
export interface RateUsageHeader { name: string; pattern: string }

/** What each of the provider's rate-limit response headers means (all optional). */
export interface RateLimitHeaders {
  limit?: RateCountHeader;
  remaining?: RateCountHeader;
  reset?: RateResetHeader;
  usage?: RateUsageHeader;
}

export interface RateLimitManifest {
  /** Requests allowed per interval by the provider (documented limit; the lowest plan's where it depends on the plan). */
  requests: number;
  intervalMs: number;
  /** Fraction of the limit we keep in reserve (0.1 = use 90%). */
  margin: number;
  /** Response headers the provider reports its budget in, and what they mean. */
  headers?: RateLimitHeaders;
  /**
   * Whether a connection's budget follows the limit the provider reports (plan-dependent limits)
   * instead of `requests`. Defaults to true; false where the reported limit is not the one
   * `requests` describes (e.g. the same header reports a smaller search window on search answers).
   */
  followReportedLimit?: boolean;
}

export interface BreakerManifest {
  errorThresholdPercentage: number;
  volumeThreshold: number;
  resetTimeoutMs: number;
  rollingCountTimeoutMs: number;
}

export interface RetryManifest {
  retries: number;
  minTimeoutMs: number;
  maxTimeoutMs: number;
  /** Header the provider honours for safe write retries (e.g. Idempotency-Key). */
  idempotencyKeyHeader?: string;
}

export interface ProviderManifest {
  id: string;
  name: string;
  category: 'crm' | 'scheduling';
  authType: 'oauth2' | 'api_key';
  docsUrl?: string;
  resources: Partial<Record<ResourceName, Operation[]>>;
  oauth?: OAuthManifest;
  apiKey?: ApiKeyManifest;
  api: {
    /** The live API base URL. */
    baseUrl: string;
    /** Connection metadata field that overrides baseUrl (instance_url, api_domain). */
    baseUrlFromMetadata?: string;
    /** API version segment where the provider pins one (e.g. "v62.0"). */
    version?: string;
    timeoutMs: number;
  };
  rateLimit: RateLimitManifest;
  breaker: BreakerManifest;
  retry: RetryManifest;
}

/** The public part served by GET /v1/providers. */
export interface PublicProvider {
  id: string;
  name: string;
  category: ProviderManifest['category'];
  authType: ProviderManifest['authType'];
  resources: Partial<Record<ResourceName, Operation[]>>;
}

export function publicProvider(m: ProviderManifest): PublicProvider {
  return { id: m.id, name: m.name, category: m.category, authType: m.authType, resources: m.resources };
}

/**
 * Maps a live provider URL onto the sandbox mount: the sandbox serves each real path under
 * its own base, so `https://api.hubapi.com/oauth/v1/token` becomes `<sandboxBase>/oauth/v1/token`.
 */
export function sandboxUrlFor(liveUrl: string, sandboxBase: string): string {
  const u = new URL(liveUrl);
  const path = u.pathname === '/' ? '' : u.pathname;
  return `${sandboxBase.replace(/\/$/, '')}${path}${u.search}`;
}
