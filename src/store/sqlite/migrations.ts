/**
 * Ordered schema migrations. A migration, once released, is never edited: a change is a new
 * entry at the end. Column names are camelCase so that rows map 1:1 onto the port's records
 * and only the JSON columns need decoding.
 */
export interface Migration { version: number; name: string; sql: string }

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        createdAt TEXT NOT NULL
      );
      CREATE TABLE api_keys (
        id TEXT PRIMARY KEY,
        accountId TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('live', 'test')),
        hash TEXT NOT NULL UNIQUE,
        prefix TEXT NOT NULL,
        last4 TEXT NOT NULL,
        createdAt TEXT NOT NULL,
        lastUsedAt TEXT,
        revokedAt TEXT
      );
      CREATE INDEX api_keys_scope ON api_keys (accountId, mode, createdAt);

      CREATE TABLE end_users (
        accountId TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('live', 'test')),
        endUserId TEXT NOT NULL,
        email TEXT,
        name TEXT,
        createdAt TEXT NOT NULL,
        updatedAt TEXT NOT NULL,
        PRIMARY KEY (accountId, mode, endUserId)
      );

      CREATE TABLE connect_sessions (
        id TEXT PRIMARY KEY,
        tokenHash TEXT NOT NULL UNIQUE,
        accountId TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('live', 'test')),
        endUserId TEXT NOT NULL,
        providers TEXT CHECK (providers IS NULL OR json_valid(providers)),
        allowedOrigin TEXT,
        expiresAt TEXT NOT NULL,
        usedAt TEXT,
        createdAt TEXT NOT NULL
      );

      CREATE TABLE oauth_states (
        stateHash TEXT PRIMARY KEY,
        sessionId TEXT NOT NULL,
        provider TEXT NOT NULL,
        codeVerifier TEXT,
        expiresAt TEXT NOT NULL,
        usedAt TEXT,
        createdAt TEXT NOT NULL
      );

      CREATE TABLE connections (
        id TEXT PRIMARY KEY,
        accountId TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('live', 'test')),
        endUserId TEXT NOT NULL,
        provider TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('active', 'needs_reauth', 'revoked')),
        scopes TEXT NOT NULL CHECK (json_valid(scopes)),
        providerAccountId TEXT,
        credentials TEXT NOT NULL,
        credentialsVersion INTEGER NOT NULL,
        metadata TEXT NOT NULL CHECK (json_valid(metadata)),
        lastError TEXT CHECK (lastError IS NULL OR json_valid(lastError)),
        createdAt TEXT NOT NULL,
        updatedAt TEXT NOT NULL,
        lastRefreshedAt TEXT,
        lastUsedAt TEXT
      );
      CREATE INDEX connections_scope ON connections (accountId, mode, id);
      CREATE INDEX connections_end_user ON connections (accountId, mode, endUserId, provider, createdAt);

      CREATE TABLE idempotency_records (
        accountId TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('live', 'test')),
        key TEXT NOT NULL,
        requestHash TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('in_progress', 'done')),
        responseStatus INTEGER,
        responseBody TEXT,
        createdAt TEXT NOT NULL,
        expiresAt TEXT NOT NULL,
        PRIMARY KEY (accountId, mode, key)
      );
      CREATE INDEX idempotency_expiry ON idempotency_records (expiresAt);

      CREATE TABLE webhooks (
        id TEXT PRIMARY KEY,
        accountId TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('live', 'test')),
        url TEXT NOT NULL,
        events TEXT NOT NULL CHECK (json_valid(events)),
        secret TEXT NOT NULL,
        createdAt TEXT NOT NULL
      );
      CREATE INDEX webhooks_scope ON webhooks (accountId, mode, createdAt);

      -- Deliveries go with their webhook: once it is deleted nothing should be sent to it.
      CREATE TABLE webhook_deliveries (
        id TEXT PRIMARY KEY,
        eventId TEXT NOT NULL,
        webhookId TEXT NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
        accountId TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('live', 'test')),
        type TEXT NOT NULL,
        payload TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts INTEGER NOT NULL,
        nextAttemptAt TEXT NOT NULL,
        lastError TEXT,
        createdAt TEXT NOT NULL,
        deliveredAt TEXT
      );
      CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, nextAttemptAt);
      CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhookId, createdAt);

      CREATE TABLE field_mappings (
        accountId TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('live', 'test')),
        provider TEXT NOT NULL,
        resource TEXT NOT NULL,
        mappings TEXT NOT NULL CHECK (json_valid(mappings)),
        updatedAt TEXT NOT NULL,
        PRIMARY KEY (accountId, mode, provider, resource)
      );

      CREATE TABLE locks (
        name TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        expiresAt TEXT NOT NULL
      );
    `,
  },
  {
    version: 3,
    name: 'api key names',
    // Keys created before this version have no name (null), as do keys created without one.
    sql: 'ALTER TABLE api_keys ADD COLUMN name TEXT;',
  },
  {
    version: 4,
    name: 'oauth states bound to the browser that started them',
    // Null for states written before this version: they fail the callback (at most 10 minutes old).
    sql: 'ALTER TABLE oauth_states ADD COLUMN browserHash TEXT;',
  },
  {
    version: 2,
    name: 'idempotency leases',
    // In-progress records written before this version have no lease (null): the next attempt of
    // the same request takes them over instead of waiting out the 24 h a crash used to cost.
    // Finished ones held their response in plain text (a new API key, a webhook secret): dropped,
    // since from now on every stored body is sealed.
    sql: `
      DELETE FROM idempotency_records WHERE responseBody IS NOT NULL;
      ALTER TABLE idempotency_records ADD COLUMN leaseExpiresAt TEXT;
      ALTER TABLE idempotency_records ADD COLUMN leaseOwner TEXT NOT NULL DEFAULT '';
    `,
  },
  {
    version: 5,
    name: 'instance secrets that outlive a key rotation',
    sql: `
      CREATE TABLE instance_secrets (
        name TEXT PRIMARY KEY,
        sealed TEXT NOT NULL,
        createdAt TEXT NOT NULL
      );
    `,
  },
  {
    version: 6,
    name: 'provider account name of a connection',
    // Null until the provider's identify hook has answered (connections made before this version included).
    sql: 'ALTER TABLE connections ADD COLUMN providerAccountName TEXT;',
  },
  {
    version: 7,
    name: 'auth scheme and connection config of a connection',
    // Connections made before this version: no recorded scheme (null = the provider's first) and no config.
    sql: `
      ALTER TABLE connections ADD COLUMN authType TEXT;
      ALTER TABLE connections ADD COLUMN config TEXT NOT NULL DEFAULT '{}';
    `,
  },
  {
    version: 8,
    name: 'record events (change events feed)',
    // The id is the change's hash: the primary key is what keeps one event per change.
    sql: `
      CREATE TABLE record_events (
        id TEXT PRIMARY KEY,
        accountId TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('live', 'test')),
        connectionId TEXT NOT NULL,
        type TEXT NOT NULL,
        resource TEXT NOT NULL,
        recordId TEXT NOT NULL,
        source TEXT NOT NULL,
        payload TEXT NOT NULL,
        occurredAt TEXT NOT NULL,
        createdAt TEXT NOT NULL,
        expiresAt TEXT NOT NULL
      );
      CREATE INDEX record_events_feed ON record_events (accountId, mode, createdAt, id);
      CREATE INDEX record_events_expiry ON record_events (expiresAt);
    `,
  },
  {
    version: 11,
    name: 'route-and-book write-backs',
    // bookingKey unique: one booking never owes two CRM meetings, whichever process stores it.
    sql: `
      CREATE TABLE write_backs (
        id TEXT PRIMARY KEY,
        accountId TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('live', 'test')),
        bookingKey TEXT NOT NULL UNIQUE,
        crmProvider TEXT NOT NULL,
        endUserId TEXT NOT NULL,
        plan TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'failed')),
        attempts INTEGER NOT NULL,
        nextAttemptAt TEXT NOT NULL,
        leaseOwner TEXT,
        leaseExpiresAt TEXT,
        leadId TEXT,
        crmMeetingId TEXT,
        crmMeeting TEXT,
        lastError TEXT,
        createdAt TEXT NOT NULL,
        deadlineAt TEXT NOT NULL,
        completedAt TEXT
      );
      CREATE INDEX write_backs_due ON write_backs (status, nextAttemptAt);
    `,
  },
  {
    version: 9,
    name: 'provider webhook deliveries (inbound, processed under a lease)',
    // The id derives from the provider's delivery id or the signed body: a replay is the same row.
    sql: `
      CREATE TABLE provider_webhook_deliveries (
        id TEXT PRIMARY KEY,
        provider TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('live', 'test')),
        changes TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'failed')),
        attempts INTEGER NOT NULL,
        nextAttemptAt TEXT NOT NULL,
        leaseOwner TEXT,
        leaseExpiresAt TEXT,
        lastError TEXT,
        receivedAt TEXT NOT NULL,
        completedAt TEXT
      );
      CREATE INDEX provider_webhook_deliveries_due ON provider_webhook_deliveries (status, nextAttemptAt);
      CREATE INDEX connections_provider_account ON connections (provider, providerAccountId);
    `,
  },
  {
    version: 10,
    name: 'polling sweeps: sync state per connection and resource',
    // The watermark is two columns compared as a pair ((updatedAt, id) moves forward only).
    sql: `
      CREATE TABLE sync_states (
        connectionId TEXT NOT NULL,
        resource TEXT NOT NULL,
        accountId TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('live', 'test')),
        watermarkAt TEXT NOT NULL,
        watermarkId TEXT NOT NULL,
        deletionsUntil TEXT,
        lastSweepAt TEXT,
        caughtUpAt TEXT,
        lastError TEXT,
        createdAt TEXT NOT NULL,
        PRIMARY KEY (connectionId, resource)
      );
    `,
  },
  {
    version: 12,
    name: 'gateway writes under way (provider webhooks wait for them); deliveries by event (an event rewritten to a more specific type)',
    sql: `
      CREATE TABLE in_flight_writes (
        id TEXT PRIMARY KEY,
        connectionId TEXT NOT NULL,
        resource TEXT NOT NULL,
        expiresAt TEXT NOT NULL
      );
      CREATE INDEX in_flight_writes_target ON in_flight_writes (connectionId, resource, expiresAt);
      CREATE INDEX webhook_deliveries_event ON webhook_deliveries (eventId);
    `,
  },
];
