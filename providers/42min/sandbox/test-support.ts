import { startSandbox, type RunningSandbox } from '../../../test/helpers/sandbox';
import provider from '../index';

/** Shared by this folder's fidelity tests: a running 42min sandbox and a tiny HTTP client for it. */
export const ALL_SCOPES = ['bookings:read', 'bookings:create', 'bookings:cancel', 'bookings:reschedule', 'bookings:update'];

export interface Reply<T = any> { status: number; headers: Headers; body: T }

export async function start(): Promise<RunningSandbox> {
  return startSandbox(provider);
}

export async function call<T = any>(url: string, path: string, init: RequestInit & { token?: string; json?: unknown } = {}): Promise<Reply<T>> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(init.json);
  }
  const res = await fetch(url + path, { ...init, headers, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

/** Issues a PAT into `account` (sandbox extension) and returns its token. */
export async function issueToken(url: string, account: string, scopes = ALL_SCOPES, name = `t-${Math.random()}`): Promise<string> {
  const r = await call(url, '/v1/personal-access-tokens', { method: 'POST', json: { name, scopes, account } });
  if (r.status !== 201) throw new Error(`PAT issue failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.data.token as string;
}

/** Every booking of the account, following meta.next_cursor to the end. */
export async function listAll(url: string, token: string, query = ''): Promise<{ items: any[]; pages: number }> {
  const items: any[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const qs: string = cursor ? `${query}${query ? '&' : ''}cursor=${encodeURIComponent(cursor)}` : query;
    const r = await call(url, `/v1/bookings${qs ? `?${qs}` : ''}`, { token });
    if (r.status !== 200) throw new Error(`list failed: ${r.status} ${JSON.stringify(r.body)}`);
    items.push(...r.body.data);
    pages += 1;
    cursor = r.body.meta.next_cursor;
    expect(r.body.meta.has_more).toBe(cursor !== null);
  } while (cursor);
  return { items, pages };
}

let counter = 0;
/** A distinct Idempotency-Key per call. */
export const ikey = (): string => `test-${Date.now()}-${++counter}`;

/** A free slot far beyond the seeded window (2026–2027), distinct per call. */
let slot = 0;
export const freeSlot = (): string => new Date(Date.UTC(2030, 0, 7, 9) + (slot++) * 2 * 3600_000).toISOString();
