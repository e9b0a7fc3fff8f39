import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { connectViaSandbox } from '../helpers/connect-via-sandbox';
import { sandboxClientFor } from '../../src/connections/sandbox-clients';
import { loadConfig } from '../../src/config/config';
import { startGateway } from '../../src/gateway';
import { createLogger } from '../../src/logging/logger';

let gw: TestGateway;
let keys: { accountId: string; liveKey: string; testKey: string };

beforeAll(async () => {
  gw = await startTestGateway();
  keys = await gw.newAccount();
});
afterAll(() => gw.stop());

/** Completes the HubSpot sandbox's OAuth over plain HTTP with the gateway's own auto-registered client. */
async function hubspotToken(base: string, account: string): Promise<string> {
  const kit = gw.deps.sandboxes!.get('hubspot')!.kit;
  const client = kit.tokens.getClient('gateway-test-hubspot')!;
  const redirect = client.redirectUris[0];
  const url = `${base}/oauth/authorize?client_id=${client.clientId}&redirect_uri=${encodeURIComponent(redirect)}&scope=crm.objects.contacts.read&state=s1`;
  const page = await fetch(url);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('Gateway (test mode)');
  const allow = await fetch(url, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ decision: 'allow', account }) });
  const code = new URL(allow.headers.get('location')!).searchParams.get('code')!;
  const token = await fetch(`${base}/oauth/v1/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirect, client_id: client.clientId, client_secret: client.clientSecret }),
  });
  expect(token.status).toBe(200);
  return ((await token.json()) as { access_token: string }).access_token;
}

describe('sandboxes mounted on the gateway', () => {
  it('registers the gateway\'s own OAuth client, for its callback, in every OAuth sandbox', () => {
    for (const id of ['hubspot', 'salesforce', 'pipedrive']) {
      const client = gw.deps.sandboxes!.get(id)!.kit.tokens.getClient(`gateway-test-${id}`);
      expect(client?.redirectUris).toEqual([`${gw.url}/connect/oauth/callback`]);
    }
  });

  it('serves each sandbox under /sandbox/<id> with the provider\'s own wire format', async () => {
    const base = `${gw.url}/sandbox/hubspot`;
    const token = await hubspotToken(base, 'mount-1');
    const res = await fetch(`${base}/crm/v3/objects/contacts?limit=5`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-hubspot-ratelimit-max')).toBe('110');
    const body = (await res.json()) as { results: unknown[]; paging: { next: { after: string } } };
    expect(body.results).toHaveLength(5);
    expect(body.paging.next.after).toBeDefined();
    // The sandbox answers its own errors, not the gateway envelope.
    const bad = await fetch(`${base}/crm/v3/objects/contacts`, { headers: { authorization: 'Bearer nope' } });
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { category: string }).category).toBe('INVALID_AUTHENTICATION');
  });
});

describe('POST /v1/sandbox/faults and GET /v1/sandbox/stats', () => {
  it('refuses a live key with 403 FORBIDDEN', async () => {
    const faults = await gw.call('POST', '/v1/sandbox/faults', { key: keys.liveKey, body: { provider: 'hubspot', fault: 'server_error' } });
    expect(faults.status).toBe(403);
    expect(faults.body.error.code).toBe('FORBIDDEN');
    const stats = await gw.call('GET', '/v1/sandbox/stats?provider=hubspot', { key: keys.liveKey });
    expect(stats.status).toBe(403);
  });

  it('validates the body and the provider', async () => {
    const bad = await gw.call('POST', '/v1/sandbox/faults', { key: keys.testKey, body: { provider: 'hubspot', fault: 'meteor' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].field).toBe('fault');
    const missing = await gw.call('POST', '/v1/sandbox/faults', { key: keys.testKey, body: { fault: 'timeout' } });
    expect(missing.body.error).toMatchObject({ code: 'MISSING_REQUIRED', details: { fields: ['provider'] } });
    const unknown = await gw.call('POST', '/v1/sandbox/faults', { key: keys.testKey, body: { provider: 'nope', fault: 'timeout' } });
    expect(unknown.body.error.code).toBe('PROVIDER_NOT_FOUND');
  });

  it('queues faults the sandbox then answers in the provider\'s format, and counts what it received', async () => {
    const base = `${gw.url}/sandbox/hubspot`;
    const before = (await gw.call('GET', '/v1/sandbox/stats?provider=hubspot', { key: keys.testKey })).body.data;
    // Faults and stats reach the credentials of the calling account's own connections (API.md § Sandbox scoping).
    const { accessToken: token } = await connectViaSandbox(gw, { accountId: keys.accountId, mode: 'test' }, 'eu-faults', 'hubspot', { account: 'faults-1' });
    const queued = await gw.call('POST', '/v1/sandbox/faults', {
      key: keys.testKey, body: { provider: 'hubspot', fault: 'rate_limit', count: 2, retryAfterSeconds: 3 },
    });
    expect(queued.status).toBe(201);
    expect(queued.body.data.connections).toBe(1);
    const hit = async (): Promise<Response> => fetch(`${base}/crm/v3/objects/contacts?limit=1`, { headers: { authorization: `Bearer ${token}` } });
    const first = await hit();
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('3');
    expect(((await first.json()) as { policyName: string }).policyName).toBe('TEN_SECONDLY_ROLLING');
    expect((await hit()).status).toBe(429);
    expect((await hit()).status).toBe(200);
    const after = (await gw.call('GET', '/v1/sandbox/stats?provider=hubspot', { key: keys.testKey })).body.data;
    expect(after.rateLimited - before.rateLimited).toBe(2);
    expect(after.requests['GET /crm/v3/objects/contacts'] - (before.requests['GET /crm/v3/objects/contacts'] ?? 0)).toBe(3);
    expect(after.tokensIssued - before.tokensIssued).toBe(1);
  });
});

describe('restarts', () => {
  it('keeps sandbox tokens valid and seeded records identical across a gateway restart on the same DATA_DIR', async () => {
    const first = await startTestGateway();
    const token = await (async () => {
      const g = gw;
      gw = first;
      try { return await hubspotToken(`${first.url}/sandbox/hubspot`, 'restart-1'); } finally { gw = g; }
    })();
    // Records only: paging links carry the (ephemeral) host, which differs between the two runs.
    const list = async (url: string): Promise<unknown> =>
      ((await (await fetch(`${url}/sandbox/hubspot/crm/v3/objects/contacts?limit=20`, { headers: { authorization: `Bearer ${token}` } })).json()) as { results: unknown }).results;
    const before = await list(first.url);
    await first.shutdown();
    const second = await startGateway(loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: first.dataDir, LOG_LEVEL: 'silent' }), { logger: createLogger('silent') });
    try {
      expect(await list(second.url)).toEqual(before);
    } finally {
      await second.shutdown();
    }
    expect(sandboxClientFor('hubspot', 'x', 'http://a').clientId).toBe('gateway-test-hubspot');
  });
});
