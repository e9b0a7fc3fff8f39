import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { CallerGone, CallerLink, KeepAliveTransport, readBody, TransportFailure } from './transport';
import { isGatewayError } from '../errors';

describe('KeepAliveTransport: a header HTTP cannot carry', () => {
  it('is refused as the caller\'s INVALID_INPUT (no retry, no breaker count) before any connection is opened', async () => {
    let connections = 0;
    const server = net.createServer((s) => { connections += 1; s.destroy(); });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const transport = new KeepAliveTransport();
    try {
      const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/me`);
      for (const value of ['Bearer pat_\u0000x', 'Bearer pat_😀', 'Bearer pat_\ud800']) {
        const err: unknown = await transport.send(url, { method: 'GET', headers: { authorization: value }, timeoutMs: 1000 }).catch((e: unknown) => e);
        expect(isGatewayError(err)).toBe(true);
        expect(err).toMatchObject({
          code: 'INVALID_INPUT', status: 400, retryable: false, countsAsProviderFailure: false,
          details: { errors: [{ field: 'headers.authorization', message: 'cannot be sent in an HTTP header' }] },
        });
        expect(JSON.stringify((err as { details: unknown }).details)).not.toContain('pat_');
      }
      const badName: unknown = await transport.send(url, { method: 'GET', headers: { 'bad name': 'x' }, timeoutMs: 1000 }).catch((e: unknown) => e);
      expect(badName).toMatchObject({ code: 'INVALID_INPUT', details: { errors: [{ field: 'headers' }] } });
      expect(connections).toBe(0);
    } finally {
      transport.close();
      await new Promise((r) => server.close(r));
    }
  });
});

describe('KeepAliveTransport.open: the timeout covers the head, the body has an idle timeout', () => {
  let server: http.Server;
  let url: (path: string) => URL;
  /** Released by a test to let a stalled answer end. */
  let release: () => void;
  const transport = new KeepAliveTransport();

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      if (req.url === '/trickle') {
        // Six chunks 60 ms apart: longer in all than the head timeout, never silent for the idle one.
        let sent = 0;
        const tick = setInterval(() => {
          sent += 1;
          if (sent < 6) { res.write(`chunk ${sent}\n`); return; }
          clearInterval(tick);
          res.end('done\n');
        }, 60);
        return;
      }
      res.write('first\n');
      void new Promise<void>((r) => { release = r; }).then(() => res.end());
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = (path) => new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`);
  });
  afterAll(async () => {
    transport.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('a long answer that keeps coming is not cut by the head timeout', async () => {
    const res = await transport.open(url('/trickle'), { method: 'GET', headers: {}, timeoutMs: 100, idleTimeoutMs: 2000 });
    const { raw, truncated } = await readBody(res.body, 1024);
    expect(truncated).toBe(false);
    expect(raw.toString()).toBe('chunk 1\nchunk 2\nchunk 3\nchunk 4\nchunk 5\ndone\n');
  });

  it('a body that stalls ends with a timeout failure', async () => {
    const res = await transport.open(url('/stall'), { method: 'GET', headers: {}, timeoutMs: 1000, idleTimeoutMs: 50 });
    const err = await readBody(res.body, 1024).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportFailure);
    expect((err as TransportFailure).reason).toBe('timeout');
    release();
  });

  it('a caller cut off before the head rejects with CallerGone', async () => {
    const caller = new CallerLink();
    const pending = transport.open(url('/stall'), { method: 'GET', headers: {}, timeoutMs: 1000, idleTimeoutMs: 1000, caller });
    caller.cut();
    await expect(pending).rejects.toBeInstanceOf(CallerGone);
    release?.();
  });

  it('readBody keeps at most its limit and says it dropped the rest', async () => {
    const res = await transport.open(url('/trickle'), { method: 'GET', headers: {}, timeoutMs: 1000, idleTimeoutMs: 2000 });
    const { raw, truncated } = await readBody(res.body, 4);
    expect(truncated).toBe(true);
    expect(raw.toString()).toBe('chun');
  });
});
