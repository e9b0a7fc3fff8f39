import type { Token } from 'simple-oauth2';
import type { Connection, Store } from '../store/types';
import { authSchemeOf, type ProviderManifest } from '../provider-sdk/manifest';
import type { Logger } from '../logging/logger';
import { ProviderFailureError } from '../errors';
import type { CredentialsCipher } from './credentials-crypto';
import type { Credentials, OAuthCredentials } from './credentials';
import type { ProviderEndpoints } from './provider-endpoints';
import type { OAuthClients } from './oauth-clients';
import type { ConnectionEvents } from './connection-events';
import type { RefreshLock } from './refresh-lock';
import type { ProviderMetrics } from '../resilience/provider-metrics';
import { refreshFailure } from './token-manager-errors';
import { providerOAuth } from './oauth-client';
import { grantFromToken, missedRotation } from './token-credentials';

/** A usable credential and the connection as it stood when the credential was read or written. */
export interface AccessGrant { token: string; connection: Connection }

export interface TokenManagerDeps {
  store: Store;
  cipher: CredentialsCipher;
  manifestOf(providerId: string): ProviderManifest | undefined;
  endpoints: ProviderEndpoints;
  oauthClients: OAuthClients;
  events: ConnectionEvents;
  lock: RefreshLock;
  logger: Logger;
  metrics: ProviderMetrics;
  now?: () => number;
}

/** How long a decrypted credential may stay in memory, and how many connections' at most. */
const CREDENTIALS_CACHE_TTL_MS = 60_000;
const CREDENTIALS_CACHE_MAX = 10_000;

/**
 * The only way to get a provider credential (DESIGN.md § Resilience). OAuth access tokens are
 * refreshed ahead of expiry, and exactly once per connection at a time: callers in this process
 * share one promise; processes share a lease lock; whoever takes the lock re-reads the connection
 * and skips the refresh when someone else already did it. A rotated refresh token is written
 * (compare-and-set on credentialsVersion) before the new access token is handed out, so no later
 * refresh can present a spent one.
 */
export class TokenManager {
  private readonly inFlight = new Map<string, Promise<AccessGrant>>();
  /**
   * Decrypted credentials per connection, keyed by the sealed blob they came from: a refresh, a
   * reconnect or any other credentials write changes the blob, so a stale entry can never be
   * served; revoke and needs_reauth drop it (`forget`), and entries expire after a minute anyway.
   */
  private readonly decrypted = new Map<string, { sealed: string; creds: Credentials; until: number }>();
  private readonly now: () => number;

  constructor(private readonly deps: TokenManagerDeps) {
    this.now = deps.now ?? Date.now;
  }

  /**
   * A token for the connection. `force` (after a provider 401) refreshes unless the stored token
   * already differs from `staleToken`, i.e. someone refreshed since the caller read it.
   */
  async getAccessToken(connection: Connection, opts: { force?: boolean; staleToken?: string } = {}): Promise<AccessGrant> {
    if (connection.status === 'needs_reauth') { this.forget(connection.id); throw needsReauth(connection); }
    const creds = this.credentialsOf(connection);
    if (creds.type === 'api_key') return { token: creds.apiKey, connection };
    const manifest = this.manifest(connection);
    if (!opts.force && !this.needsRefresh(creds, manifest)) return { token: creds.accessToken, connection };
    const running = this.inFlight.get(connection.id);
    if (running) return running;
    const p = this.refreshUnderLock(connection.id, opts.force ? opts.staleToken ?? creds.accessToken : null)
      .finally(() => this.inFlight.delete(connection.id));
    this.inFlight.set(connection.id, p);
    return p;
  }

  /** Drops the decrypted credentials of a connection (revoked, deleted, needs re-authorization). */
  forget(connectionId: string): void {
    this.decrypted.delete(connectionId);
  }

  private credentialsOf(connection: Connection): Credentials {
    const now = Date.now();
    const hit = this.decrypted.get(connection.id);
    if (hit && hit.sealed === connection.credentials && hit.until > now) return hit.creds;
    const creds = this.deps.cipher.decryptJson<Credentials>(connection.credentials);
    if (hit) this.decrypted.delete(connection.id); // re-insert: the map's order is the eviction order
    else if (this.decrypted.size >= CREDENTIALS_CACHE_MAX) this.decrypted.delete(this.decrypted.keys().next().value!);
    this.decrypted.set(connection.id, { sealed: connection.credentials, creds, until: now + CREDENTIALS_CACHE_TTL_MS });
    return creds;
  }

  /**
   * Due for refresh: inside the margin before expiry. The margin is capped at half the token's
   * lifetime, or a short-lived token (tests, some providers) would be refreshed on every call.
   * With no expiry at all (some providers send no expires_in) the manifest's assumed lifetime counts
   * from when the token was obtained; without that either, only a 401 triggers a refresh.
   */
  needsRefresh(creds: OAuthCredentials, manifest: ProviderManifest): boolean {
    const obtained = Date.parse(creds.obtainedAt);
    const oauth = authSchemeOf(manifest, 'oauth2');
    const lifetimeS = oauth?.defaultTokenLifetimeSeconds;
    const expires = creds.expiresAt ? Date.parse(creds.expiresAt) : lifetimeS ? obtained + lifetimeS * 1000 : null;
    if (expires === null) return false;
    const lifetimeMs = Number.isFinite(obtained) ? Math.max(0, expires - obtained) : Number.POSITIVE_INFINITY;
    const marginMs = Math.min((oauth?.refreshMarginSeconds ?? 0) * 1000, lifetimeMs / 2);
    return this.now() >= expires - marginMs;
  }

