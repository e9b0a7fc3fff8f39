import http from 'node:http';
import type dns from 'node:dns';
import type { AddressInfo } from 'node:net';
import { BlockedAddressError, WebhookTransport } from './delivery-transport';

type Answer = dns.LookupAddress[];

/** A resolver scripted per call: the first answer, then the next, ... */
function scripted(...answers: Answer[]): { calls: number; resolve: ConstructorParameters<typeof WebhookTransport>[0]['resolve'] } {
  const state = {
    calls: 0,
    resolve: ((_host: string, _opts: unknown, cb: (err: NodeJS.ErrnoException | null, a: Answer) => void) => {
      const answer = answers[Math.min(state.calls, answers.length - 1)];
      state.calls += 1;
      setImmediate(() => cb(null, answer));
    }),
  };
  return state;
}

describe('WebhookTransport: the address connected to is the address checked', () => {
  let server: http.Server;
  let port: number;
  let hits = 0;
  beforeAll(async () => {
    server = http.createServer((req, res) => { hits += 1; req.resume(); req.on('end', () => res.end()); });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => { server.closeAllConnections(); await new Promise((r) => server.close(r)); });

  const req = { headers: { 'content-type': 'application/json' }, body: '{}', timeoutMs: 2000 };

  it('refuses, in live mode, a name that resolves to loopback when the socket connects, without connecting', async () => {
    const dns = scripted([{ address: '127.0.0.1', family: 4 }]);
    const transport = new WebhookTransport({ allowPrivate: false, resolve: dns.resolve });
    const before = hits;
    try {
      await expect(transport.post(new URL(`http://hooks.example.com:${port}/h`), 'live', req)).rejects.toBeInstanceOf(BlockedAddressError);
      expect(dns.calls).toBe(1);
      expect(hits).toBe(before);
    } finally { transport.close(); }
  });

  it('refuses an answer that mixes public and private addresses', async () => {
    const dns = scripted([{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.7', family: 4 }]);
    const transport = new WebhookTransport({ allowPrivate: false, resolve: dns.resolve });
    try {
      await expect(transport.post(new URL(`http://mixed.example.com:${port}/h`), 'live', req)).rejects.toBeInstanceOf(BlockedAddressError);
    } finally { transport.close(); }
  });

  it('connects to the resolved address when the policy allows it (test mode: loopback; or allowPrivate)', async () => {
    for (const [mode, allowPrivate] of [['test', false], ['live', true]] as const) {
      const transport = new WebhookTransport({ allowPrivate, resolve: scripted([{ address: '127.0.0.1', family: 4 }]).resolve });
      const before = hits;
      try {
        expect(await transport.post(new URL(`http://hooks.example.com:${port}/h`), mode, req)).toBe(200);
        expect(hits).toBe(before + 1);
      } finally { transport.close(); }
    }
  });

  it('refuses literal private addresses without a lookup', async () => {
    const dns = scripted([{ address: '93.184.216.34', family: 4 }]);
    const transport = new WebhookTransport({ allowPrivate: false, resolve: dns.resolve });
    try {
      for (const url of [`http://127.0.0.1:${port}/h`, `http://[::1]:${port}/h`, 'https://169.254.169.254/latest', 'https://[::ffff:a00:1]/h']) {
        await expect(transport.post(new URL(url), 'live', req)).rejects.toBeInstanceOf(BlockedAddressError);
      }
      await expect(transport.post(new URL('https://10.1.2.3/h'), 'test', req)).rejects.toBeInstanceOf(BlockedAddressError);
      expect(dns.calls).toBe(0);
    } finally { transport.close(); }
  });
});
