import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from './clock';
import type { SandboxCaller } from './caller';

/**
 * The generic OAuth 2.0 authorization server state behind every sandbox: codes, grants, access and
 * refresh tokens. Each provider's sandbox wraps it in its own wire format (paths, client auth,
 * bodies, error texts).
 *
 * Tokens are HMAC-signed and self-describing (account, grant, expiry), so connections stored by the
 * gateway keep working after a restart. Revocations, rotations and used codes live in memory: a
 * restart forgets them (documented in each provider's README).
 */
export interface OAuthClient {
  clientId: string; clientSecret: string; redirectUris: string[]; appName: string;
  /** The app's webhook target URL (app-level webhooks, signed with the client secret), if it has one. */
  webhookUrl?: string;
}

export interface Grant {
  id: string;
  accountId: string;
  clientId: string;
  scopes: string[];
}

interface GrantState {
  revoked: boolean;
  /** Nonce of the only refresh token still valid when rotation is on. */
  currentRefresh: string | null;
  /** Access tokens issued at or before this time are treated as expired (the expire_token fault). */
  accessExpiredAt: number;
}

export interface IssuedTokens { accessToken: string; refreshToken: string; expiresIn: number; issuedAt: number; grant: Grant }

export type CodeError = 'invalid' | 'expired' | 'used' | 'client_mismatch' | 'redirect_mismatch' | 'pkce_missing' | 'pkce_mismatch';
export type RefreshError = 'invalid' | 'revoked' | 'reused' | 'client_mismatch';
export type AccessError = 'invalid' | 'expired' | 'revoked';

interface Payload {
  k: 'a' | 'r' | 'c';
  g: string;        // grant id
  acc: string;      // account id
  cl: string;       // client id
  sc: string[];
  iat: number;
  exp: number | null;
  n: string;        // nonce
  ru?: string;      // code: redirect uri
  cc?: string;      // code: PKCE challenge (S256)
}

export interface TokenServiceOptions {
  clock: Clock;
  secret: string;
  /** Access-token lifetime in seconds (configurable so tests can make it short). */
  accessTokenTtlSeconds: number;
  /** Auth-code lifetime in seconds (default 300). */
  codeTtlSeconds?: number;
  /** A string placed before the signed part, to look like the provider's tokens (e.g. "na1-"). */
  accessPrefix?: string;
  refreshPrefix?: string;
}

const b64 = (s: string): string => Buffer.from(s).toString('base64url');
const unb64 = (s: string): string => Buffer.from(s, 'base64url').toString('utf8');
const nonce = (): string => randomBytes(9).toString('base64url');

export class TokenService {
  private readonly clients = new Map<string, OAuthClient>();
  private readonly grants = new Map<string, GrantState>();
  private readonly usedCodes = new Set<string>();
  /** Grants per account, for account-wide faults. */
  private readonly accountGrants = new Map<string, Set<string>>();
  accessTokenTtlSeconds: number;

  constructor(private readonly opts: TokenServiceOptions) {
    this.accessTokenTtlSeconds = opts.accessTokenTtlSeconds;
  }

  registerClient(client: OAuthClient): void { this.clients.set(client.clientId, client); }
  getClient(clientId: string | undefined): OAuthClient | null { return (clientId && this.clients.get(clientId)) || null; }
  /** Registered apps with a webhook target (sandboxes whose provider has app-level webhooks send to these). */
  webhookClients(): OAuthClient[] { return [...this.clients.values()].filter((c) => c.webhookUrl !== undefined); }

  /** Constant-time check of a client's secret. */
  authenticateClient(clientId: string | undefined, clientSecret: string | undefined): OAuthClient | null {
    const client = this.getClient(clientId);
    if (!client || clientSecret === undefined) return null;
    const a = createHash('sha256').update(client.clientSecret).digest();
    const b = createHash('sha256').update(clientSecret).digest();
    return timingSafeEqual(a, b) ? client : null;
  }

  issueCode(input: { clientId: string; accountId: string; scopes: string[]; redirectUri: string; codeChallenge?: string }): string {
    const now = this.opts.clock.now();
    return this.sign({
      k: 'c', g: `gr_${nonce()}`, acc: input.accountId, cl: input.clientId, sc: input.scopes, iat: now,
      exp: now + (this.opts.codeTtlSeconds ?? 300) * 1000, n: nonce(), ru: input.redirectUri, cc: input.codeChallenge,
    });
  }

