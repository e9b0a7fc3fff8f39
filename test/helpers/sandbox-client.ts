import type { Clock, ProviderDefinition } from '../../src/provider-sdk';
import { closeServer, SandboxHost, type RunningSandbox } from './sandbox';

/**
 * For provider sandbox tests: one sandbox alone on a loopback port on an injected clock, and a tiny
 * JSON client for it (the status, the headers and the parsed body; a bearer credential if given).
 */
export async function startSandboxOnClock(def: ProviderDefinition, clock: Clock): Promise<RunningSandbox> {
  const host = new SandboxHost([def], { secret: 'test-sandbox-secret', clientsFor: () => [], clock });
  const { server, url } = await host.listen(def.manifest.id);
  return { url, kit: host.get(def.manifest.id)!.kit, close: () => closeServer(server) };
}

export interface Reply<T = any> { status: number; headers: Headers; body: T }

export async function callJson<T = any>(url: string, path: string, init: RequestInit & { bearer?: string; json?: unknown } = {}): Promise<Reply<T>> {
  const headers = new Headers(init.headers);
  if (init.bearer) headers.set('authorization', `Bearer ${init.bearer}`);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(init.json);
  }
  const res = await fetch(url + path, { ...init, headers, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}
