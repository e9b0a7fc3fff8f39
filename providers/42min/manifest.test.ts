import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { authSchemeOf, validateManifest } from '../../src/provider-sdk';
import { closeServer, SandboxHost } from '../../test/helpers/sandbox';
import provider from './index';

describe('42min provider folder', () => {
  it('manifest.json satisfies the manifest schema', () => {
    expect(() => validateManifest(provider.manifest, 'providers/42min/manifest.json')).not.toThrow();
    expect(authSchemeOf(provider.manifest, 'api_key')?.sandboxIssuePath).toBe('/v1/personal-access-tokens');
  });

  it('serves its real paths under the gateway mount /sandbox/42min', async () => {
    const host = new SandboxHost([provider], { secret: 'x', clientsFor: () => [] });
    const server = http.createServer((req, res) => {
      if (!host.handle(req, res)) { res.statusCode = 404; res.end(); }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sandbox/42min`;
    try {
      const issued = await fetch(`${base}/v1/personal-access-tokens`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'gw', scopes: ['bookings:read'] }),
      });
      expect(issued.status).toBe(201);
      const { data } = await issued.json() as { data: { token: string } };
      const list = await fetch(`${base}/v1/bookings?limit=1`, { headers: { authorization: `Bearer ${data.token}` } });
      expect(list.status).toBe(200);
      expect(host.get('42min')!.kit.stats.get('demo').requests['GET /v1/bookings']).toBe(1);
    } finally {
      await closeServer(server);
    }
  });
});
