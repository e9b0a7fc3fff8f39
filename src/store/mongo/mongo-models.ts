import { Schema, type Connection as MongooseConnection, type Model, type SchemaOptions } from 'mongoose';
import type {
  Account, ApiKeyRecord, Connection, ConnectSession, EndUser, FieldMapping, IdempotencyRecord, InFlightWrite, OAuthState, RecordEvent, Webhook,
  SyncState, WebhookDelivery, WriteBack,
} from '../types';
import type { ProviderWebhookDelivery } from '../provider-webhook-deliveries';

/**
 * One schema per stored record. Times stay ISO strings (they sort correctly as text), except
 * the `expiresAt` fields a TTL index reads, which MongoDB only honours on BSON Dates.
 */
export type WithDateExpiry<T extends { expiresAt: string }> = Omit<T, 'expiresAt'> & { expiresAt: Date };
export type ConnectSessionDoc = WithDateExpiry<ConnectSession>;
export type OAuthStateDoc = WithDateExpiry<OAuthState>;
export type IdempotencyDoc = WithDateExpiry<IdempotencyRecord>;
export interface LockDoc { name: string; owner: string; expiresAt: Date }
export interface InstanceSecretDoc { name: string; sealed: string; createdAt: string }
export type RecordEventDoc = WithDateExpiry<RecordEvent>;
export type SyncStateDoc = Omit<SyncState, 'watermark'> & { watermarkAt: string; watermarkId: string };
export type InFlightWriteDoc = WithDateExpiry<InFlightWrite>;

// Our records carry their own `id`, so mongoose's virtual `id` and `__v` are switched off;
// minimize is off so that `{}` metadata and mappings are stored instead of dropped.
const options = (collection: string): SchemaOptions => ({ collection, id: false, versionKey: false, minimize: false, strict: true });
const nullableString = { type: String, default: null };
const mode = { type: String, enum: ['live', 'test'] };
// Removed by MongoDB's TTL monitor (about once a minute) once the date has passed.
const ttlIndex = [{ expiresAt: 1 }, { expireAfterSeconds: 0 }] as const;

export const accountSchema = new Schema<Account>({ id: String, name: String, createdAt: String }, options('accounts'));
accountSchema.index({ id: 1 }, { unique: true });

export const apiKeySchema = new Schema<ApiKeyRecord>({
  id: String, accountId: String, mode, hash: String, prefix: String, last4: String, name: nullableString, createdAt: String,
  lastUsedAt: nullableString, revokedAt: nullableString,
}, options('api_keys'));
apiKeySchema.index({ id: 1 }, { unique: true });
apiKeySchema.index({ hash: 1 }, { unique: true });
apiKeySchema.index({ accountId: 1, mode: 1, createdAt: 1 });

export const endUserSchema = new Schema<EndUser>({
  accountId: String, mode, endUserId: String, email: nullableString, name: nullableString, createdAt: String, updatedAt: String,
}, options('end_users'));
endUserSchema.index({ accountId: 1, mode: 1, endUserId: 1 }, { unique: true });

export const connectSessionSchema = new Schema<ConnectSessionDoc>({
  id: String, tokenHash: String, accountId: String, mode, endUserId: String,
  providers: { type: [String], default: null }, allowedOrigin: nullableString, expiresAt: Date, usedAt: nullableString,
  createdAt: String,
}, options('connect_sessions'));
connectSessionSchema.index({ id: 1 }, { unique: true });
connectSessionSchema.index({ tokenHash: 1 }, { unique: true });
connectSessionSchema.index(...ttlIndex);

export const oauthStateSchema = new Schema<OAuthStateDoc>({
  stateHash: String, sessionId: String, provider: String, codeVerifier: nullableString, browserHash: nullableString, expiresAt: Date,
  usedAt: nullableString, createdAt: String,
}, options('oauth_states'));
oauthStateSchema.index({ stateHash: 1 }, { unique: true });
oauthStateSchema.index(...ttlIndex);

