import { randomBytes } from 'node:crypto';
import type Router from '@koa/router';
import { readJson, type SandboxCaller, type SandboxKit } from '../../../src/provider-sdk';
import { sendData } from './envelope';

/**
 * Sandbox API keys (the seed's `cal-api-key`): issued by POST /api/sandbox/api-keys
 * `{ name, scopes, account }` (the SDK's sandboxIssuePath contract) as `cal_sandbox_<sealed>`, so a
 * key keeps working after a restart. Keys never expire (an `expire_token` fault leaves them alone);
 * a `revoke_token` fault revokes them, in memory.
 */
export const KEY_PREFIX = 'cal_sandbox_';
const ACCOUNT = /^[A-Za-z0-9_-]{1,64}$/;

interface KeyClaims { a: string; g: string; iat: number }

export class ApiKeys {
  private readonly revokedGrants = new Set<string>();
  /** Account-wide revocation: keys issued at or before this time. */
  private readonly revokedAccounts = new Map<string, number>();

  constructor(private readonly kit: SandboxKit) {
    kit.resolveCredentials((credential) => this.callerOf(credential));
    kit.onTokenFault((target, kind) => {
      if (kind !== 'revoke_token') return;
      if ('account' in target) this.revokedAccounts.set(target.account, kit.clock.now());
      else for (const g of target.grants) this.revokedGrants.add(g);
    });
  }

  issue(accountId: string): { id: string; token: string } {
    const id = `key_${randomBytes(6).toString('hex')}`;
    return { id, token: KEY_PREFIX + this.kit.seal({ a: accountId, g: id, iat: this.kit.clock.now() } satisfies KeyClaims) };
  }

  private claims(key: string): KeyClaims | null {
    if (!key.startsWith(KEY_PREFIX)) return null;
    const c = this.kit.unseal<KeyClaims>(key.slice(KEY_PREFIX.length));
    return c && typeof c.a === 'string' && typeof c.g === 'string' && typeof c.iat === 'number' ? c : null;
  }

  /** Account and key id of one of our keys, whatever its state. */
  callerOf(key: string): SandboxCaller | null {
    const c = this.claims(key);
    return c ? { accountId: c.a, grantId: c.g } : null;
  }

  /** The caller of a valid, unrevoked key, or null. */
  verify(key: string): SandboxCaller | null {
    const c = this.claims(key);
    if (!c || this.revokedGrants.has(c.g)) return null;
    const mark = this.revokedAccounts.get(c.a);
    if (mark !== undefined && c.iat <= mark) return null;
    return { accountId: c.a, grantId: c.g };
  }
}

export function registerKeyRoutes(router: Router, kit: SandboxKit, keys: ApiKeys): void {
  router.post('/api/sandbox/api-keys', async (ctx) => {
    const body = (await readJson(ctx)) as { account?: unknown; name?: unknown } | undefined;
    const account = typeof body?.account === 'string' && ACCOUNT.test(body.account) ? body.account : 'demo';
    const key = keys.issue(account);
    const caller = { accountId: account, grantId: key.id };
    kit.stats.request(caller, ctx.method, ctx.path);
    kit.stats.tokenIssued(caller);
    sendData(ctx, { id: key.id, name: typeof body?.name === 'string' ? body.name : null, token: key.token }, 201);
  });
}
