import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { SandboxHost } from '../../src/sandbox/host';
import type { ProviderDefinition, ProviderManifest } from '../../src/provider-sdk';

/** The sandbox host composes each emulator's Koa app once, not on every request it routes. */
describe('SandboxHost', () => {
  it('composes each sandbox app once, however many requests it serves', async () => {
    let callbacks = 0;
    const def: ProviderDefinition = {
      manifest: { id: 'fake' } as ProviderManifest,
      sandbox: {
        kit: { accessTokenTtlSeconds: 60 },
        create() {
          const app = new Koa();
          app.use((ctx) => { ctx.body = { path: ctx.path }; });
          const compose = app.callback.bind(app);
          app.callback = () => { callbacks += 1; return compose(); };
          return app;
        },
      },
    };
    const host = new SandboxHost([def], { secret: 's', clientsFor: () => [] });
    const server = http.createServer((req, res) => { if (!host.handle(req, res)) { res.statusCode = 404; res.end(); } });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      for (const p of ['/a', '/b', '/c?x=1']) {
        const res = await fetch(`${base}/sandbox/fake${p}`);
        expect(await res.json()).toEqual({ path: p.split('?')[0] });
      }
      expect(callbacks).toBe(1);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