  /** Redeems a code once; PKCE is checked when the code carries a challenge. */
  redeemCode(code: string, input: { clientId: string; redirectUri?: string; codeVerifier?: string }, rotate: boolean):
    { ok: true; tokens: IssuedTokens } | { ok: false; error: CodeError } {
    const p = this.verify(code, 'c');
    if (!p) return { ok: false, error: 'invalid' };
    if (this.usedCodes.has(p.n)) return { ok: false, error: 'used' };
    if (p.exp !== null && this.opts.clock.now() > p.exp) return { ok: false, error: 'expired' };
    if (p.cl !== input.clientId) return { ok: false, error: 'client_mismatch' };
    if (input.redirectUri !== undefined && input.redirectUri !== p.ru) return { ok: false, error: 'redirect_mismatch' };
    if (p.cc) {
      if (!input.codeVerifier) return { ok: false, error: 'pkce_missing' };
      if (createHash('sha256').update(input.codeVerifier).digest('base64url') !== p.cc) return { ok: false, error: 'pkce_mismatch' };
    }
    this.usedCodes.add(p.n);
    // A fresh consent re-opens an account that a fault had revoked.
    this.revokedAccounts.delete(p.acc);
    this.expiredAccounts.delete(p.acc);
    const grant: Grant = { id: p.g, accountId: p.acc, clientId: p.cl, scopes: p.sc };
    const set = this.accountGrants.get(grant.accountId) ?? new Set<string>();
    set.add(grant.id);
    this.accountGrants.set(grant.accountId, set);
    return { ok: true, tokens: this.issue(grant, true, rotate) };
  }

  /**
   * Exchanges a refresh token. With `rotate`, a new refresh token replaces the old one; presenting
   * a superseded one is `reused` and, with `revokeOnReuse`, kills the grant (strict rotation policies).
   */
  refresh(refreshToken: string, input: { clientId: string; rotate: boolean; revokeOnReuse?: boolean }):
    { ok: true; tokens: IssuedTokens } | { ok: false; error: RefreshError } {
    const p = this.verify(refreshToken, 'r');
    if (!p) return { ok: false, error: 'invalid' };
    if (p.cl !== input.clientId) return { ok: false, error: 'client_mismatch' };
    const state = this.stateOf(p.g);
    if (state.revoked) return { ok: false, error: 'revoked' };
    if (state.currentRefresh !== null && state.currentRefresh !== p.n) {
      if (input.revokeOnReuse) state.revoked = true;
      return { ok: false, error: 'reused' };
    }
    const grant: Grant = { id: p.g, accountId: p.acc, clientId: p.cl, scopes: p.sc };
    return { ok: true, tokens: this.issue(grant, input.rotate, input.rotate, refreshToken) };
  }

  verifyAccess(token: string): { ok: true; grant: Grant; expiresAt: number } | { ok: false; error: AccessError; expiredAt?: number } {
    const p = this.verify(token, 'a');
    if (!p) return { ok: false, error: 'invalid' };
    const state = this.stateOf(p.g);
    if (state.revoked) return { ok: false, error: 'revoked' };
    const now = this.opts.clock.now();
    if (p.iat <= state.accessExpiredAt) return { ok: false, error: 'expired', expiredAt: state.accessExpiredAt };
    if (p.exp !== null && now >= p.exp) return { ok: false, error: 'expired', expiredAt: p.exp };
    return { ok: true, grant: { id: p.g, accountId: p.acc, clientId: p.cl, scopes: p.sc }, expiresAt: p.exp ?? Number.POSITIVE_INFINITY };
  }

  /** Account id a token (access or refresh) belongs to, or null when it is not ours. */
  accountOf(token: string): string | null {
    return this.callerOf(token)?.accountId ?? null;
  }

  /** Account and grant of a token (access or refresh, whatever its state), or null when it is not ours. */
  callerOf(token: string): SandboxCaller | null {
    const p = this.verify(token, 'a') ?? this.verify(token, 'r');
    return p ? { accountId: p.acc, grantId: p.g } : null;
  }

