/**
 * The provider manifest: everything about a provider that is data, not code (Nango's
 * providers.yaml is the model). Validated with ajv at start by the registry.
 */
export const RESOURCES = ['contacts', 'leads', 'meetings'] as const;
export type ResourceName = (typeof RESOURCES)[number];
export const OPERATIONS = ['list', 'get', 'create', 'update', 'delete'] as const;
export type Operation = (typeof OPERATIONS)[number];
/** Booking-engine actions on meetings (API.md § Scheduling), declared next to meetings' CRUD. */
export const MEETING_ACTIONS = ['cancel', 'reschedule'] as const;
export type MeetingAction = (typeof MEETING_ACTIONS)[number];
export type MeetingOperation = Operation | MeetingAction;
/**
 * Read-only capabilities that are not unified records (no get/create, no field mappings): the
 * provider's users, its booking pages and their free slots. Each is declared as `["list"]`.
 */
export const LIST_RESOURCES = ['users', 'bookingPages', 'availability'] as const;
export type ListResourceName = (typeof LIST_RESOURCES)[number];
/** Everything a manifest can declare; the core decides UNSUPPORTED_RESOURCE from it. */
export type CapabilityName = ResourceName | ListResourceName;

/** manifest.json `resources`: what the adapter implements, operation by operation. */
export interface ManifestResources {
  contacts?: Operation[];
  leads?: Operation[];
  meetings?: MeetingOperation[];
  users?: 'list'[];
  bookingPages?: 'list'[];
  availability?: 'list'[];
}

/**
 * The OAuth 2.0 authorization-code scheme: the connection holds an access token (sent as
 * `Authorization: Bearer <token>`) and, usually, a refresh token.
 */
export interface OAuth2Scheme {
  type: 'oauth2';
  authorizeUrl: string;
  tokenUrl: string;
  /** Where refresh-token grants go, where the provider has a separate endpoint. Defaults to tokenUrl. */
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
  /**
   * Whether a refresh returns a new refresh token that replaces the old one: `always` and
   * `optional` take a new one when it comes and keep the old one otherwise (`always` logs the
   * absence, since the old one may be spent); `never` keeps the old one whatever comes.
   */
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

/** Kept for code written before auth schemes were a list. */
export type OAuthManifest = OAuth2Scheme;

/**
 * An API key (or personal access token) the end user pastes. It travels either in a header whose
 * value is a template (`Authorization` + `Bearer {key}`, `x-api-token` + `{key}`), or as a query
 * parameter (`in: query`, `name` = the parameter).
 */
export interface ApiKeyScheme {
  type: 'api_key';
  in: 'header' | 'query';
  name: string;
  /** The header value, `{key}` standing for the key. Defaults to `{key}`; unused for query keys. */
  value?: string;
  /** A cheap authenticated GET (path under the API base) that must answer 2xx for a good key. */
  verifyPath: string;
  /**
   * Sandbox path (under the sandbox mount) that issues keys for test mode: it takes
   * `POST { name, scopes, account }` and answers 2xx with the key at `data.token` or `token`.
   */
  sandboxIssuePath?: string;
  scopes?: string[];
}

export type AuthScheme = OAuth2Scheme | ApiKeyScheme;
export type AuthType = AuthScheme['type'];

/** A field a connection must supply besides its credentials (a per-customer API host, a region…). */
export interface ConnectionConfigField {
  /** The key in `config` and in `{config.<name>}` templates. */
  name: string;
  label: string;
  /** `uri`: an https URL (http://localhost and 127.0.0.1 also in test mode). */
  format: 'uri' | 'hostname' | 'text';
  /** Defaults to true. */
  required?: boolean;
  description?: string;
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
 * `limit` and `used` or `remaining` (e.g. `api-usage=(?<used>\d+)/(?<limit>\d+)`).
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

/** manifest.json `changeDetection`: the source of outside changes per record resource. */
export type ChangeDetection = Partial<Record<'contacts' | 'leads' | 'meetings', 'poll' | 'webhook'>>;

export interface ProviderManifest {
  id: string;
  name: string;
  category: 'crm' | 'pms' | 'scheduling';
  /** The auth schemes the provider offers, the preferred first (connections made before this list existed use it). */
  auth: AuthScheme[];
  /** The provider's API reference, served by GET /v1/providers. */
  docsUrl?: string;
  resources: ManifestResources;
  /**
   * How the gateway learns of changes the gateway did not make, per record resource: `poll` sweeps
   * the list with `updatedSince` (its adapter returns that listing in (updatedAt, id) order) and reads
   * deletions where the adapter has `listDeleted`; `webhook` relies on the provider's webhooks.
   * A resource left out is not detected (only the gateway's own writes give events).
   */
  changeDetection?: ChangeDetection;
  connectionConfig?: ConnectionConfigField[];
  api: {
    /** The live API base URL, or a template over the connection's config (`{config.baseUrl}`, `{config.baseUrl}/api`). */
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
  /** The first of authTypes, for clients written when a provider had one scheme. */
  authType: AuthType;
  authTypes: AuthType[];
  connectionConfig: PublicConfigField[];
  docsUrl: string | null;
  resources: ManifestResources;
}

export interface PublicConfigField { name: string; label: string; format: ConnectionConfigField['format']; required: boolean; description: string | null }

export function publicProvider(m: ProviderManifest): PublicProvider {
  const authTypes = m.auth.map((s) => s.type);
  return {
    id: m.id, name: m.name, category: m.category, authType: authTypes[0], authTypes,
    connectionConfig: (m.connectionConfig ?? []).map((f) => ({
      name: f.name, label: f.label, format: f.format, required: f.required !== false, description: f.description ?? null,
    })),
    docsUrl: m.docsUrl ?? null, resources: m.resources,
  };
}

/** The scheme of that type the provider offers, if it does. */
export function authSchemeOf<T extends AuthType>(m: ProviderManifest, type: T): Extract<AuthScheme, { type: T }> | undefined {
  return m.auth.find((s) => s.type === type) as Extract<AuthScheme, { type: T }> | undefined;
}

/**
 * The scheme a connection was made with: the one it recorded, or (connections made before the
 * scheme was recorded) the provider's first.
 */
export function connectionScheme(m: ProviderManifest, authType: AuthType | null | undefined): AuthScheme {
  return (authType ? m.auth.find((s) => s.type === authType) : undefined) ?? m.auth[0];
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
