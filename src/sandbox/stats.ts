/** What a sandbox itself received, per account: the ground truth tests and demos count against. */
export interface SandboxStats {
  requests: Record<string, number>;   // "<METHOD> <path>" → count
  totalRequests: number;
  rateLimited: number;
  tokensIssued: number;
  refreshes: number;
}

const empty = (): SandboxStats => ({ requests: {}, totalRequests: 0, rateLimited: 0, tokensIssued: 0, refreshes: 0 });

export class StatsRecorder {
  private readonly byAccount = new Map<string, SandboxStats>();

  request(accountId: string, method: string, path: string): void {
    const s = this.of(accountId);
    const key = `${method.toUpperCase()} ${path}`;
    s.requests[key] = (s.requests[key] ?? 0) + 1;
    s.totalRequests += 1;
  }
  rateLimited(accountId: string): void { this.of(accountId).rateLimited += 1; }
  tokenIssued(accountId: string): void { this.of(accountId).tokensIssued += 1; }
  refreshed(accountId: string): void { this.of(accountId).refreshes += 1; }

  /** One account's stats, or the sum over all accounts when no id is given. */
  get(accountId?: string): SandboxStats {
    if (accountId !== undefined) return structuredClone(this.byAccount.get(accountId) ?? empty());
    const sum = empty();
    for (const s of this.byAccount.values()) {
      for (const [k, v] of Object.entries(s.requests)) sum.requests[k] = (sum.requests[k] ?? 0) + v;
      sum.totalRequests += s.totalRequests;
      sum.rateLimited += s.rateLimited;
      sum.tokensIssued += s.tokensIssued;
      sum.refreshes += s.refreshes;
    }
    return sum;
  }

  reset(accountId?: string): void {
    if (accountId === undefined) this.byAccount.clear();
    else this.byAccount.delete(accountId);
  }

  private of(accountId: string): SandboxStats {
    let s = this.byAccount.get(accountId);
    if (!s) { s = empty(); this.byAccount.set(accountId, s); }
    return s;
  }
}
