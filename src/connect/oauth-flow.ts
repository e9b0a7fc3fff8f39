import { createHash, randomBytes } from 'node:crypto';
import type { AppDeps } from '../app-deps';
import type { ConnectSession, Scope } from '../store/types';
import type { ProviderDefinition } from '../provider-sdk/define-provider';
import { authSchemeOf } from '../provider-sdk/manifest';
import { NotFoundError, InvalidInputError, ServiceUnavailableError } from '../errors';
import { SANDBOX_ACCOUNT_METADATA } from '../connections/sandbox-clients';
import { ConnectTokens, sessionAllows } from './connect-tokens';
import type { ConnectionService } from './connection-service';
import { providerOAuth, oauthErrorCode } from '../connections/oauth-client';
import { grantFromToken, type TokenResponse } from '../connections/token-credentials';
import { sandboxAccountOf } from '../connections/sandbox-account';
import { ConnectFlowError } from './flow-error';
import { sha256Hex } from './secrets';
import { bindingMatches, newBrowserBinding } from './browser-binding';

/** OAuth `state` lives 10 minutes (DESIGN.md § Security rules). */
export const OAUTH_STATE_TTL_MS = 10 * 60 * 1000;

export interface FlowResult { connectionId: string; provider: string; reconnected: boolean }

/** Where the popup goes next, and the browser-binding cookie to set on that redirect (browser-binding.ts). */
export interface FlowStart { url: string; stateHash: string; browserValue: string }

/**
 * The authorization-code flow for every OAuth provider, driven by its manifest: start (state,
 * PKCE, authorize URL) and callback (state check, code exchange, connection saved).
 */