  private manifest(connection: Connection): ProviderManifest {
    const m = this.deps.manifestOf(connection.provider);
    if (!m) throw new ProviderFailureError('PROVIDER_ERROR', { message: 'The connection names a provider this gateway does not have' });
    return m;
  }

  private refreshUnderLock(connectionId: string, staleToken: string | null): Promise<AccessGrant> {
    return this.deps.lock.withLock(`refresh:${connectionId}`, async () => {
      // Re-read: another process may have refreshed while we waited for the lease.
      const current = await this.deps.store.connections.getById(connectionId);
      if (!current || current.status === 'revoked') this.forget(connectionId);
      if (!current || current.status === 'revoked') throw new ProviderFailureError('PROVIDER_AUTH_FAILED', { message: 'The connection is no longer active' });
      if (current.status === 'needs_reauth') throw needsReauth(current);
      const creds = this.deps.cipher.decryptJson<OAuthCredentials>(current.credentials);
      const manifest = this.manifest(current);
      const alreadyDone = staleToken !== null ? creds.accessToken !== staleToken : !this.needsRefresh(creds, manifest);
      if (alreadyDone) return { token: creds.accessToken, connection: current };
      return this.refresh(current, creds, manifest);
    });
  }

  private async refresh(connection: Connection, creds: OAuthCredentials, manifest: ProviderManifest): Promise<AccessGrant> {
    const provider = manifest.id;
    const scheme = authSchemeOf(manifest, 'oauth2');
    if (!creds.refreshToken || !scheme) return this.markNeedsReauth(connection, 'no refresh token');
    const client = this.deps.oauthClients.for(manifest, connection.mode);
    if (!client) throw new ProviderFailureError('PROVIDER_AUTH_FAILED', { message: 'OAuth client credentials are not configured for this provider' });
    const { refresher } = providerOAuth(manifest, connection.mode, this.deps.endpoints, client);
    let fresh: Token;
    try {
      fresh = (await refresher.createToken({ access_token: creds.accessToken, refresh_token: creds.refreshToken }).refresh()).token;
    } catch (err) {
      const failure = refreshFailure(err, provider);
      this.deps.metrics.refreshes.inc({ provider, outcome: failure.kind });
      if (failure.kind === 'invalid_grant') return this.markNeedsReauth(connection, 'invalid_grant');
      throw failure.error;
    }
    if (missedRotation(fresh, scheme)) this.deps.logger.warn({ provider, connectionId: connection.id }, 'refresh answered without the new refresh token the provider rotates; keeping the old one');
    const now = this.now();
    const { credentials: next, metadata } = grantFromToken(fresh, scheme, now, { credentials: creds, metadata: connection.metadata });
    const at = new Date(now).toISOString();
    const saved = await this.deps.store.connections.updateCredentials(
      connection.id, connection.credentialsVersion, this.deps.cipher.encryptJson(next), { metadata, lastRefreshedAt: at, updatedAt: at, lastError: null },
    );
    this.deps.metrics.refreshes.inc({ provider, outcome: 'ok' });
    if (!saved) {
      // Only possible when our lease ran out mid-refresh and someone else wrote meanwhile: theirs wins.
      this.deps.logger.warn({ provider, connectionId: connection.id }, 'token refresh lost the credentials compare-and-set');
      const winner = await this.deps.store.connections.getById(connection.id);
      if (!winner) throw new ProviderFailureError('PROVIDER_AUTH_FAILED', { message: 'The connection is no longer active' });
      return { token: this.deps.cipher.decryptJson<OAuthCredentials>(winner.credentials).accessToken, connection: winner };
    }
    this.deps.logger.info({ provider, connectionId: connection.id }, 'access token refreshed');
    return { token: next.accessToken, connection: saved };
  }

  /** The refresh failed for good: the connection waits for its end user to reconnect. Emitted once, under the lock. */
  private async markNeedsReauth(connection: Connection, reason: string): Promise<never> {
    this.forget(connection.id);
    const at = new Date(this.now()).toISOString();
    const updated = await this.deps.store.connections.update(connection.id, { status: 'needs_reauth', lastError: { code: 'NEEDS_REAUTH', at }, updatedAt: at });
    this.deps.logger.warn({ provider: connection.provider, connectionId: connection.id, reason }, 'connection needs re-authorization');
    if (updated) this.deps.events.emit('connection.needs_reauth', updated);
    throw needsReauth(updated ?? connection);
  }
}

function needsReauth(connection: Connection): ProviderFailureError {
  return new ProviderFailureError('NEEDS_REAUTH', {
    details: { connectionId: connection.id, provider: connection.provider, endUserId: connection.endUserId },
  });
}
