import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SandboxWebhookSender } from './outbound-webhook';
import type { LookupAll } from '../net/guarded-lookup';

describe('SandboxWebhookSender (test-mode address policy)', () => {
  let server: http.Server;
  let port: number;
  const received: string[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => { let b = ''; req.on('data', (c) => { b += c; }); req.on('end', () => { received.push(b); res.end(); }); });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const post = (sender: SandboxWebhookSender, url: string) => sender.post(url, { headers: { 'content-type': 'application/json' }, body: '{"ok":true}', timeoutMs: 2000 });

  it('delivers to a loopback receiver', async () => {
    await expect(post(new SandboxWebhookSender(), `http://127.0.0.1:${port}/hook`)).resolves.toBe(200);
    expect(received).toContain('{"ok":true}');
  });

  it.each(['http://169.254.169.254/latest/meta-data', 'http://10.0.0.1/hook', 'http://192.168.1.10/', 'http://[fd00::1]/', 'http://100.64.0.1/'])(
    'refuses the literal address of %s before connecting', async (url) => {
      await expect(post(new SandboxWebhookSender(), url)).rejects.toMatchObject({ code: 'WEBHOOK_ADDRESS_BLOCKED' });
    });

  it('refuses a name that resolves to a private or link-local address (checked on the address connected to)', async () => {
    const resolve: LookupAll = (_host, _opts, cb) => cb(null, [{ address: '169.254.169.254', family: 4 }]);
    await expect(post(new SandboxWebhookSender(resolve), `http://metadata.example.test:${port}/`)).rejects.toMatchObject({ code: 'WEBHOOK_ADDRESS_BLOCKED' });
  });

  it('follows a name that resolves to loopback', async () => {
    const resolve: LookupAll = (_host, _opts, cb) => cb(null, [{ address: '127.0.0.1', family: 4 }]);
    await expect(post(new SandboxWebhookSender(resolve), `http://receiver.example.test:${port}/`)).resolves.toBe(200);
  });
});
