import type { AppDeps } from '../app-deps';
import type { Connection, ConnectSession, Scope } from '../store/types';
import type { Credentials } from '../connections/credentials';
import type { ConnectionEventType } from '../connections/connection-events';
import { ConflictError, InvalidConnectTokenError, NotFoundError } from '../errors';
import { TokenRevoker } from './token-revoker';
import { accountIdentifier, type AccountIdentifier } from '../connections/account-identity';
import { randomId } from './secrets';

/** What a successful authorization (OAuth exchange or verified API key) yields. */
export interface Grant {
  credentials: Credentials;
  scopes: string[];
  metadata: Record<string, string>;
  /** The auth scheme it was made with. */
  authType: 'oauth2' | 'api_key';
  /** Validated connectionConfig values ({} where the provider declares none). */
  config?: Record<string, string>;
}

/**
 * The connection lifecycle: create, reconnect in place, delete (with revocation). Every change
 * emits its event and waits until listeners (webhook enqueueing) are done, so an event is stored
 * before the caller hears about the change.
 */
export class ConnectionService {
  private readonly revoker: TokenRevoker;
  private readonly identifier: AccountIdentifier;

  constructor(private readonly deps: AppDeps, private readonly now: () => number = () => Date.now()) {
    this.revoker = new TokenRevoker(deps.endpoints, deps.oauthClients, deps.logger);
    this.identifier = accountIdentifier(deps);
  }

  /** Refuses early when an active connection exists (a needs_reauth one will be reconnected). */
  async assertCanConnect(scope: Scope, endUserId: string, provider: string): Promise<void> {
    const current = await this.deps.store.connections.findCurrent(scope, endUserId, provider);
    if (current?.status === 'active') throw alreadyExists(current);
  }

  /** Completes a widget flow: spends the connect token once, then creates or reconnects. */
  async completeSession(session: ConnectSession, provider: string, grant: Grant): Promise<{ connection: Connection; reconnected: boolean }> {
    const scope: Scope = { accountId: session.accountId, mode: session.mode };
    await this.assertCanConnect(scope, session.endUserId, provider);
    if (!(await this.deps.store.connectSessions.markUsed(session.id, this.iso()))) {
      throw new InvalidConnectTokenError('Connect token was already used to complete a connection');
    }
    return this.save(scope, session.endUserId, provider, grant);
  }

  /** Server-to-server creation (API-key providers). */
  async connectDirect(scope: Scope, endUserId: string, provider: string, grant: Grant): Promise<{ connection: Connection; reconnected: boolean }> {
    await this.assertCanConnect(scope, endUserId, provider);
    return this.save(scope, endUserId, provider, grant);
  }

  async remove(scope: Scope, id: string): Promise<void> {
    const connection = await this.deps.store.connections.get(scope, id);
    if (!connection) throw new NotFoundError('CONNECTION_NOT_FOUND', { connectionId: id });
    await this.revoke(connection);
    if (!(await this.deps.store.connections.delete(scope, id))) throw new NotFoundError('CONNECTION_NOT_FOUND', { connectionId: id });
    await this.emit('connection.deleted', { ...connection, status: 'revoked' });
  }

  /** Deletes the end user and every connection of it: credentials erased, grants revoked where possible. */
  async removeEndUser(scope: Scope, endUserId: string): Promise<void> {
    if (!(await this.deps.store.endUsers.get(scope, endUserId))) throw new NotFoundError('END_USER_NOT_FOUND', { endUserId });
    const deleted = await this.deps.store.connections.deleteByEndUser(scope, endUserId);
    await this.deps.store.endUsers.delete(scope, endUserId);
    for (const connection of deleted) {
      await this.revoke(connection);
      await this.emit('connection.deleted', { ...connection, status: 'revoked' });
    }
  }

  private async save(scope: Scope, endUserId: string, provider: string, grant: Grant): Promise<{ connection: Connection; reconnected: boolean }> {
    const now = this.iso();
    const sealed = this.deps.cipher.encryptJson(grant.credentials);
    const current = await this.deps.store.connections.findCurrent(scope, endUserId, provider);
    if (current?.status === 'active') throw alreadyExists(current);
    if (current?.status === 'needs_reauth') {
      // Reconnect in place: same id, fresh credentials; compare-and-set so a concurrent writer is not overwritten silently.
      const updated = await this.deps.store.connections.updateCredentials(current.id, current.credentialsVersion, sealed, {
        status: 'active', scopes: grant.scopes, metadata: grant.metadata, authType: grant.authType, config: grant.config ?? {},
        lastError: null, updatedAt: now, lastRefreshedAt: now,
      });
      if (updated) {
        // Re-authorized: the user may have picked another portal or org, so ask again.
        const identified = await this.identifier.identify(updated);
        await this.emit('connection.reconnected', identified);
        return { connection: identified, reconnected: true };
      }
      throw alreadyExists(current);
    }
    await this.deps.store.endUsers.upsert(scope, endUserId, {}, now);
    const connection = await this.deps.store.connections.create({
      id: randomId('conn_'), accountId: scope.accountId, mode: scope.mode, endUserId, provider, status: 'active',
      scopes: grant.scopes, providerAccountId: null, providerAccountName: null, credentials: sealed, credentialsVersion: 1,
      metadata: grant.metadata, authType: grant.authType, config: grant.config ?? {}, lastError: null, createdAt: now, updatedAt: now, lastRefreshedAt: null, lastUsedAt: null,
    });
    // Before the event, so that connection.created already says who the account is when the provider answered.
    const identified = await this.identifier.identify(connection);
    await this.emit('connection.created', identified);
    return { connection: identified, reconnected: false };
  }

  private async revoke(connection: Connection): Promise<void> {
    const def = this.deps.registry.get(connection.provider);
    if (!def) return;
    try {
      const credentials = this.deps.cipher.decryptJson<Credentials>(connection.credentials);
      await this.revoker.revoke(def.manifest, connection.mode, credentials);
    } catch (err) {
      this.deps.logger.warn({ connectionId: connection.id, reason: (err as Error).name }, 'could not revoke connection at the provider');
    }
  }

  private async emit(type: ConnectionEventType, connection: Connection): Promise<void> {
    this.deps.events.emit(type, connection);
    await this.deps.events.settled();
  }

  private iso(): string { return new Date(this.now()).toISOString(); }
}

function alreadyExists(c: Connection): ConflictError {
  return new ConflictError('CONNECTION_ALREADY_EXISTS', { details: { connectionId: c.id, provider: c.provider, endUserId: c.endUserId } });
}