export const connectionSchema = new Schema<Connection>({
  id: String, accountId: String, mode, endUserId: String, provider: String,
  status: { type: String, enum: ['active', 'needs_reauth', 'revoked'] }, scopes: [String], providerAccountId: nullableString,
  providerAccountName: nullableString,
  credentials: String, credentialsVersion: Number, metadata: { type: Schema.Types.Mixed, default: {} },
  authType: nullableString, config: { type: Schema.Types.Mixed, default: {} },
  lastError: { type: Schema.Types.Mixed, default: null }, createdAt: String, updatedAt: String,
  lastRefreshedAt: nullableString, lastUsedAt: nullableString,
}, options('connections'));
connectionSchema.index({ id: 1 }, { unique: true });
connectionSchema.index({ accountId: 1, mode: 1, id: 1 });
connectionSchema.index({ accountId: 1, mode: 1, endUserId: 1, provider: 1, createdAt: -1 });

export const idempotencySchema = new Schema<IdempotencyDoc>({
  accountId: String, mode, key: String, requestHash: String, state: { type: String, enum: ['in_progress', 'done'] },
  leaseExpiresAt: nullableString, leaseOwner: { type: String, default: '' },
  responseStatus: { type: Number, default: null }, responseBody: nullableString, createdAt: String, expiresAt: Date,
}, options('idempotency_records'));
idempotencySchema.index({ accountId: 1, mode: 1, key: 1 }, { unique: true });
idempotencySchema.index(...ttlIndex);

export const webhookSchema = new Schema<Webhook>({
  id: String, accountId: String, mode, url: String, events: [String], secret: String, createdAt: String,
}, options('webhooks'));
webhookSchema.index({ id: 1 }, { unique: true });
webhookSchema.index({ accountId: 1, mode: 1, events: 1 });

export const webhookDeliverySchema = new Schema<WebhookDelivery>({
  // A field named `type` must be spelled as an option object, or mongoose reads it as the path's type.
  id: String, eventId: String, webhookId: String, accountId: String, mode, type: { type: String }, payload: String,
  status: { type: String, enum: ['pending', 'delivered', 'failed'] }, attempts: Number, nextAttemptAt: String,
  lastError: nullableString, createdAt: String, deliveredAt: nullableString,
}, options('webhook_deliveries'));
webhookDeliverySchema.index({ id: 1 }, { unique: true });
webhookDeliverySchema.index({ status: 1, nextAttemptAt: 1 });
webhookDeliverySchema.index({ webhookId: 1, createdAt: 1 });

// The id is the change's hash: the unique index keeps one event per change, whoever saw it.
export const recordEventSchema = new Schema<RecordEventDoc>({
  id: String, accountId: String, mode, connectionId: String, type: { type: String }, resource: String, recordId: String,
  source: { type: String, enum: ['gateway', 'provider_webhook', 'poll'] }, payload: String, occurredAt: String, createdAt: String,
  expiresAt: Date,
}, options('record_events'));
recordEventSchema.index({ id: 1 }, { unique: true });
recordEventSchema.index({ accountId: 1, mode: 1, createdAt: 1, id: 1 });
recordEventSchema.index(...ttlIndex);

export const fieldMappingSchema = new Schema<FieldMapping>({
  accountId: String, mode, provider: String, resource: String, mappings: { type: Schema.Types.Mixed, default: {} },
  updatedAt: String,
}, options('field_mappings'));
fieldMappingSchema.index({ accountId: 1, mode: 1, provider: 1, resource: 1 }, { unique: true });

export const lockSchema = new Schema<LockDoc>({ name: String, owner: String, expiresAt: Date }, options('locks'));
lockSchema.index({ name: 1 }, { unique: true });
lockSchema.index(...ttlIndex);

export const instanceSecretSchema = new Schema<InstanceSecretDoc>({ name: String, sealed: String, createdAt: String }, options('instance_secrets'));
instanceSecretSchema.index({ name: 1 }, { unique: true });

// bookingKey unique: one booking never owes two CRM meetings, whichever process stores it.
export const writeBackSchema = new Schema<WriteBack>({
  id: String, accountId: String, mode, bookingKey: String, crmProvider: String, endUserId: String, plan: String,
  status: { type: String, enum: ['pending', 'done', 'failed'] }, attempts: Number, nextAttemptAt: String,
  leaseOwner: nullableString, leaseExpiresAt: nullableString, leadId: nullableString, crmMeetingId: nullableString,
  crmMeeting: nullableString, lastError: nullableString, createdAt: String, deadlineAt: String, completedAt: nullableString,
}, options('write_backs'));
writeBackSchema.index({ id: 1 }, { unique: true });
writeBackSchema.index({ bookingKey: 1 }, { unique: true });
writeBackSchema.index({ status: 1, nextAttemptAt: 1 });

