import { settableClock, type SettableClock } from '../../../src/provider-sdk';
import { startSandbox, type RunningSandbox } from '../../../test/helpers/sandbox';
import { callJson, startSandboxOnClock, type Reply } from '../../../test/helpers/sandbox-client';
import provider from '../index';

/** Shared by this folder's fidelity tests: a running 42min sandbox and a tiny HTTP client for it. */
export const ALL_SCOPES = ['bookings:read', 'bookings:create', 'bookings:cancel', 'bookings:reschedule', 'bookings:update'];

export type { Reply };

export async function start(): Promise<RunningSandbox> {
  return startSandbox(provider);
}

/** A settable clock for the sandbox (no wall-clock dependence). */
export type TestClock = SettableClock;
export const testClock = settableClock;

/** The sandbox alone on a loopback port, its kit on the given clock. */
export const startWithClock = (clock: TestClock): Promise<RunningSandbox> => startSandboxOnClock(provider, clock);

/** A JSON call with a PAT as the bearer token. */
export function call<T = any>(url: string, path: string, init: RequestInit & { token?: string; json?: unknown } = {}): Promise<Reply<T>> {
  const { token, ...rest } = init;
  return callJson<T>(url, path, { ...rest, bearer: token });
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

/**
 * A free slot far beyond the seeded window (2026–2027), distinct per call, inside the first host's
 * working hours (Europe/London, Mon–Fri 09:00–17:00; UTC in January) and on the grid of each of
 * its event types: 09:00, 11:00, 13:00 and 15:00 of successive weekdays from Monday 7 January 2030.
 */
let slot = 0;
export const freeSlot = (): string => {
  const n = slot++;
  const weekday = Math.floor(n / 4);
  const day = Math.floor(weekday / 5) * 7 + (weekday % 5);
  return new Date(Date.UTC(2030, 0, 7 + day, 9 + (n % 4) * 2)).toISOString();
};
