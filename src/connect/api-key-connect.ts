import type { AppDeps } from '../app-deps';
import type { Connection, ConnectSession, Scope } from '../store/types';
import { InvalidInputError, NotFoundError } from '../errors';
import { SANDBOX_ACCOUNT_METADATA } from '../connections/sandbox-clients';
import type { ConnectionService, Grant } from './connection-service';
import { verifyApiKey } from './api-key-verifier';
import { sandboxAccountOf } from '../connections/sandbox-account';
import { sessionAllows } from './connect-tokens';
import { validateConnectionConfig } from './connection-config';
import { authSchemeOf } from '../provider-sdk/manifest';

/**
 * An API key as routes accept it: visible ASCII only (no space, control character, emoji or lone
 * surrogate), because it travels in an HTTP header, where anything else cannot be sent. Refused
 * here as the caller's mistake, before any provider call.
 */
export const API_KEY_SCHEMA = { type: 'string', minLength: 1, maxLength: 4096, pattern: '^[!-~]+$' } as const;

/**
 * Connects an `api_key` provider: the key is verified at the provider first, so a stored connection
 * always held a working key at creation, verified against the API base its config gives. Used by
 * the widget form (with its session) and by POST /v1/connections (server to server).
 */
export async function connectApiKey(
  deps: AppDeps, connections: ConnectionService,
  input: { scope: Scope; endUserId: string; provider: string; apiKey: string; config?: unknown; session?: ConnectSession },
): Promise<{ connection: Connection; reconnected: boolean }> {
  const def = deps.registry.get(input.provider);
  if (!def || (input.session && !sessionAllows(input.session, input.provider))) throw new NotFoundError('PROVIDER_NOT_FOUND', { provider: input.provider });
  const scheme = authSchemeOf(def.manifest, 'api_key');
  if (!scheme) {
    throw new InvalidInputError([{ field: 'provider', message: 'uses OAuth; connect it through the Connect widget' }]);
  }
  const config = validateConnectionConfig(def.manifest, input.scope.mode, input.config);
  await connections.assertCanConnect(input.scope, input.endUserId, input.provider);
  await verifyApiKey(def.manifest, input.scope.mode, deps.endpoints, input.apiKey, config);
  const metadata: Record<string, string> = {};
  if (input.scope.mode === 'test') {
    const account = sandboxAccountOf(deps.sandboxes, input.provider, input.apiKey);
    if (account) metadata[SANDBOX_ACCOUNT_METADATA] = account;
  }
  const grant: Grant = {
    credentials: { type: 'api_key', apiKey: input.apiKey }, scopes: scheme.scopes ?? [], metadata, authType: 'api_key', config,
  };
  return input.session
    ? connections.completeSession(input.session, input.provider, grant)
    : connections.connectDirect(input.scope, input.endUserId, input.provider, grant);
}
