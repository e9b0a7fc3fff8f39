import type { SandboxHost } from '../sandbox/host';
import type { SandboxKit } from '../provider-sdk/sandbox-kit/kit';
import type { Connection } from '../store/types';
import type { CredentialsCipher } from './credentials-crypto';
import type { Credentials } from './credentials';

/**
 * The sandbox account a test-mode credential belongs to (recorded as connection metadata so that
 * faults and stats can target one end user's connection), or null outside the in-process sandboxes.
 */
export function sandboxAccountOf(sandboxes: SandboxHost | null, providerId: string, credential: string): string | null {
  return sandboxes?.get(providerId)?.kit.accountOf(credential) ?? null;
}

/**
 * The sandbox grants behind these connections, read from their own stored credentials. Faults and
 * stats of the gateway's sandbox routes reach exactly these: a sandbox account may be shared by
 * several tenants (anyone can name "demo" at a consent page), a grant never is, since each connect
 * flow or personal access token makes a new one.
 */
export function sandboxGrantsOf(kit: SandboxKit, cipher: CredentialsCipher, connections: readonly Connection[]): string[] {
  const grants = new Set<string>();
  for (const connection of connections) {
    const credentials = cipher.decryptJson<Credentials>(connection.credentials);
    const tokens = credentials.type === 'api_key' ? [credentials.apiKey] : [credentials.accessToken, credentials.refreshToken];
    for (const token of tokens) {
      const grant = token ? kit.callerOf(token)?.grantId : null;
      if (grant) { grants.add(grant); break; }
    }
  }
  return [...grants];
}
