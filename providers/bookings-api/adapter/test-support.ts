import { ProviderFailureError, type AdapterContext, type ProviderManifest, type ProviderRequest, type ProviderResponse } from '../../../src/provider-sdk';
import manifest from '../manifest.json';
import { classifyError } from '../errors';

/**
 * An adapter context whose HTTP goes straight to `baseUrl` with `Authorization: Bearer <key>`,
 * for nock tests of the exact requests. The shared live harness (test/helpers/adapter-harness)
 * makes connections without connectionConfig, which a `{config.baseUrl}` provider needs, so this
 * stands in for the provider client's request building and error classification (json(): the
 * provider's classifyError, else a PROVIDER_ERROR). Retries, limiter and breaker have their own tests.
 */
export const TEST_KEY = 'bk_live_test_key_for_nock';

function urlOf(baseUrl: string, req: ProviderRequest): string {
  const path = req.path.replace(/:([A-Za-z_]+)/g, (_, name: string) => encodeURIComponent(String(req.params?.[name] ?? '')));
  const url = new URL(`${baseUrl}${path}`);
  for (const [k, v] of Object.entries(req.query ?? {})) {
    if (v === undefined || v === null) continue;
    for (const item of Array.isArray(v) ? v : [v]) url.searchParams.append(k, String(item));
  }
  return url.toString();
}

export function directContext(baseUrl: string): AdapterContext {
  const request = async (req: ProviderRequest): Promise<ProviderResponse> => {
    const headers: Record<string, string> = { authorization: `Bearer ${TEST_KEY}`, accept: 'application/json', ...(req.headers ?? {}) };
    if (req.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(urlOf(baseUrl, req), { method: req.method, headers, body: req.body === undefined ? undefined : JSON.stringify(req.body) });
    const raw = Buffer.from(await res.arrayBuffer());
    const text = raw.toString('utf8');
    let body: unknown = text;
    try { body = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
    return { status: res.status, headers: Object.fromEntries(res.headers.entries()), contentType: res.headers.get('content-type'), raw, body };
  };
  return {
    manifest: manifest as ProviderManifest,
    connection: { id: 'conn_test', providerAccountId: null, metadata: {} },
    idempotencyKey: null,
    http: {
      request,
      async json<T>(req: ProviderRequest): Promise<T> {
        const res = await request(req);
        if (res.status >= 200 && res.status < 300) return res.body as T;
        throw classifyError(res) ?? new ProviderFailureError('PROVIDER_ERROR', { details: { status: res.status } });
      },
    },
  };
}
