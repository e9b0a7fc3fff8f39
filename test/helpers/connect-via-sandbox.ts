import type { TestGateway } from './gateway';
import type { Connection, Scope } from '../../src/store/types';
import type { OAuthCredentials } from '../../src/connections/credentials';
import { connectViaSandbox as connect, type SandboxConnection } from './sandbox-connect';

export type { SandboxConnection };

/** A test-mode connection made without the Connect widget (see ./sandbox-connect.ts). */
export function connectViaSandbox(gw: TestGateway, scope: Scope, endUserId: string, providerId: string, opts: { account?: string } = {}): Promise<SandboxConnection> {
  return connect(gw.deps, scope, endUserId, providerId, opts);
}

/** Rewrites a connection's stored expiry (as if time had passed) without touching the provider. */
export async function expireStoredToken(gw: TestGateway, connectionId: string): Promise<Connection> {
  const c = (await gw.deps.store.connections.getById(connectionId))!;
  const creds = gw.deps.cipher.decryptJson<OAuthCredentials>(c.credentials);
  const past = new Date(Date.now() - 60_000).toISOString();
  const next = { ...creds, expiresAt: past, obtainedAt: new Date(Date.now() - 3_600_000).toISOString() };
  return (await gw.deps.store.connections.updateCredentials(c.id, c.credentialsVersion, gw.deps.cipher.encryptJson(next), {}))!;
}
