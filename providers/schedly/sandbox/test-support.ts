import { createHash, randomBytes } from 'node:crypto';
import { settableClock, type ProviderDefinition, type SettableClock } from '../../../src/provider-sdk';
import { closeServer, SandboxHost, TEST_CLIENT, type RunningSandbox } from '../../../test/helpers/sandbox';
import { schedlySandbox } from './index';

/**
 * Shared by this folder's fidelity tests: the Schedly sandbox alone on a loopback port (mounted by
 * the core's sandbox host, as the gateway does), with the test OAuth client, on a settable clock.
 */
export interface Reply<T = any> { status: number; headers: Headers; body: T }
export type TestClock = SettableClock;
export const testClock = settableClock;

/** Only the sandbox half of the provider: the host needs its id and its sandbox. */
const definition = { manifest: { id: 'schedly', name: 'Schedly' }, sandbox: schedlySandbox } as unknown as ProviderDefinition;

/** A Monday: 1 June 2026, 00:00 UTC (seeded appointments lie before and after it). */
export const T0 = Date.UTC(2026, 5, 1);

export async function startSchedly(clock: TestClock = testClock(T0), opts: { accessTokenTtlSeconds?: number } = {}): Promise<RunningSandbox & { clock: TestClock }> {
  const host = new SandboxHost([definition], { secret: 'test-sandbox-secret', clientsFor: () => [TEST_CLIENT], clock, ...opts });
  const { server, url } = await host.listen('schedly');
  return { url, kit: host.get('schedly')!.kit, clock, close: () => closeServer(server) };
}

export async function call<T = any>(url: string, path: string, init: RequestInit & { key?: string; token?: string; json?: unknown } = {}): Promise<Reply<T>> {
  const headers = new Headers(init.headers);
  if (init.key) headers.set('cal-api-key', init.key);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(init.json);
  }
  const res = await fetch(url + path, { ...init, headers, body, redirect: 'manual' });
  const text = await res.text();
  let parsed: unknown = text;
  try { parsed = text ? JSON.parse(text) : undefined; } catch { /* HTML pages stay text */ }
  return { status: res.status, headers: res.headers, body: parsed as T };
}

/** An API key for `account`, through the SDK's sandboxIssuePath contract. */
export async function issueKey(url: string, account = `acc_${randomBytes(4).toString('hex')}`): Promise<string> {
  const r = await call(url, '/api/sandbox/api-keys', { method: 'POST', json: { name: 'test', scopes: [], account } });
  if (r.status !== 201) throw new Error(`key issue failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.data.token as string;
}

export const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString(),
});

/** Drives authorize (GET page, POST allow) and returns the code; PKCE when a verifier is given. */
export async function authorizeCode(url: string, account: string, verifier?: string): Promise<string> {
  const params: Record<string, string> = { client_id: TEST_CLIENT.clientId, redirect_uri: TEST_CLIENT.redirectUris[0], response_type: 'code', state: 'st_1', account };
  if (verifier) Object.assign(params, { code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256' });
  const path = `/auth/oauth2/authorize?${new URLSearchParams(params)}`;
  const page = await call(url, path);
  if (page.status !== 200) throw new Error(`authorize page ${page.status}`);
  const r = await call(url, path, form({ decision: 'allow', account }));
  const location = new URL(r.headers.get('location')!);
  if (location.searchParams.get('state') !== 'st_1') throw new Error('state not returned');
  return location.searchParams.get('code')!;
}

export async function oauthTokens(url: string, account: string): Promise<{ access_token: string; refresh_token: string; expires_in: number; token_type: string }> {
  const code = await authorizeCode(url, account);
  const r = await call(url, '/api/auth/oauth/token', form({
    grant_type: 'authorization_code', code, client_id: TEST_CLIENT.clientId, client_secret: TEST_CLIENT.clientSecret, redirect_uri: TEST_CLIENT.redirectUris[0],
  }));
  if (r.status !== 200) throw new Error(`token ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Every record of a list endpoint, page by page; checks the pagination block on the way. */
export async function listAll(url: string, key: string, path: string, limit = 100): Promise<{ items: any[]; pages: number }> {
  const items: any[] = [];
  let page = 1;
  for (;;) {
    const sep = path.includes('?') ? '&' : '?';
    const r = await call(url, `${path}${sep}page=${page}&limit=${limit}`, { key });
    if (r.status !== 200) throw new Error(`list ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    items.push(...r.body.data);
    expect(r.body.pagination).toEqual({ page, limit, total: r.body.pagination.total, hasMore: items.length < r.body.pagination.total });
    if (!r.body.pagination.hasMore) return { items, pages: page };
    page += 1;
  }
}
