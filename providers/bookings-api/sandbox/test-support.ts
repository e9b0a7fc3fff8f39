import { closeServer, SandboxHost, type RunningSandbox } from '../../../test/helpers/sandbox';
import provider from '../index';

/** Shared by this folder's tests: the sandbox alone on a loopback port, on a settable clock, and a tiny client. */
export interface Reply<T = any> { status: number; headers: Headers; body: T }
export interface TestClock { now(): number; set(ms: number): void }
export const testClock = (startMs: number): TestClock => {
  let t = startMs;
  return { now: () => t, set: (ms) => { t = ms; } };
};

export async function startWithClock(clock: TestClock): Promise<RunningSandbox> {
  const host = new SandboxHost([provider], { secret: 'test-sandbox-secret', clientsFor: () => [], clock });
  const { server, url } = await host.listen(provider.manifest.id);
  return { url, kit: host.get(provider.manifest.id)!.kit, close: () => closeServer(server) };
}

export async function call<T = any>(url: string, path: string, init: RequestInit & { key?: string; json?: unknown } = {}): Promise<Reply<T>> {
  const headers = new Headers(init.headers);
  if (init.key) headers.set('authorization', `Bearer ${init.key}`);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(init.json);
  }
  const res = await fetch(url + path, { ...init, headers, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

export async function issueKey(url: string, account: string, scopes = ['bookings:read', 'bookings:write']): Promise<string> {
  const r = await call(url, '/sandbox/api-keys', { method: 'POST', json: { name: 'test', scopes, account } });
  if (r.status !== 201) throw new Error(`key issue failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.data.token as string;
}
