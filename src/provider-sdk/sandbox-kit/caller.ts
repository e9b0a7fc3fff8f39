import type { Grant } from './oauth-tokens';

/**
 * Who sent a sandbox request: the sandbox account (a portal, an org, a company) and the grant whose
 * credential it carried (one OAuth consent, one personal access token), or null when it carried none
 * (a management call that names its account). Several gateway tenants may connect the same sandbox
 * account, but never share a grant: the gateway aims faults and reads stats by grant, so one tenant's
 * faults and counts never reach another's connections.
 */
export interface SandboxCaller { accountId: string; grantId: string | null }

export const grantCaller = (grant: Grant): SandboxCaller => ({ accountId: grant.accountId, grantId: grant.id });

export const accountCaller = (accountId: string): SandboxCaller => ({ accountId, grantId: null });
