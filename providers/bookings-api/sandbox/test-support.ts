import { settableClock, type SettableClock } from '../../../src/provider-sdk';
import type { RunningSandbox } from '../../../test/helpers/sandbox';
import { callJson, startSandboxOnClock, type Reply } from '../../../test/helpers/sandbox-client';
import provider from '../index';

/** Shared by this folder's tests: the sandbox alone on a loopback port, on a settable clock, and a tiny client. */
export type { Reply };
export type TestClock = SettableClock;
export const testClock = settableClock;

export const startWithClock = (clock: TestClock): Promise<RunningSandbox> => startSandboxOnClock(provider, clock);

/** A JSON call with an API key as the bearer token. */
export function call<T = any>(url: string, path: string, init: RequestInit & { key?: string; json?: unknown } = {}): Promise<Reply<T>> {
  const { key, ...rest } = init;
  return callJson<T>(url, path, { ...rest, bearer: key });
}

export async function issueKey(url: string, account: string, scopes = ['bookings:read', 'bookings:write']): Promise<string> {
  const r = await call(url, '/sandbox/api-keys', { method: 'POST', json: { name: 'test', scopes, account } });
  if (r.status !== 201) throw new Error(`key issue failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.data.token as string;
}
