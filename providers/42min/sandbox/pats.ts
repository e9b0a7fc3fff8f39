import { randomUUID } from 'node:crypto';
import type { SandboxCaller, SandboxKit } from '../../../src/provider-sdk';

/** The scopes a 42min personal access token can carry (issue 3 §2; seed 003 per endpoint). */
export const SCOPES = ['bookings:read', 'bookings:create', 'bookings:cancel', 'bookings:reschedule', 'bookings:update'] as const;
export type Scope = (typeof SCOPES)[number];
export const isScope = (s: unknown): s is Scope => typeof s === 'string' && (SCOPES as readonly string[]).includes(s);

/** Seed 000: "pat_limit_exceeded — Account has 42 active PATs already." */
export const MAX_ACTIVE_PATS = 42;
const TOKEN_PREFIX = 'pat_';

/** What the signed token carries, so a token keeps working after a restart. */
interface PatClaims { acc: string; id: string; name: string; sc: Scope[]; iat: number }

export interface PatRecord {
  id: string;
  accountId: string;
  name: string;
  scopes: Scope[];
  createdAt: number;
  revokedAt: number | null;
  /** Set by the expire_token fault: the token then answers 401 token_expired. */
  expired: boolean;
}

export type PatCheck =
  | { ok: true; pat: PatRecord }
  | { ok: false; code: 'invalid_token' | 'token_expired' | 'token_revoked' };

export type IssueResult = { ok: true; pat: PatRecord; token: string } | { ok: false; code: 'pat_name_taken' | 'pat_limit_exceeded' };

/**
 * Personal access tokens: HMAC-sealed, self-describing strings (kit.seal) plus an in-memory
 * registry of names, revocations and fault marks. A restart keeps tokens valid and forgets
 * revocations (README "Not covered").
 */
export class PatStore {
  private readonly byAccount = new Map<string, Map<string, PatRecord>>();
  /** Account-wide fault marks, applied to tokens first seen after the fault (e.g. minted before a restart). */
  private readonly revokedUpTo = new Map<string, number>();
  private readonly expiredUpTo = new Map<string, number>();

  constructor(private readonly kit: SandboxKit) {}

  issue(accountId: string, name: string, scopes: Scope[]): IssueResult {
    const active = this.list(accountId);
    if (active.some((p) => p.name === name)) return { ok: false, code: 'pat_name_taken' };
    if (active.length >= MAX_ACTIVE_PATS) return { ok: false, code: 'pat_limit_exceeded' };
    const now = this.kit.clock.now();
    const pat: PatRecord = { id: randomUUID(), accountId, name, scopes, createdAt: now, revokedAt: null, expired: false };
    this.registry(accountId).set(pat.id, pat);
    const claims: PatClaims = { acc: accountId, id: pat.id, name, sc: scopes, iat: now };
    return { ok: true, pat, token: TOKEN_PREFIX + this.kit.seal(claims) };
  }

  verify(token: string): PatCheck {
    if (!token.startsWith(TOKEN_PREFIX)) return { ok: false, code: 'invalid_token' };
    const c = this.kit.unseal<PatClaims>(token.slice(TOKEN_PREFIX.length));
    if (!c || typeof c.acc !== 'string' || typeof c.id !== 'string' || !Array.isArray(c.sc)) return { ok: false, code: 'invalid_token' };
    const pat = this.registry(c.acc).get(c.id) ?? this.adopt(c);
    if (pat.revokedAt !== null) return { ok: false, code: 'token_revoked' };
    if (pat.expired) return { ok: false, code: 'token_expired' };
    return { ok: true, pat };
  }

  /** Active (not revoked, not expired) PATs of an account, oldest first. */
  list(accountId: string): PatRecord[] {
    return [...this.registry(accountId).values()].filter((p) => p.revokedAt === null && !p.expired);
  }

  revoke(accountId: string, id: string): PatRecord | null {
    const pat = this.registry(accountId).get(id);
    if (!pat || pat.revokedAt !== null) return null;
    pat.revokedAt = this.kit.clock.now();
    return pat;
  }

  /** Fault on single tokens (the gateway's connections): the grant id of a PAT is its id. */
  revokeById(id: string): void {
    const pat = this.byId(id);
    if (pat) pat.revokedAt ??= this.kit.clock.now();
  }

  expireById(id: string): void {
    const pat = this.byId(id);
    if (pat) pat.expired = true;
  }

  revokeAccount(accountId: string): void {
    const now = this.kit.clock.now();
    for (const p of this.registry(accountId).values()) p.revokedAt ??= now;
    this.revokedUpTo.set(accountId, now);
  }

  expireAccount(accountId: string): void {
    for (const p of this.registry(accountId).values()) p.expired = true;
    this.expiredUpTo.set(accountId, this.kit.clock.now());
  }

  /**
   * Account and PAT id of a well-formed token, whatever its state (null when it is not ours); a
   * token minted before a restart is registered, so a fault aimed at it finds it.
   */
  callerOf(token: string): SandboxCaller | null {
    if (!token.startsWith(TOKEN_PREFIX)) return null;
    const c = this.kit.unseal<PatClaims>(token.slice(TOKEN_PREFIX.length));
    if (!c || typeof c.acc !== 'string' || typeof c.id !== 'string' || !Array.isArray(c.sc)) return null;
    if (!this.registry(c.acc).has(c.id)) this.adopt(c);
    return { accountId: c.acc, grantId: c.id };
  }

  private byId(id: string): PatRecord | undefined {
    for (const registry of this.byAccount.values()) {
      const pat = registry.get(id);
      if (pat) return pat;
    }
    return undefined;
  }

  /** A valid token minted before a restart: registered on first sight, with any account-wide fault applied. */
  private adopt(c: PatClaims): PatRecord {
    const scopes = c.sc.filter(isScope);
    const revokedMark = this.revokedUpTo.get(c.acc);
    const expiredMark = this.expiredUpTo.get(c.acc);
    const pat: PatRecord = {
      id: c.id, accountId: c.acc, name: String(c.name), scopes, createdAt: c.iat,
      revokedAt: revokedMark !== undefined && c.iat <= revokedMark ? revokedMark : null,
      expired: expiredMark !== undefined && c.iat <= expiredMark,
    };
    this.registry(c.acc).set(pat.id, pat);
    return pat;
  }

  private registry(accountId: string): Map<string, PatRecord> {
    let m = this.byAccount.get(accountId);
    if (!m) { m = new Map(); this.byAccount.set(accountId, m); }
    return m;
  }
}

/**
 * 42min has no OAuth grants: the kit's token faults and credential lookups are answered by the PAT
 * store (so the gateway can tell which sandbox account a personal access token belongs to).
 */
export function attachToKit(kit: SandboxKit, pats: PatStore): void {
  kit.onTokenFault((target, kind) => {
    if ('account' in target) {
      if (kind === 'revoke_token') pats.revokeAccount(target.account); else pats.expireAccount(target.account);
      return;
    }
    for (const id of target.grants) if (kind === 'revoke_token') pats.revokeById(id); else pats.expireById(id);
  });
  kit.resolveCredentials((credential) => pats.callerOf(credential));
}
