import { randomBytes } from 'node:crypto';
import type { SandboxCaller, SandboxKit } from '../../../src/provider-sdk';

/** The key's scopes (seed: "Each endpoint requires one of bookings:read, bookings:write"). */
export const SCOPES = ['bookings:read', 'bookings:write'] as const;
export type Scope = (typeof SCOPES)[number];
const KEY_PREFIX = 'bk_test_';

interface Claims { a: string; g: string; s: Scope[] }
export interface KeyInfo { caller: SandboxCaller & { grantId: string }; scopes: Scope[] }

/**
 * Sandbox API keys: self-describing sealed strings (account, key id, scopes), so a key keeps working
 * across restarts, plus in-memory marks for the revoke/expire faults (a revoked key answers 401).
 */
export class KeyStore {
  private readonly revoked = new Set<string>();
  private readonly revokedAccounts = new Set<string>();

  constructor(private readonly kit: SandboxKit) {
    kit.resolveCredentials((credential) => this.parse(credential)?.caller ?? null);
    kit.onTokenFault((target) => {
      // The seed has one failure for a dead key (401); expire and revoke both end it.
      if ('account' in target) this.revokedAccounts.add(target.account);
      else for (const g of target.grants) this.revoked.add(g);
    });
  }

  issue(accountId: string, scopes: Scope[]): { id: string; token: string } {
    const id = `key_${randomBytes(6).toString('hex')}`;
    const claims: Claims = { a: accountId, g: id, s: scopes };
    return { id, token: `${KEY_PREFIX}${this.kit.seal(claims)}` };
  }

  /** The key's account and scopes, or null when it is not ours, altered or revoked. */
  verify(token: string): KeyInfo | null {
    const info = this.parse(token);
    if (!info || this.revoked.has(info.caller.grantId) || this.revokedAccounts.has(info.caller.accountId)) return null;
    return info;
  }

  private parse(token: string): KeyInfo | null {
    if (!token.startsWith(KEY_PREFIX)) return null;
    const c = this.kit.unseal<Claims>(token.slice(KEY_PREFIX.length));
    if (!c || typeof c.a !== 'string' || typeof c.g !== 'string' || !Array.isArray(c.s)) return null;
    return { caller: { accountId: c.a, grantId: c.g }, scopes: c.s.filter((s): s is Scope => (SCOPES as readonly string[]).includes(s)) };
  }
}
