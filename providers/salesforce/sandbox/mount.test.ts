import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeServer, SandboxHost, TEST_CLIENT } from '../../../test/helpers/sandbox';
import provider from '../index';
import { connect, query } from './test-support';

// Under the gateway the sandbox lives at /sandbox/salesforce; instance_url carries the mount, and the
// relative nextRecordsUrl / Location / attributes.url are appended to it, as clients do with Salesforce.
test('OAuth and paged SOQL work under the /sandbox/salesforce mount', async () => {
  const host = new SandboxHost([provider], { secret: 's', clientsFor: () => [TEST_CLIENT] });
  const server = http.createServer((req, res) => {
    if (!host.handle(req, res)) { res.statusCode = 404; res.end(); }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sandbox/salesforce`;
  try {
    const t = await connect(base, 'mounted');
    expect(t.instance_url).toBe(base);
    expect(t.id.startsWith(`${base}/id/00D`)).toBe(true);
    const first = (await (await query(t.instance_url, t.access_token, 'SELECT Id FROM Contact', 200)).json()) as { nextRecordsUrl: string };
    const next = await fetch(`${t.instance_url}${first.nextRecordsUrl}`, { headers: { authorization: `Bearer ${t.access_token}` } });
    expect(next.status).toBe(200);
    expect(((await next.json()) as { done: boolean }).done).toBe(true);
  } finally {
    await closeServer(server);
  }
});
