/**
 * Helpers for this folder's fidelity tests: drive the OAuth flow over plain HTTP with HTTP Basic
 * client auth (the only form Pipedrive accepts) and call the API as a client would.
 */
import pipedrive from '../index';
import { startSandbox, TEST_CLIENT, type RunningSandbox } from '../../../test/helpers/sandbox';

export const FORM = 'application/x-www-form-urlencoded';
export const REDIRECT = TEST_CLIENT.redirectUris[0];
export const BASIC = `Basic ${Buffer.from(`${TEST_CLIENT.clientId}:${TEST_CLIENT.clientSecret}`).toString('base64')}`;
export const ERROR_INFO = 'Please check developers.pipedrive.com for more information about Pipedrive API.';

export interface TokenBody { access_token: string; token_type: string; refresh_token: string; scope: string; expires_in: number; api_domain: string }
export interface Reply<T = any> { status: number; headers: Headers; body: T }

export function start(opts: { accessTokenTtlSeconds?: number } = {}): Promise<RunningSandbox> {
  return startSandbox(pipedrive, opts);
}

export function authorizeUrl(url: string, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ client_id: TEST_CLIENT.clientId, redirect_uri: REDIRECT, state: 'st-1', ...extra });
  return `${url}/oauth/authorize?${q.toString()}`;
}

/** POSTs the consent form (decision + account) and returns the redirect it answers with. */
export async function decide(url: string, decision: 'allow' | 'deny', account: string, extra: Record<string, string> = {}): Promise<Response> {
  return fetch(authorizeUrl(url, extra), {
    method: 'POST', redirect: 'manual', headers: { 'content-type': FORM }, body: new URLSearchParams({ decision, account }).toString(),
  });
}

export async function authorizeCode(url: string, account: string, extra: Record<string, string> = {}): Promise<string> {
  const res = await decide(url, 'allow', account, extra);
  const code = new URL(res.headers.get('location') ?? '').searchParams.get('code');
  if (!code) throw new Error(`no code in ${res.status} ${res.headers.get('location') ?? ''}`);
  return code;
}

export async function tokenCall(url: string, form: Record<string, string>, headers: Record<string, string> = { authorization: BASIC, 'content-type': FORM }): Promise<Reply> {
  const res = await fetch(`${url}/oauth/token`, { method: 'POST', headers, body: new URLSearchParams(form).toString() });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

/** The whole flow: authorize → allow → code → token. */
export async function connect(url: string, account: string, extra: Record<string, string> = {}): Promise<TokenBody> {
  const code = await authorizeCode(url, account, extra);
  const res = await tokenCall(url, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
  if (res.status !== 200) throw new Error(`token exchange failed: ${JSON.stringify(res.body)}`);
  return res.body as TokenBody;
}

export async function api(url: string, token: string, path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<Reply> {
  const res = await fetch(`${url}${path}`, {
    method: init.method ?? 'GET', signal: init.signal,
    headers: { authorization: `Bearer ${token}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

/** Follows v2 `next_cursor` to the end; returns every record and the number of pages. */
export async function allV2(url: string, token: string, path: string, params: Record<string, string> = {}): Promise<{ items: any[]; pages: number }> {
  const items: any[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const q = new URLSearchParams(params);
    if (cursor) q.set('cursor', cursor);
    const res = await api(url, token, `${path}?${q.toString()}`);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    items.push(...res.body.data);
    cursor = res.body.additional_data.next_cursor;
    pages += 1;
  } while (cursor);
  return { items, pages };
}

/** Follows v1 `start`/`next_start` to the end. */
export async function allV1(url: string, token: string, path: string, params: Record<string, string> = {}): Promise<{ items: any[]; pages: any[] }> {
  const items: any[] = [];
  const pages: any[] = [];
  let start: number | undefined = 0;
  while (start !== undefined) {
    const q = new URLSearchParams({ ...params, start: String(start) });
    const res = await api(url, token, `${path}?${q.toString()}`);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    items.push(...res.body.data);
    pages.push(res.body.additional_data.pagination);
    start = res.body.additional_data.pagination.next_start;
  }
  return { items, pages };
}

export const apiError = (error: string, errorCode?: number): Record<string, unknown> => (errorCode === undefined
  ? { success: false, error, error_info: ERROR_INFO, data: null, additional_data: null }
  : { success: false, error, errorCode, error_info: ERROR_INFO, data: null, additional_data: null });
