import { createHash } from 'node:crypto';
import type { Connection } from '../store/types';
import { SANDBOX_ACCOUNT_METADATA } from '../store/connection-metadata';

/**
 * Which breaker a provider call counts towards (API.md § Resilience keys). A provider's outage is
 * an outage of one upstream, not of every tenant: live traffic is keyed by provider and the host
 * the connection actually talks to (a per-customer instance or company domain from the token
 * metadata, or the single host of a provider that has one), test traffic by provider and sandbox
 * account. One sandbox account name can be used by two gateway accounts (end users type it on the
 * consent page), so the test key also carries the gateway account: the wall between tenants holds
 * even there. It is hashed, because metrics label breakers with it and /metrics is not per tenant.
 * The mode is part of the key, so test traffic never counts towards a live breaker.
 * Policies stay per provider (`provider`); `upstream` is what metrics label the breaker with.
 */
export interface ResilienceKey {
  provider: string;
  /** `live:<host>` or `test:<hash of gateway account + sandbox account>` (`test:connection:<id>` when unknown). */
  upstream: string;
  /** provider + upstream: the map key. */
  id: string;
}

/** `apiBase`: the API base URL this connection's calls are sent to (after token metadata such as instance_url). */
export function resilienceKey(connection: Pick<Connection, 'id' | 'accountId' | 'provider' | 'mode' | 'metadata'>, apiBase: string): ResilienceKey {
  const provider = connection.provider;
  let upstream: string;
  if (connection.mode === 'test') {
    const account = connection.metadata[SANDBOX_ACCOUNT_METADATA];
    // A sandbox outside this process may not have told us the account: the connection alone then,
    // never a key shared with other tenants.
    upstream = account ? `test:${tenantTag(connection.accountId, account)}` : `test:connection:${connection.id}`;
  } else {
    upstream = `live:${hostOf(apiBase)}`;
  }
  return { provider, upstream, id: `${provider}\u0000${upstream}` };
}

/** The host (and port) of a URL, lower-cased; an unparsable base stands for itself. */
function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url.toLowerCase();
  }
}

function tenantTag(accountId: string, sandboxAccount: string): string {
  return createHash('sha256').update(`${accountId}\u0000${sandboxAccount}`).digest('hex').slice(0, 16);
}