  /** Revokes the grant behind a token (the provider's revoke endpoint). */
  revokeToken(token: string): boolean {
    const p = this.verify(token, 'a') ?? this.verify(token, 'r');
    if (!p) return false;
    this.stateOf(p.g).revoked = true;
    return true;
  }

  /** Fault: every grant of the account is revoked (refresh → invalid_grant, access → 401). */
  revokeAccount(accountId: string): void {
    for (const g of this.accountGrants.get(accountId) ?? []) this.stateOf(g).revoked = true;
    this.revokedAccounts.add(accountId);
  }

  /** Fault: every access token issued so far to the account is expired. */
  expireAccount(accountId: string): void {
    const now = this.opts.clock.now();
    for (const g of this.accountGrants.get(accountId) ?? []) this.stateOf(g).accessExpiredAt = now;
    this.expiredAccounts.set(accountId, now);
  }

  /** Fault on one grant (one connection's consent): refresh → invalid_grant, access → 401. */
  revokeGrant(grantId: string): void { this.stateOf(grantId).revoked = true; }

  /** Fault on one grant: every access token issued to it so far is expired. */
  expireGrant(grantId: string): void { this.stateOf(grantId).accessExpiredAt = this.opts.clock.now(); }

  // Account-level fault marks, so grants not seen since a restart are covered too.
  private readonly revokedAccounts = new Set<string>();
  private readonly expiredAccounts = new Map<string, number>();

  private issue(grant: Grant, withRefresh: boolean, rotate: boolean, presentedRefresh?: string): IssuedTokens {
    const now = this.opts.clock.now();
    const ttl = this.accessTokenTtlSeconds;
    const accessToken = (this.opts.accessPrefix ?? '') + this.sign({
      k: 'a', g: grant.id, acc: grant.accountId, cl: grant.clientId, sc: grant.scopes, iat: now, exp: now + ttl * 1000, n: nonce(),
    });
    let refreshToken = presentedRefresh ?? '';
    if (withRefresh || !presentedRefresh) {
      const n = nonce();
      refreshToken = (this.opts.refreshPrefix ?? '') + this.sign({
        k: 'r', g: grant.id, acc: grant.accountId, cl: grant.clientId, sc: grant.scopes, iat: now, exp: null, n,
      });
      if (rotate) this.stateOf(grant.id).currentRefresh = n;
    }
    return { accessToken, refreshToken, expiresIn: ttl, issuedAt: now, grant };
  }

  private stateOf(grantId: string): GrantState {
    let s = this.grants.get(grantId);
    if (!s) { s = { revoked: false, currentRefresh: null, accessExpiredAt: 0 }; this.grants.set(grantId, s); }
    return s;
  }

  private sign(p: Payload): string {
    const body = b64(JSON.stringify(p));
    return `${body}.${createHmac('sha256', this.opts.secret).update(body).digest('base64url')}`;
  }

  private verify(token: string, kind: Payload['k']): Payload | null {
    const raw = this.stripPrefix(token, kind);
    const dot = raw.lastIndexOf('.');
    if (dot <= 0) return null;
    const body = raw.slice(0, dot);
    const expected = createHmac('sha256', this.opts.secret).update(body).digest();
    const given = Buffer.from(raw.slice(dot + 1), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    let p: Payload;
    try { p = JSON.parse(unb64(body)) as Payload; } catch { return null; }
    if (p.k !== kind) return null;
    // Faults recorded per account also cover grants created before a restart (codes start new grants).
    if (kind === 'c') return p;
    if (this.revokedAccounts.has(p.acc)) this.stateOf(p.g).revoked = true;
    const expiredAt = this.expiredAccounts.get(p.acc);
    if (expiredAt !== undefined && this.stateOf(p.g).accessExpiredAt < expiredAt) this.stateOf(p.g).accessExpiredAt = expiredAt;
    return p;
  }

  private stripPrefix(token: string, kind: Payload['k']): string {
    const prefix = kind === 'a' ? this.opts.accessPrefix : kind === 'r' ? this.opts.refreshPrefix : undefined;
    return prefix && token.startsWith(prefix) ? token.slice(prefix.length) : token;
  }
}
