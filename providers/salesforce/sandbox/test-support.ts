import { startSandbox, TEST_CLIENT, type RunningSandbox } from '../../../test/helpers/sandbox';
import provider from '../index';
import { createSalesforceSandbox } from './index';

/** Helpers shared by the Salesforce sandbox tests: plain-HTTP OAuth flow and REST calls. */
export const V = '/services/data/v62.0';
export const REDIRECT = TEST_CLIENT.redirectUris[0];

export async function start(opts: { ttl?: number; rotation?: boolean } = {}): Promise<RunningSandbox> {
  const def = opts.rotation ? { ...provider, sandbox: createSalesforceSandbox({ refreshTokenRotation: true }) } : provider;
  return startSandbox(def, { accessTokenTtlSeconds: opts.ttl });
}

export function authorizeUrl(base: string, params: Record<string, string> = {}): string {
  const q = new URLSearchParams({ response_type: 'code', client_id: TEST_CLIENT.clientId, redirect_uri: REDIRECT,
    scope: 'api refresh_token', state: 'st-1', ...params });
  return `${base}/services/oauth2/authorize?${q.toString()}`;
}

/** GET authorize (consent page), then POST decision=allow; returns the code from the redirect. */
export async function getCode(base: string, account: string, params: Record<string, string> = {}): Promise<string> {
  const url = authorizeUrl(base, params);
  const page = await fetch(url);
  if (page.status !== 200) throw new Error(`consent page: ${page.status}`);
  const res = await fetch(url, {
    method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ decision: 'allow', account }).toString(),
  });
  const location = new URL(res.headers.get('location') ?? '');
  const code = location.searchParams.get('code');
  if (!code) throw new Error(`no code in ${location.toString()}`);
  return code;
}

export function tokenRequest(base: string, form: Record<string, string>, basic = false): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  const body = { ...form };
  if (basic) headers.authorization = `Basic ${Buffer.from(`${TEST_CLIENT.clientId}:${TEST_CLIENT.clientSecret}`).toString('base64')}`;
  else Object.assign(body, { client_id: TEST_CLIENT.clientId, client_secret: TEST_CLIENT.clientSecret });
  return fetch(`${base}/services/oauth2/token`, { method: 'POST', headers, body: new URLSearchParams(body).toString() });
}

export interface TokenBody { access_token: string; refresh_token?: string; instance_url: string; id: string; issued_at: string; signature: string; scope: string; token_type: string }

export async function connect(base: string, account: string, scope = 'api refresh_token'): Promise<TokenBody> {
  const code = await getCode(base, account, { scope });
  const res = await tokenRequest(base, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
  if (res.status !== 200) throw new Error(`token: ${res.status} ${await res.text()}`);
  return (await res.json()) as TokenBody;
}

export function api(base: string, token: string, path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${token}`);
  let body = init.body;
  if (init.json !== undefined) { headers.set('content-type', 'application/json'); body = JSON.stringify(init.json); }
  return fetch(`${base}${path.startsWith('/services') ? '' : V}${path}`, { ...init, headers, body });
}

export async function query(base: string, token: string, soql: string, batchSize?: number): Promise<Response> {
  return api(base, token, `/query?q=${encodeURIComponent(soql)}`, batchSize ? { headers: { 'Sforce-Query-Options': `batchSize=${batchSize}` } } : {});
}