export class OAuthFlow {
  constructor(
    private readonly deps: AppDeps,
    private readonly tokens: ConnectTokens,
    private readonly connections: ConnectionService,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /**
   * The provider's authorize URL for this connect token. The state is stored hashed, with the hash
   * of a fresh browser-binding value that the caller sets as a cookie.
   */
  async start(token: unknown, providerId: string): Promise<FlowStart> {
    const session = await this.tokens.resolve(token);
    const def = this.oauthProvider(session, providerId);
    await this.connections.assertCanConnect(scopeOf(session), session.endUserId, providerId);
    const po = this.clientFor(def, session);
    const state = randomBytes(32).toString('base64url');
    const verifier = po.oauth.pkce ? randomBytes(48).toString('base64url') : null;
    const browser = newBrowserBinding();
    const stateHash = sha256Hex(state);
    const now = this.now();
    await this.deps.store.oauthStates.create({
      stateHash, sessionId: session.id, provider: providerId,
      codeVerifier: verifier ? this.deps.cipher.encrypt(verifier) : null, browserHash: browser.hash,
      expiresAt: new Date(now + OAUTH_STATE_TTL_MS).toISOString(), usedAt: null, createdAt: new Date(now).toISOString(),
    });
    const params: Record<string, string | string[]> = { redirect_uri: po.client.redirectUri, state, ...(po.oauth.extraAuthorizeParams ?? {}) };
    if (po.oauth.sendScope) params.scope = po.oauth.scopes;
    if (verifier) {
      params.code_challenge = createHash('sha256').update(verifier).digest('base64url');
      params.code_challenge_method = 'S256';
    }
    return { url: po.grant.authorizeURL(params as Parameters<typeof po.grant.authorizeURL>[0]), stateHash, browserValue: browser.value };
  }

  /**
   * Handles the provider's redirect. `browserCookie` reads the binding cookie of the flow whose
   * state hashes to the given hash. Throws ConnectFlowError (or a GatewayError) on any failure.
   */
  async callback(query: Record<string, unknown>, browserCookie: (stateHash: string) => string | undefined): Promise<FlowResult> {
    const str = (k: string): string | undefined => (typeof query[k] === 'string' ? (query[k] as string) : undefined);
    const rawState = str('state');
    if (!rawState) throw new ConnectFlowError('INVALID_STATE', 'The authorization response carried no state');
    const stateHash = sha256Hex(rawState);
    const state = await this.deps.store.oauthStates.consume(stateHash, new Date(this.now()).toISOString());
    if (!state) throw new ConnectFlowError('INVALID_STATE', 'Unknown or already used authorization state; start again from the widget');
    if (Date.parse(state.expiresAt) <= this.now()) throw new ConnectFlowError('STATE_EXPIRED', 'The authorization took too long; start again from the widget');
    // After the single-use consume: a refused attempt also burns the state, so it cannot be retried.
    if (!bindingMatches(state.browserHash, browserCookie(stateHash))) {
      throw new ConnectFlowError('BROWSER_MISMATCH', 'This authorization was not started in this browser (or its cookies are blocked); start again from the widget');
    }
    const session = await this.deps.store.connectSessions.get(state.sessionId);
    if (!session) throw new ConnectFlowError('INVALID_STATE', 'The connect session no longer exists');
    this.tokens.assertLive(session);
    const error = str('error');
    if (error) {
      if (error === 'access_denied') throw new ConnectFlowError('ACCESS_DENIED', 'Access was denied at the provider', 403);
      throw new ConnectFlowError('AUTHORIZATION_FAILED', `The provider refused the authorization (${/^[a-z_]{1,64}$/i.test(error) ? error : 'error'})`);
    }
    const code = str('code');
    if (!code) throw new ConnectFlowError('AUTHORIZATION_FAILED', 'The provider sent no authorization code');

    const def = this.oauthProvider(session, state.provider);
    const po = this.clientFor(def, session);
    let token: TokenResponse;
    try {
      const params: Record<string, string> = { code, redirect_uri: po.client.redirectUri };
      if (state.codeVerifier) params.code_verifier = this.deps.cipher.decrypt(state.codeVerifier);
      token = (await po.grant.getToken(params as unknown as Parameters<typeof po.grant.getToken>[0])).token as TokenResponse;
    } catch (err) {
      const providerCode = oauthErrorCode(err);
      this.deps.logger.warn({ provider: def.manifest.id, providerError: providerCode }, 'OAuth code exchange failed');
      throw new ConnectFlowError('TOKEN_EXCHANGE_FAILED', `The provider did not issue a token${providerCode ? ` (${providerCode})` : ''}`, 502);
    }
    if (typeof token.access_token !== 'string' || !token.access_token) {
      throw new ConnectFlowError('TOKEN_EXCHANGE_FAILED', 'The provider answered without an access token', 502);
    }

    const now = this.now();
    const { credentials, metadata, scopes } = grantFromToken(token, po.oauth, now);
    if (session.mode === 'test') {
      const refresh = typeof token.refresh_token === 'string' ? token.refresh_token : '';
      const account = sandboxAccountOf(this.deps.sandboxes, def.manifest.id, token.access_token)
        ?? (refresh ? sandboxAccountOf(this.deps.sandboxes, def.manifest.id, refresh) : null);
      if (account) metadata[SANDBOX_ACCOUNT_METADATA] = account;
    }
    const { connection, reconnected } = await this.connections.completeSession(session, def.manifest.id, {
      credentials, scopes, metadata, authType: 'oauth2',
    });
    return { connectionId: connection.id, provider: connection.provider, reconnected };
  }

  private oauthProvider(session: ConnectSession, providerId: string): ProviderDefinition {
    const def = this.deps.registry.get(providerId);
    if (!def || !sessionAllows(session, providerId)) throw new NotFoundError('PROVIDER_NOT_FOUND', { provider: providerId });
    if (!authSchemeOf(def.manifest, 'oauth2')) {
      throw new InvalidInputError([{ field: 'provider', message: 'does not use OAuth; send its API key instead' }]);
    }
    return def;
  }

  private clientFor(def: ProviderDefinition, session: ConnectSession): ReturnType<typeof providerOAuth> {
    const client = this.deps.oauthClients.for(def.manifest, session.mode);
    if (!client) throw new ServiceUnavailableError(`OAuth is not configured for ${def.manifest.name} on this gateway`);
    return providerOAuth(def.manifest, session.mode, this.deps.endpoints, client);
  }
}

function scopeOf(session: ConnectSession): Scope { return { accountId: session.accountId, mode: session.mode }; }