// The id derives from the provider's delivery id or the signed body: the unique index makes a replay the same document.
export const providerWebhookDeliverySchema = new Schema<ProviderWebhookDelivery>({
  id: String, provider: String, mode, changes: { type: Schema.Types.Mixed, default: [] },
  status: { type: String, enum: ['pending', 'done', 'failed'] }, attempts: Number, nextAttemptAt: String,
  leaseOwner: nullableString, leaseExpiresAt: nullableString, lastError: nullableString, receivedAt: String, completedAt: nullableString,
}, options('provider_webhook_deliveries'));
providerWebhookDeliverySchema.index({ id: 1 }, { unique: true });
providerWebhookDeliverySchema.index({ status: 1, nextAttemptAt: 1 });

export const syncStateSchema = new Schema<SyncStateDoc>({
  connectionId: String, resource: String, accountId: String, mode, watermarkAt: String, watermarkId: String,
  deletionsUntil: nullableString, lastSweepAt: nullableString, caughtUpAt: nullableString,
  lastError: { type: Schema.Types.Mixed, default: null }, createdAt: String,
}, options('sync_states'));
syncStateSchema.index({ connectionId: 1, resource: 1 }, { unique: true });

// A lapsed mark (its process died mid-write) is also removed by the TTL monitor.
export const inFlightWriteSchema = new Schema<InFlightWriteDoc>({ id: String, connectionId: String, resource: String, expiresAt: Date }, options('in_flight_writes'));
inFlightWriteSchema.index({ id: 1 }, { unique: true });
inFlightWriteSchema.index({ connectionId: 1, resource: 1, expiresAt: 1 });
inFlightWriteSchema.index(...ttlIndex);

export interface MongoModels {
  accounts: Model<Account>;
  apiKeys: Model<ApiKeyRecord>;
  endUsers: Model<EndUser>;
  connectSessions: Model<ConnectSessionDoc>;
  oauthStates: Model<OAuthStateDoc>;
  connections: Model<Connection>;
  idempotency: Model<IdempotencyDoc>;
  webhooks: Model<Webhook>;
  deliveries: Model<WebhookDelivery>;
  recordEvents: Model<RecordEventDoc>;
  fieldMappings: Model<FieldMapping>;
  locks: Model<LockDoc>;
  syncStates: Model<SyncStateDoc>;
  instanceSecrets: Model<InstanceSecretDoc>;
  writeBacks: Model<WriteBack>;
  providerWebhookDeliveries: Model<ProviderWebhookDelivery>;
  inFlightWrites: Model<InFlightWriteDoc>;
}

/** Models are registered on the store's own connection, never on mongoose's global one. */
export function createModels(conn: MongooseConnection): MongoModels {
  return {
    accounts: conn.model<Account>('Account', accountSchema),
    apiKeys: conn.model<ApiKeyRecord>('ApiKey', apiKeySchema),
    endUsers: conn.model<EndUser>('EndUser', endUserSchema),
    connectSessions: conn.model<ConnectSessionDoc>('ConnectSession', connectSessionSchema),
    oauthStates: conn.model<OAuthStateDoc>('OAuthState', oauthStateSchema),
    connections: conn.model<Connection>('Connection', connectionSchema),
    idempotency: conn.model<IdempotencyDoc>('IdempotencyRecord', idempotencySchema),
    webhooks: conn.model<Webhook>('Webhook', webhookSchema),
    deliveries: conn.model<WebhookDelivery>('WebhookDelivery', webhookDeliverySchema),
    recordEvents: conn.model<RecordEventDoc>('RecordEvent', recordEventSchema),
    fieldMappings: conn.model<FieldMapping>('FieldMapping', fieldMappingSchema),
    locks: conn.model<LockDoc>('Lock', lockSchema),
    syncStates: conn.model<SyncStateDoc>('SyncState', syncStateSchema),
    instanceSecrets: conn.model<InstanceSecretDoc>('InstanceSecret', instanceSecretSchema),
    writeBacks: conn.model<WriteBack>('WriteBack', writeBackSchema),
    providerWebhookDeliveries: conn.model<ProviderWebhookDelivery>('ProviderWebhookDelivery', providerWebhookDeliverySchema),
    inFlightWrites: conn.model<InFlightWriteDoc>('InFlightWrite', inFlightWriteSchema),
  };
}
