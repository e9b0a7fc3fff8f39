/**
 * Fixed facts of the Pipedrive emulator (reference/providers.md §3). Budgets are defaults that
 * tests shrink per account through `kit.limits.configure(accountId, bucket, budget)`.
 */
import type { Budget } from '../../../src/provider-sdk';

/**
 * Pipedrive takes no `scope` parameter: scopes are fixed per app in the Developer Hub and the user
 * accepts or denies all of them (§3.1). These are the scopes our gateway app is configured with.
 */
export const APP_SCOPES = ['base', 'contacts:full', 'leads:full', 'activities:full', 'users:read', 'search:read'] as const;

/** Access-token lifetime in the docs' token example (§3.1: `expires_in: 3600`). */
export const ACCESS_TOKEN_TTL_SECONDS = 3600;
/** "More than 5 minutes passed after issue of provided authorization_code" (§3.1). */
export const CODE_TTL_SECONDS = 300;

/** The `error_info` every API error carries (§3.6). */
export const ERROR_INFO = 'Please check developers.pipedrive.com for more information about Pipedrive API.';

/**
 * Burst limits are a rolling 2 s window per token (§3.5): 80 for an OAuth app on the Lite plan,
 * 10 for the search API on every plan. Buckets are keyed by sandbox account.
 */
export const BURST_BUCKET = 'burst';
export const SEARCH_BUCKET = 'search';
export const BURST_BUDGET: Budget = { max: 80, windowMs: 2000 };
export const SEARCH_BUDGET: Budget = { max: 10, windowMs: 2000 };

/** v1 and v2 list limits: default 100, max 500 (§3.2, §3.3). */
export const DEFAULT_PAGE_LIMIT = 100;
export const MAX_PAGE_LIMIT = 500;
