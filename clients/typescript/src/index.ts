/**
 * The gateway's TypeScript client: openapi-fetch over types generated from /openapi.json (schema.ts),
 * plus what those do not do: auto-pagination, Idempotency-Keys, Retry-After retries, typed errors.
 * The React hook for the Connect widget is the separate entry `@crm-gateway/client/react`.
 */
export { createGatewayClient, unwrap, idempotencyKeys, throwGatewayErrors, type GatewayClient, type GatewayClientOptions } from './client';
export { paginate, type ListPage } from './paginate';
export { GatewayError, isGatewayError, type GatewayErrorCode } from './errors';
export { parseRetryAfter, retryingFetch, type RetryOptions, type FetchLike } from './retry';
export type { paths, components, operations } from './schema';
