import { Validator } from '@seriousme/openapi-schema-validator';
import { startTestGateway, type TestGateway } from '../helpers/gateway';

let gw: TestGateway;
beforeAll(async () => { gw = await startTestGateway(); });
afterAll(() => gw.stop());

describe('operations endpoints', () => {
  it('GET /health says the process is up', async () => {
    expect(await gw.call('GET', '/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('GET /ready reports the store', async () => {
    expect(await gw.call('GET', '/ready')).toMatchObject({ status: 200, body: { status: 'ready', store: 'sqlite' } });
  });

  it('GET /metrics exposes the request histogram by route and status, and process metrics', async () => {
    await gw.call('GET', '/health');
    const res = await fetch(`${gw.url}/metrics`);
    const text = await res.text();
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(text).toMatch(/gateway_http_request_duration_seconds_bucket\{[^}]*route="\/health"[^}]*status="200"/);
    expect(text).toContain('process_cpu_user_seconds_total');
  });

  it('GET /openapi.json is a valid OpenAPI 3.1 document built from the route schemas', async () => {
    const doc = (await gw.call('GET', '/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.paths['/v1/api-keys/{id}'].delete.operationId).toBe('revokeApiKey');
    expect(doc.paths['/v1/sandbox/faults'].post.requestBody.content['application/json'].schema.required).toEqual(['provider', 'fault']);
  });

  it('GET /docs renders the reference without inline scripts', async () => {
    const res = await fetch(`${gw.url}/docs`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
    expect((await fetch(`${gw.url}/docs/assets/swagger-ui-bundle.js`)).status).toBe(200);
  });
});

describe('readiness when the store is down', () => {
  it('GET /ready answers 503 SERVICE_UNAVAILABLE once the store is closed', async () => {
    const other = await startTestGateway();
    await other.deps.store.close();
    const res = await other.call('GET', '/ready');
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('SERVICE_UNAVAILABLE');
    other.deps.store.close = async () => undefined;
    await other.stop();
  });
});
