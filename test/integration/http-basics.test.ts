import { startTestGateway, type TestGateway } from '../helpers/gateway';

let gw: TestGateway;
let key: string;

beforeAll(async () => {
  gw = await startTestGateway({ BODY_LIMIT_BYTES: '2048' });
  key = (await gw.newAccount()).testKey;
});
afterAll(() => gw.stop());

describe('request ids', () => {
  it('generates req_ + 26 characters when none is sent', async () => {
    const res = await gw.call('GET', '/health');
    expect(res.headers.get('x-request-id')).toMatch(/^req_[0-9a-z]{26}$/);
  });
  it('keeps a safe inbound id and replaces an unsafe one', async () => {
    const kept = await gw.call('GET', '/v1/providers', { key, headers: { 'x-request-id': 'trace-123:abc' } });
    expect(kept.headers.get('x-request-id')).toBe('trace-123:abc');
    expect(kept.body.meta.requestId).toBe('trace-123:abc');
    const replaced = await gw.call('GET', '/health', { headers: { 'x-request-id': 'bad id <script>' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^req_/);
    const tooLong = await gw.call('GET', '/health', { headers: { 'x-request-id': 'a'.repeat(129) } });
    expect(tooLong.headers.get('x-request-id')).toMatch(/^req_/);
  });
});

describe('bodies', () => {
  it('rejects malformed JSON with 400 INVALID_INPUT', async () => {
    const res = await gw.call('POST', '/v1/api-keys', { key, body: '{"a":', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_INPUT');
    expect(res.body.error.details.errors[0].field).toBe('body');
  });
  it('rejects a body over the cap with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await gw.call('POST', '/v1/api-keys', { key, body: { pad: 'x'.repeat(4096) } });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });
  it('rejects a chunked body over the cap (no Content-Length) with 413', async () => {
    const stream = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode(JSON.stringify({ pad: 'y'.repeat(5000) }))); c.close(); } });
    const res = await fetch(`${gw.url}/v1/api-keys`, {
      method: 'POST', body: stream, duplex: 'half', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(((await res.json()) as any).error.code).toBe('PAYLOAD_TOO_LARGE');
  });
  it('rejects a non-JSON body with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const res = await gw.call('POST', '/v1/api-keys', { key, body: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
  it('rejects unknown fields with 400 INVALID_INPUT naming them', async () => {
    const res = await gw.call('POST', '/v1/api-keys', { key, body: { surprise: 1 } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors).toEqual([{ field: 'surprise', message: 'is not a known field' }]);
  });
});

describe('routing', () => {
  it('answers an unknown route with 404 NOT_FOUND in the envelope', async () => {
    const res = await gw.call('GET', '/v1/nothing-here', { key });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String), details: {}, requestId: expect.stringMatching(/^req_/) } });
  });
  it('answers a wrong method with 405 METHOD_NOT_ALLOWED and Allow', async () => {
    const res = await gw.call('PUT', '/v1/api-keys', { key });
    expect(res.status).toBe(405);
    expect(res.body.error.code).toBe('METHOD_NOT_ALLOWED');
    expect(res.headers.get('allow')).toContain('GET');
    expect(res.headers.get('allow')).toContain('POST');
  });
});

describe('providers', () => {
  it('lists the four providers with their capabilities', async () => {
    const res = await gw.call('GET', '/v1/providers', { key });
    expect(res.status).toBe(200);
    const ids = res.body.data.map((p: { id: string }) => p.id);
    expect(ids).toEqual(expect.arrayContaining(['42min', 'hubspot', 'pipedrive', 'salesforce']));
    const min = res.body.data.find((p: { id: string }) => p.id === '42min');
    expect(min).toMatchObject({ category: 'scheduling', authType: 'api_key' });
    expect(Object.keys(min.resources)).toEqual(['meetings', 'users', 'bookingPages', 'availability']);
  });
  it('answers an unknown provider with 404 PROVIDER_NOT_FOUND', async () => {
    const res = await gw.call('GET', '/v1/providers/nope', { key });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('PROVIDER_NOT_FOUND');
  });
});
