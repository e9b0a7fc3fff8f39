import type { SandboxCaller } from './caller';

/** What a sandbox itself received, per account and per grant: the ground truth tests and demos count against. */
export interface SandboxStats {
  requests: Record<string, number>;   // "<METHOD> <path>" → count
  totalRequests: number;
  rateLimited: number;
  tokensIssued: number;
  refreshes: number;
}

const empty = (): SandboxStats => ({ requests: {}, totalRequests: 0, rateLimited: 0, tokensIssued: 0, refreshes: 0 });

function sum(parts: Iterable<SandboxStats>): SandboxStats {
  const total = empty();
  for (const s of parts) {
    for (const [k, v] of Object.entries(s.requests)) total.requests[k] = (total.requests[k] ?? 0) + v;
    total.totalRequests += s.totalRequests;
    total.rateLimited += s.rateLimited;
    total.tokensIssued += s.tokensIssued;
    total.refreshes += s.refreshes;
  }
  return total;
}

/**
 * Every event is counted under its sandbox account and, when the request carried a credential,
 * under that credential's grant too: the sandbox's own view is per account, the gateway's view of one
 * tenant is the sum over the grants of that tenant's connections. A bare account id counts as a
 * caller without a grant.
 */
export class StatsRecorder {
  private readonly byAccount = new Map<string, SandboxStats>();
  private readonly byGrant = new Map<string, SandboxStats>();

  request(who: string | SandboxCaller, method: string, path: string): void {
    const key = `${method.toUpperCase()} ${path}`;
    this.count(who, (s) => {
      s.requests[key] = (s.requests[key] ?? 0) + 1;
      s.totalRequests += 1;
    });
  }
  rateLimited(who: string | SandboxCaller): void { this.count(who, (s) => { s.rateLimited += 1; }); }
  tokenIssued(who: string | SandboxCaller): void { this.count(who, (s) => { s.tokensIssued += 1; }); }
  refreshed(who: string | SandboxCaller): void { this.count(who, (s) => { s.refreshes += 1; }); }

  /** One account's stats, or the sum over all accounts when no id is given (the sandbox's own view). */
  get(accountId?: string): SandboxStats {
    if (accountId !== undefined) return structuredClone(this.byAccount.get(accountId) ?? empty());
    return sum(this.byAccount.values());
  }

  /** The sum over these grants (each counted once): what one tenant's connections caused. */
  ofGrants(grantIds: Iterable<string>): SandboxStats {
    const parts: SandboxStats[] = [];
    for (const id of new Set(grantIds)) {
      const s = this.byGrant.get(id);
      if (s) parts.push(s);
    }
    return sum(parts);
  }

  reset(accountId?: string): void {
    if (accountId === undefined) {
      this.byAccount.clear();
      this.byGrant.clear();
    } else this.byAccount.delete(accountId);
  }

  private count(who: string | SandboxCaller, add: (s: SandboxStats) => void): void {
    const caller = typeof who === 'string' ? { accountId: who, grantId: null } : who;
    add(this.of(this.byAccount, caller.accountId));
    if (caller.grantId !== null) add(this.of(this.byGrant, caller.grantId));
  }

  private of(map: Map<string, SandboxStats>, key: string): SandboxStats {
    let s = map.get(key);
    if (!s) { s = empty(); map.set(key, s); }
    return s;
  }
}
