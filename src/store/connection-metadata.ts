/**
 * Well-known keys of a connection's non-secret metadata, next to the record they describe so that
 * every layer (connect flow, resilience keys, sandbox scoping) can read them without importing
 * the layer that writes them.
 */

/** The key under which a test-mode connection records its sandbox account. */
export const SANDBOX_ACCOUNT_METADATA = 'sandbox_account';
