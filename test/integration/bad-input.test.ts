import net from 'node:net';
import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { connectViaSandbox } from '../helpers/connect-via-sandbox';
import { mintToken } from '../helpers/connect-driver';

/**
 * Inputs a fuzzer found answering 5xx (or holding a socket): each is the caller's mistake and must
 * be a 4xx, or a socket the server closes within its configured timeout.
 */

const SHORT_MS = 500;

/** Writes raw bytes on a fresh socket and resolves with whatever the server sent before closing it. */
function rawExchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes));
    let got = '';
    socket.on('data', (c: Buffer) => { got += c.toString('latin1'); });
    socket.on('error', reject);
    socket.on('close', () => resolve(got));
  });
}

describe('bad input never answers 5xx', () => {
  let gw: TestGateway;
  let key: string;
  let accountId: string;
  beforeAll(async () => {
    gw = await startTestGateway({ HTTP_HEADERS_TIMEOUT_MS: String(SHORT_MS), HTTP_REQUEST_TIMEOUT_MS: String(SHORT_MS) });
    ({ testKey: key, accountId } = await gw.newAccount('bad input'));
  });
  afterAll(async () => { await gw.stop(); });

  const BAD_KEYS: Array<[string, string]> = [['a NUL', 'pat_abc\u0000def'], ['an emoji', 'pat_abc😀'], ['a lone surrogate', 'pat_abc\ud800'], ['a space', 'pat abc']];

  it.each(BAD_KEYS)('an API key with %s is 400 INVALID_INPUT naming credentials.apiKey, on both doors', async (_what, apiKey) => {
    const direct = await gw.call('POST', '/v1/connections', { key, body: { endUserId: 'u-bad', provider: '42min', credentials: { apiKey } } });
    expect(direct.status).toBe(400);
    expect(direct.body.error.code).toBe('INVALID_INPUT');
    expect(direct.body.error.details.errors.map((e: { field: string }) => e.field)).toEqual(['credentials.apiKey']);

    const token = await mintToken(gw, key, { endUserId: 'u-bad-widget' });
    const widget = await gw.call('POST', '/connect/api/connections', { headers: { authorization: `Bearer ${token}` }, body: { provider: '42min', apiKey } });
    expect(widget.status).toBe(400);
    expect(widget.body.error.details.errors.map((e: { field: string }) => e.field)).toEqual(['apiKey']);
  });

  it('providerData nested 10,000 levels is 400 INVALID_INPUT, not a 500; 64 levels are still accepted as JSON', async () => {
    await connectViaSandbox(gw, { accountId, mode: 'test' }, 'u-deep', 'hubspot');
    const nested = (levels: number): string => `${'{"a":'.repeat(levels - 1)}{}${'}'.repeat(levels - 1)}`;
    const path = '/v1/contacts?provider=hubspot&endUserId=u-deep';
    const deep = await gw.call('POST', path, { key, body: `{"email":"deep@example.com","providerData":${nested(10_000)}}` });
    expect(deep.status).toBe(400);
    expect(deep.body.error.code).toBe('INVALID_INPUT');
    expect(deep.body.error.details.errors).toEqual([{ field: 'body', message: 'nests deeper than 64 levels' }]);

    const limit = await gw.call('POST', path, { key, body: `{"email":"deep@example.com","providerData":${nested(63)}}` });
    expect(limit.status).toBeLessThan(500);
    expect(limit.body.error?.details?.errors?.[0]?.field).not.toBe('body');
  });

  it('a request that declares more body than it sends is answered 408 and closed after the request timeout', async () => {
    const answer = await rawExchange(gw.server.port, [
      'POST /v1/webhooks HTTP/1.1', 'Host: 127.0.0.1', `Authorization: Bearer ${key}`,
      'Content-Type: application/json', 'Content-Length: 100', '', '{"url":',
    ].join('\r\n'));
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('a request whose headers never end is answered 408 and closed after the headers timeout', async () => {
    const answer = await rawExchange(gw.server.port, 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 1\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  });
});
