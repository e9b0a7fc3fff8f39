import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { KeepAliveTransport } from './transport';
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
