import type http from 'node:http';
import type { SandboxKit, OAuthClient } from '../../src/provider-sdk';
import { SandboxHost } from '../../src/sandbox/host';
import type { ProviderDefinition } from '../../src/provider-sdk';

/** The core's sandbox host, for provider tests that mount their sandbox the way the gateway does. */
export { SandboxHost };

export const TEST_CLIENT: OAuthClient = {
  clientId: 'test-client',
  clientSecret: 'test-secret',
  redirectUris: ['http://127.0.0.1:9/callback'],
  appName: 'Gateway Test App',
};

export interface RunningSandbox { url: string; kit: SandboxKit; close(): Promise<void> }

/** Starts one provider's emulator alone on an ephemeral loopback port, with the test OAuth client registered. */
export async function startSandbox(def: ProviderDefinition, opts: { accessTokenTtlSeconds?: number } = {}): Promise<RunningSandbox> {
  const host = new SandboxHost([def], {
    secret: 'test-sandbox-secret',
    clientsFor: () => [TEST_CLIENT],
    accessTokenTtlSeconds: opts.accessTokenTtlSeconds,
  });
  const id = def.manifest.id;
  const { server, url } = await host.listen(id);
  return {
    url,
    kit: host.get(id)!.kit,
    close: () => closeServer(server),
  };
}

export function closeServer(server: http.Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
