import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { connectOAuth, mintToken, start } from '../helpers/connect-driver';

/**
 * Schedly's OAuth scheme through the Connect widget against its sandbox (authorize, a code at
 * /api/auth/oauth/token, PKCE, no scope parameter), an expired token refreshed exactly once at the
 * separate /api/auth/oauth/refreshToken with the refresh token rotated, and a 429 injected by
 * fault retried after the reset it announces (epoch X-RateLimit-Reset, Retry-After).
 */
jest.setTimeout(60_000);

const PROVIDER = 'schedly';
const ACCOUNT = 'schedly-oauth-practice';
const END_USER = 'eu-schedly-oauth';

let gw: TestGateway;
let key: string;
let connectionId: string;
const q = `provider=${PROVIDER}&endUserId=${END_USER}`;
const stats = async (): Promise<{ totalRequests: number; rateLimited: number; refreshes: number; requests: Record<string, number> }> =>
  (await gw.call('GET', `/v1/sandbox/stats?${q}`, { key })).body.data;
const refreshTokenOf = async (): Promise<string> => {
  const stored = await gw.deps.store.connections.getById(connectionId);
  return gw.deps.cipher.decryptJson<{ refreshToken: string }>(stored!.credentials).refreshToken;
};

beforeAll(async () => {
  gw = await startTestGateway();
  key = (await gw.newAccount()).testKey;
});
afterAll(() => gw.stop());

it('connects through the widget: the seed\'s authorize path, PKCE S256, no scope, identity from /me', async () => {
  const token = await mintToken(gw, key, { endUserId: END_USER, providers: [PROVIDER] });
  const s = await start(gw, token, PROVIDER);
  expect(s.status).toBe(302);
  const auth = new URL(s.location!);
  expect(auth.pathname).toBe('/sandbox/schedly/auth/oauth2/authorize');
  expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
  expect(auth.searchParams.has('scope')).toBe(false);
  expect(auth.searchParams.get('state')).toBeTruthy();

  const connected = await connectOAuth(gw, token, PROVIDER, ACCOUNT);
  expect(connected).toMatchObject({ type: 'connected', provider: PROVIDER });
  connectionId = connected.connectionId!;
  const conn = (await gw.call('GET', `/v1/connections/${connectionId}`, { key })).body.data;
  expect(conn).toMatchObject({ status: 'active', providerAccountId: ACCOUNT, providerAccountName: ACCOUNT });
  expect((await gw.call('GET', `/v1/contacts?${q}&limit=5`, { key })).body.data).toHaveLength(5);
  expect((await stats()).requests).toMatchObject({ 'POST /api/auth/oauth/token': 1 });
});

it('refreshes an expired token once, at /api/auth/oauth/refreshToken, and keeps the rotated refresh token', async () => {
  const before = await refreshTokenOf();
  const fault = await gw.call('POST', '/v1/sandbox/faults', { key, body: { provider: PROVIDER, endUserId: END_USER, fault: 'expire_token' } });
  expect(fault.status).toBe(201);
  expect((await gw.call('GET', `/v1/users?${q}`, { key })).status).toBe(200);
  expect((await gw.call('GET', `/v1/booking-pages?${q}`, { key })).status).toBe(200);
  const s = await stats();
  expect(s.refreshes).toBe(1);
  expect(s.requests).toMatchObject({ 'POST /api/auth/oauth/token': 1, 'POST /api/auth/oauth/refreshToken': 1 });
  const after = await refreshTokenOf();
  expect(after).not.toBe(before);
});

it('retries a 429 after the reset Schedly announces, and the caller sees only the answer', async () => {
  const before = await stats();
  const fault = await gw.call('POST', '/v1/sandbox/faults', { key, body: { provider: PROVIDER, endUserId: END_USER, fault: 'rate_limit', count: 1, retryAfterSeconds: 1 } });
  expect(fault.status).toBe(201);
  const res = await gw.call('GET', `/v1/users?${q}`, { key });
  expect(res.status).toBe(200);
  expect(res.body.data).toHaveLength(8);
  const after = await stats();
  expect(after.rateLimited - before.rateLimited).toBe(1);
  expect(after.totalRequests - before.totalRequests).toBe(2);
});

it('a burst never draws a 429: the budget follows the plan the sandbox reports (X-RateLimit-Limit)', async () => {
  // A small plan in a 4-second window (20) so the burst is quick: the manifest's 120 would let it
  // all through at once. Seconds, not one: the gateway keeps 18 per window, evenly spaced, and
  // the spare two absorb the scheduling jitter of a loaded machine.
  const kit = gw.deps.sandboxes!.get(PROVIDER)!.kit;
  kit.limits.configure(ACCOUNT, 'minute', { max: 20, windowMs: 4000 });
  gw.deps.providerClient.policies.override(PROVIDER, { rateLimit: { intervalMs: 4000 } });
  try {
    // The first answer reports the plan; then three times the plan at once.
    expect((await gw.call('GET', `/v1/users?${q}`, { key })).status).toBe(200);
    const before = await stats();
    const results = await Promise.all(Array.from({ length: 30 }, () => gw.call('GET', `/v1/users?${q}`, { key })));
    expect(results.map((r) => r.status)).toEqual(Array(30).fill(200));
    const after = await stats();
    expect(after.rateLimited - before.rateLimited).toBe(0);
    expect(after.totalRequests - before.totalRequests).toBe(30);
  } finally {
    gw.deps.providerClient.policies.override(PROVIDER, null);
    kit.limits.configure(ACCOUNT, 'minute', null);
  }
});
