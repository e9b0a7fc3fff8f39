import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type Koa from 'koa';
import { SandboxKit } from '../provider-sdk/sandbox-kit/kit';
import type { Clock } from '../provider-sdk/sandbox-kit/clock';
import type { OAuthClient } from '../provider-sdk/sandbox-kit/oauth-tokens';
import type { ProviderDefinition } from '../provider-sdk/define-provider';

/** The mount prefix under which the gateway serves every sandbox. */
export const SANDBOX_MOUNT = '/sandbox';

export interface SandboxHostOptions {
  secret: string;
  /** OAuth clients to register in each provider's sandbox (the gateway's own, for its callback). */
  clientsFor(providerId: string): OAuthClient[];
  /** Overrides every sandbox's access-token lifetime (tests make it short). */
  accessTokenTtlSeconds?: number;
  clock?: Clock;
}

export interface SandboxInstance {
  providerId: string; kit: SandboxKit; app: Koa;
  /** The app's request listener, composed once here: Koa composes its middleware on every callback() call. */
  listener: http.RequestListener;
}

/** Builds one emulator per provider that has a sandbox, and routes raw requests to them. */
export class SandboxHost {
  private readonly instances = new Map<string, SandboxInstance>();

  constructor(providers: ProviderDefinition[], opts: SandboxHostOptions) {
    for (const def of providers) {
      if (!def.sandbox) continue;
      const id = def.manifest.id;
      const kit = new SandboxKit({
        ...def.sandbox.kit,
        providerId: id,
        secret: opts.secret,
        clients: opts.clientsFor(id),
        clock: opts.clock,
        accessTokenTtlSeconds: opts.accessTokenTtlSeconds ?? def.sandbox.kit.accessTokenTtlSeconds,
      });
      const app = def.sandbox.create(kit);
      this.instances.set(id, { providerId: id, kit, app, listener: app.callback() });
    }
  }

  get(providerId: string): SandboxInstance | undefined { return this.instances.get(providerId); }
  ids(): string[] { return [...this.instances.keys()]; }

  /**
   * Hands a raw request to a provider's emulator when its path is /sandbox/<id>/…; returns false
   * otherwise. The emulator sees the provider's real path and answers in the provider's format.
   */
  handle(req: http.IncomingMessage, res: http.ServerResponse): boolean {
    const url = req.url ?? '/';
    if (!url.startsWith(`${SANDBOX_MOUNT}/`)) return false;
    const rest = url.slice(SANDBOX_MOUNT.length + 1);
    const slash = rest.search(/[/?]|$/);
    const id = decodeURIComponent(rest.slice(0, slash));
    const instance = this.instances.get(id);
    if (!instance) return false;
    const mount = `${SANDBOX_MOUNT}/${rest.slice(0, slash)}`;
    req.url = url.slice(mount.length) || '/';
    if (req.url.startsWith('?')) req.url = `/${req.url}`;
    (req as { sandboxMount?: string }).sandboxMount = mount;
    instance.listener(req, res);
    return true;
  }

  /** Serves one provider's emulator alone on its own port (tests, benchmarks). */
  async listen(providerId: string, port = 0, host = '127.0.0.1'): Promise<{ server: http.Server; url: string }> {
    const instance = this.instances.get(providerId);
    if (!instance) throw new Error(`no sandbox for ${providerId}`);
    const server = http.createServer(instance.listener);
    server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve) => server.listen(port, host, resolve));
    const addr = server.address() as AddressInfo;
    return { server, url: `http://${host}:${addr.port}` };
  }
}
