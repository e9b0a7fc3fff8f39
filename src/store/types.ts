import type { ProviderWebhookDeliveryStore } from './provider-webhook-deliveries';
/**
 * The storage port. One interface per aggregate; the sqlite and mongo adapters implement all of
 * them and one contract suite (src/store/store.contract.ts) checks both.
 *
 * Rules every adapter follows:
 * - Times are ISO 8601 UTC strings in and out.
 * - Every query on tenant data is scoped by `Scope` (account + mode): a record of another
 *   account or mode is simply not found.
 * - Methods documented as atomic must be atomic across processes sharing the store.
 * - Records come back as plain objects (no driver types leak).
 */
export type Mode = 'live' | 'test';

export interface Scope { accountId: string; mode: Mode }

export interface Account { id: string; name: string; createdAt: string }

export interface ApiKeyRecord {
  id: string;               // "key_…"
  accountId: string;
  mode: Mode;
  hash: string;             // hex SHA-256 of the whole key
  prefix: string;           // "sk_live_" | "sk_test_"
  last4: string;
  /** The caller's label for the key (1–100 characters), or null when it gave none. */
  name: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export type NewApiKey = Omit<ApiKeyRecord, 'lastUsedAt' | 'revokedAt' | 'name'> & { name?: string | null };

export interface AccountStore {
  createAccount(input: { id: string; name: string; createdAt: string }): Promise<Account>;
  getAccount(id: string): Promise<Account | null>;
  countAccounts(): Promise<number>;
  /** `name` defaults to null. */
  createApiKey(input: NewApiKey): Promise<ApiKeyRecord>;
  findApiKeyByHash(hash: string): Promise<ApiKeyRecord | null>;
  /** All keys of the account in that mode, revoked ones included, oldest first. */
  listApiKeys(scope: Scope): Promise<ApiKeyRecord[]>;
  /** Sets revokedAt if not yet revoked; false when the key is not in scope. */
  revokeApiKey(scope: Scope, id: string, at: string): Promise<boolean>;
  touchApiKey(id: string, at: string): Promise<void>;
}

export interface EndUser {
  accountId: string;
  mode: Mode;
  endUserId: string;
  email: string | null;
  name: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface EndUserStore {
  /** Creates or updates (email/name only overwritten when given, i.e. not undefined). */
  upsert(scope: Scope, endUserId: string, patch: { email?: string | null; name?: string | null }, at: string): Promise<EndUser>;
  get(scope: Scope, endUserId: string): Promise<EndUser | null>;
  delete(scope: Scope, endUserId: string): Promise<boolean>;
}

export interface ConnectSession {
  id: string;                      // "cs_…"
  tokenHash: string;               // SHA-256 of the "ct_…" token
  accountId: string;
  mode: Mode;
  endUserId: string;
  providers: string[] | null;      // null = every provider
  allowedOrigin: string | null;
  expiresAt: string;
  usedAt: string | null;
  createdAt: string;
}

export interface ConnectSessionStore {
  create(session: ConnectSession): Promise<ConnectSession>;
  findByTokenHash(tokenHash: string): Promise<ConnectSession | null>;
  get(id: string): Promise<ConnectSession | null>;
  /** Atomic: sets usedAt only if it was null. True when this call marked it. */
  markUsed(id: string, at: string): Promise<boolean>;
}

export interface OAuthState {
  stateHash: string;               // SHA-256 of the random state sent to the provider
  sessionId: string;
  provider: string;
  codeVerifier: string | null;     // PKCE verifier (encrypted by the caller if it wishes)
  /** SHA-256 of the browser-binding cookie set at start (src/connect/browser-binding.ts); null fails the callback. */
  browserHash: string | null;
  expiresAt: string;
  usedAt: string | null;
  createdAt: string;
}

export interface OAuthStateStore {
  create(state: OAuthState): Promise<OAuthState>;
  /** Atomic single use: returns the record and marks it used, or null if unknown or already used. Expiry is the caller's check. */
  consume(stateHash: string, at: string): Promise<OAuthState | null>;
  /** Key rotation: rewrites every sealed codeVerifier through `reseal`, atomically per record; returns how many changed. */
  resealAll(reseal: (sealed: string) => string): Promise<number>;
}

export type ConnectionStatus = 'active' | 'needs_reauth' | 'revoked';

export interface Connection {
  id: string;                       // "conn_…"
  accountId: string;
  mode: Mode;
  endUserId: string;
  provider: string;
  status: ConnectionStatus;
  scopes: string[];
  providerAccountId: string | null;
  /** The provider account's name (portal name, company, domain), from the adapter's identify hook. */
  providerAccountName: string | null;
  /** Encrypted credentials blob (see src/connections/credentials-crypto.ts). Never leaves the core. */
  credentials: string;
  /** Bumped on every credentials write; used for compare-and-set. */
  credentialsVersion: number;
  /** Non-secret token metadata kept from the token response (instance_url, api_domain, …). */
  metadata: Record<string, string>;
  /**
   * The auth scheme it was made with ('oauth2' | 'api_key'); null for connections made before it
   * was recorded, which use the provider's first scheme. Optional when writing (null).
   */
  authType?: 'oauth2' | 'api_key' | null;
  /** The provider's connectionConfig values (a per-customer API base URL, …): not secret. Optional when writing ({}). */
  config?: Record<string, string>;
  lastError: { code: string; at: string } | null;
  createdAt: string;
  updatedAt: string;
  lastRefreshedAt: string | null;
  lastUsedAt: string | null;
}

export interface ConnectionFilter { endUserId?: string; provider?: string; status?: ConnectionStatus }

export type ConnectionPatch = Partial<Pick<Connection,
  'status' | 'scopes' | 'providerAccountId' | 'providerAccountName' | 'metadata' | 'authType' | 'config' | 'lastError' | 'updatedAt' | 'lastRefreshedAt' | 'lastUsedAt'>>;

export interface ConnectionStore {
  create(connection: Connection): Promise<Connection>;
  get(scope: Scope, id: string): Promise<Connection | null>;
  /** Unscoped read for internal machinery (token manager, webhooks). */
  getById(id: string): Promise<Connection | null>;
  /** The newest connection of that end user and provider whose status is not 'revoked'. */
  findCurrent(scope: Scope, endUserId: string, provider: string): Promise<Connection | null>;
  /** Ordered by id ascending; `afterId` continues after that id. */
  list(scope: Scope, filter: ConnectionFilter, limit: number, afterId?: string): Promise<Connection[]>;
  /** Unscoped, for internal machinery (polling sweeps): active connections of these providers, by id ascending after `afterId`. */
  listActive(providers: string[], limit: number, afterId?: string): Promise<Connection[]>;
  update(id: string, patch: ConnectionPatch): Promise<Connection | null>;
  /**
   * Atomic compare-and-set of the credentials: writes only when credentialsVersion still equals
   * `expectedVersion`, bumping it. Returns the updated connection, or null if someone else won.
   */
  updateCredentials(id: string, expectedVersion: number, credentials: string, patch: ConnectionPatch): Promise<Connection | null>;
  delete(scope: Scope, id: string): Promise<boolean>;
  /** Deletes every connection of the end user; returns the deleted ones. */
  deleteByEndUser(scope: Scope, endUserId: string): Promise<Connection[]>;
  /**
   * Key rotation: rewrites every credentials blob through `reseal` (same plaintext, current key),
   * each only if it did not change meanwhile. credentialsVersion is left alone: the credentials are
   * the same, so a refresh racing the rotation must not lose its compare-and-set. Returns how many changed.
   */
  resealAll(reseal: (sealed: string) => string): Promise<number>;
}

export interface IdempotencyRecord {
  accountId: string;
  mode: Mode;
  key: string;
  requestHash: string;             // SHA-256 of method + path + body
  state: 'in_progress' | 'done';
  /**
   * Until when the request holding an in-progress record counts as running; it renews the lease
   * while it runs. Past it (the process died) the same request may take the key over. Null once done.
   */
  leaseExpiresAt: string | null;
  /** Random id of the attempt holding the lease: only it may renew, complete or release the record. */
  leaseOwner: string;
  responseStatus: number | null;
  /** The response body sealed by the caller (CredentialsCipher, `v1.<kid>.…`): it may carry a secret. */
  responseBody: string | null;
  createdAt: string;
  expiresAt: string;
}

export interface IdempotencyStore {
  /**
   * Atomic insert of an in-progress record. If a live (unexpired) record exists for
   * (accountId, mode, key) it is returned instead and nothing is written; an expired one is replaced,
   * and so is an in-progress one of the same requestHash whose lease has lapsed (taken over: of
   * two processes trying at once, only one gets `created: true`).
   */
  begin(record: IdempotencyRecord, now: string): Promise<{ created: true } | { created: false; existing: IdempotencyRecord }>;
  /** Extends the lease of an in-progress record `owner` holds; false when it no longer holds it. */
  renewLease(scope: Scope, key: string, owner: string, leaseExpiresAt: string): Promise<boolean>;
  /** Stores the (sealed) response, if `owner` still holds the record. */
  complete(scope: Scope, key: string, owner: string, responseStatus: number, responseBody: string): Promise<void>;
  /** Forget an in-progress record `owner` holds (the request failed in a way worth retrying with the same key). */
  release(scope: Scope, key: string, owner: string): Promise<void>;
  /**
   * Rewrites every stored response body through `reseal` (key rotation: open with any configured
   * key, seal with the current one); returns how many were rewritten.
   */
  resealAll(reseal: (sealed: string) => string): Promise<number>;
  purgeExpired(now: string): Promise<number>;
}

export interface Webhook {
  id: string;                      // "wh_…"
  accountId: string;
  mode: Mode;
  url: string;
  events: string[];
  secret: string;                  // encrypted by the caller
  createdAt: string;
}

export interface WebhookDelivery {
  id: string;                      // "del_…"
  eventId: string;                 // "evt_…": stable across retries, for de-duplication
  webhookId: string;
  accountId: string;
  mode: Mode;
  type: string;
  payload: string;                 // the exact JSON body that is signed and sent
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export interface WebhookStore {
  create(webhook: Webhook): Promise<Webhook>;
  get(scope: Scope, id: string): Promise<Webhook | null>;
  list(scope: Scope): Promise<Webhook[]>;
  /** Subscribed to `type` within the scope: by name, by its family's wildcard (`contact.*`) or by `*`. */
  listForEvent(scope: Scope, type: string): Promise<Webhook[]>;
  delete(scope: Scope, id: string): Promise<boolean>;
  enqueue(deliveries: WebhookDelivery[]): Promise<void>;
  /**
   * Atomic claim of up to `limit` pending deliveries due at `now`: each claimed one has its
   * nextAttemptAt pushed to `leaseUntil` so no other worker takes it meanwhile.
   */
  claimDue(now: string, leaseUntil: string, limit: number): Promise<WebhookDelivery[]>;
  markDelivered(id: string, at: string, attempts: number): Promise<void>;
  markRetry(id: string, attempts: number, nextAttemptAt: string, error: string): Promise<void>;
  markFailed(id: string, attempts: number, error: string): Promise<void>;
  listDeliveries(scope: Scope, webhookId: string): Promise<WebhookDelivery[]>;
  /** Key rotation: rewrites every sealed webhook secret through `reseal`; returns how many changed. */
  resealAll(reseal: (sealed: string) => string): Promise<number>;
}

/**
 * One change of one record in an end user's system (API.md § Change events). The id is derived
 * from the change itself (src/events/event-id.ts), so every source that sees it writes the same id
 * and the store keeps one.
 */
export interface RecordEvent {
  id: string;                      // "evt_…"
  accountId: string;
  mode: Mode;
  connectionId: string;
  type: string;                    // "contact.created", "meeting.rescheduled", …
  resource: string;                // "contacts" | "leads" | "meetings"
  recordId: string;
  source: 'gateway' | 'provider_webhook' | 'poll';
  payload: string;                 // the exact JSON body delivered to webhooks and listed by the feed
  occurredAt: string;
  createdAt: string;
  /** Past it the event leaves the feed (retention, EVENTS_RETENTION_DAYS). */
  expiresAt: string;
}

export interface RecordEventFilter { types?: string[]; connectionId?: string }

/** A place in the feed: events are ordered by (createdAt, id). */
export interface RecordEventPosition { createdAt: string; id: string }

export interface RecordEventStore {
  /**
   * Inserts the event unless one with its id exists, and only then its deliveries (which carry
   * deterministic ids, so a repeat never adds a second). One transaction in sqlite; in mongo the
   * event is written first. True when this call inserted the event.
   */
  record(event: RecordEvent, deliveries: WebhookDelivery[]): Promise<boolean>;
  /**
   * Rewrites a stored event (same id and createdAt) as another reading of its change (a more
   * specific type, see RecordEvents), with its deliveries replaced by `deliveries`, unless one of
   * its deliveries was already claimed or attempted (what a receiver may have got stays). True when
   * rewritten.
   */
  upgrade(event: RecordEvent, deliveries: WebhookDelivery[]): Promise<boolean>;
  get(scope: Scope, id: string): Promise<RecordEvent | null>;
  /** Oldest first by (createdAt, id); `after` continues past that position; `types` empty = none match. */
  list(scope: Scope, filter: RecordEventFilter, limit: number, after?: RecordEventPosition): Promise<RecordEvent[]>;
  /** Deletes events whose expiresAt has passed; returns how many. */
  purgeExpired(now: string): Promise<number>;
}

/** One gateway write under way (see InFlightWriteStore). */
export interface InFlightWrite { id: string; connectionId: string; resource: string; expiresAt: string }

/**
 * The gateway's own writes under way, per connection and resource, seen by every process on the
 * store: a provider webhook about the same change, processed by any process, waits for them, so
 * the gateway's event (which knows a cancel or a reschedule from an update) is recorded first.
 */
export interface InFlightWriteStore {
  /** Marks a write under way until `expiresAt` (the mark of a process that died mid-write lapses). */
  begin(write: InFlightWrite): Promise<void>;
  end(id: string): Promise<void>;
  /** Whether a write of the connection's resource is under way at `now` (an unexpired mark). */
  anyUnderWay(connectionId: string, resource: string, now: string): Promise<boolean>;
  /** Deletes marks that lapsed at or before `now`; returns how many. */
  purgeExpired(now: string): Promise<number>;
}

/**
 * Gateway-wide secrets that must outlive a key rotation (e.g. the sandboxes' signing secret),
 * sealed by the caller. Shared by every process on the store.
 */
export interface InstanceSecretStore {
  /** Atomic: stores `sealed` under `name` unless a value exists; returns the stored value either way. */
  getOrCreate(name: string, sealed: string, at: string): Promise<string>;
  /** Key rotation: rewrites every value through `reseal`; returns how many changed. */
  resealAll(reseal: (sealed: string) => string): Promise<number>;
}

export interface FieldMapping {
  accountId: string;
  mode: Mode;
  provider: string;
  resource: string;
  mappings: Record<string, string>;
  updatedAt: string;
}

export interface FieldMappingStore {
  put(mapping: FieldMapping): Promise<FieldMapping>;
  get(scope: Scope, provider: string, resource: string): Promise<FieldMapping | null>;
  list(scope: Scope): Promise<FieldMapping[]>;
  delete(scope: Scope, provider: string, resource: string): Promise<boolean>;
}

export interface LockStore {
  /** Atomic lease: true if `owner` now holds `name` until now+ttlMs (free, expired, or already its own). */
  acquire(name: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Releases only if `owner` holds it. */
  release(name: string, owner: string): Promise<void>;
}

/**
 * A route-and-book write-back (src/routing): the CRM meeting owed for one booking, kept until the
 * CRM has it (or 24 h pass). One per booking (bookingKey is unique); worked under a lease so two
 * processes never run the same one at once; the ids it created are recorded once (compare-and-set).
 */
export interface WriteBack {
  id: string;                      // "wb_…"
  accountId: string;
  mode: Mode;
  /** Scheduler connection id + booked meeting id: unique, so one booking never owes two CRM meetings. */
  bookingKey: string;
  crmProvider: string;
  endUserId: string;
  /** What to write, as JSON (src/routing/write-back-plan.ts): match, record ids, the booking's time, title, attendee, link. */
  plan: string;
  status: 'pending' | 'done' | 'failed';
  attempts: number;
  nextAttemptAt: string;
  leaseOwner: string | null;
  leaseExpiresAt: string | null;
  /** A lead the write-back created (nothing matched): kept so a retry never creates a second. */
  leadId: string | null;
  crmMeetingId: string | null;
  /** The created CRM meeting as answered (JSON), for a replayed answer. */
  crmMeeting: string | null;
  lastError: string | null;
  createdAt: string;
  /** createdAt + 24 h: after it, a failed attempt gives up (route.write_back_failed). */
  deadlineAt: string;
  completedAt: string | null;
}

export interface WriteBackStore {
  /** Stores it unless the booking already has one; answers the stored row either way. */
  createOnce(writeBack: WriteBack): Promise<{ writeBack: WriteBack; created: boolean }>;
  get(id: string): Promise<WriteBack | null>;
  /** Pending rows due by `dueBy` whose lease is free at `now`, oldest first (any account: the worker's pass). */
  listDue(dueBy: string, now: string, limit: number): Promise<WriteBack[]>;
  /** Atomic lease on a pending row: true when `owner` now holds it until leaseExpiresAt. */
  claim(id: string, owner: string, leaseExpiresAt: string, now: string): Promise<boolean>;
  /** Records the created lead once: answers the lead id now stored (the earlier one if there was). */
  setLeadId(id: string, leadId: string): Promise<string>;
  /** done with the created meeting, once: false when a meeting id was already recorded. */
  complete(id: string, crmMeetingId: string, crmMeeting: string, at: string): Promise<boolean>;
  /** A failed attempt by the lease holder: counted, rescheduled (or failed for good) and released. */
  failAttempt(id: string, owner: string, change: { lastError: string; nextAttemptAt: string; status: 'pending' | 'failed' }): Promise<void>;
}

/** A place in a resource's update-time order: the last change a sweep fully recorded (ties broken by id). */
export interface SyncWatermark { updatedAt: string; id: string }

/**
 * Change detection by polling (src/events/sweeper.ts) for one resource of one connection: how far
 * its sweeps have recorded, so that a crashed or restarted sweep resumes there and never skips.
 */
export interface SyncState {
  connectionId: string;
  accountId: string;
  mode: Mode;
  resource: string;                // "contacts" | "leads" | "meetings"
  /** Only ever moves forward; set when detection starts (what changed before is not an event). */
  watermark: SyncWatermark;
  /** Deletions are read up to here (the provider's own "covered until"); null where it exposes none. */
  deletionsUntil: string | null;
  lastSweepAt: string | null;
  /** Start of the last sweep that read to the end of the list: every change before it is recorded. */
  caughtUpAt: string | null;
  lastError: { code: string; message: string; at: string } | null;
  createdAt: string;
}

export interface SyncStateStore {
  /** Stores `state` unless the connection's resource has one; answers the stored one either way. */
  start(state: SyncState): Promise<SyncState>;
  get(connectionId: string, resource: string): Promise<SyncState | null>;
  /** The connection's states, by resource name. */
  listForConnection(scope: Scope, connectionId: string): Promise<SyncState[]>;
  /** Moves the watermark forward only ((updatedAt, id) after the stored one); false when it would not move. */
  advance(connectionId: string, resource: string, watermark: SyncWatermark): Promise<boolean>;
  /** Moves deletionsUntil forward only; false when it would not move. */
  advanceDeletions(connectionId: string, resource: string, until: string): Promise<boolean>;
  /** The end of a sweep: when it ran, whether it caught up (null keeps the previous), its error or null. */
  finishSweep(connectionId: string, resource: string, end: { at: string; caughtUpAt: string | null; lastError: SyncState['lastError'] }): Promise<void>;
  /** A deleted connection's states go with it. */
  deleteForConnection(connectionId: string): Promise<number>;
}

export interface Store {
  readonly kind: 'sqlite' | 'mongo';
  accounts: AccountStore;
  endUsers: EndUserStore;
  connectSessions: ConnectSessionStore;
  oauthStates: OAuthStateStore;
  connections: ConnectionStore;
  idempotency: IdempotencyStore;
  webhooks: WebhookStore;
  events: RecordEventStore;
  fieldMappings: FieldMappingStore;
  locks: LockStore;
  syncStates: SyncStateStore;
  instanceSecrets: InstanceSecretStore;
  writeBacks: WriteBackStore;
  providerWebhooks: ProviderWebhookDeliveryStore;
  inFlightWrites: InFlightWriteStore;
  /** Resolves when the backing database answers; rejects otherwise (used by /ready). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
