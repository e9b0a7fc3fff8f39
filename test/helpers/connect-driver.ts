import type { TestGateway } from './gateway';

/**
 * Drives the connect flow over plain HTTP, as the browser would: start → sandbox consent page
 * (form POST with decision=allow|deny) → the gateway's callback → the result page.
 * Shared by the integration tests and the e2e tests.
 */
export interface ResultData { type: string; connectionId?: string; provider?: string; code?: string; message?: string }

export async function mintToken(gw: TestGateway, key: string, body: Record<string, unknown>): Promise<string> {
  const res = await gw.call('POST', '/v1/connect/tokens', { key, body });
  if (res.status !== 201) throw new Error(`mint failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.token as string;
}

/** GET /connect/oauth/:provider/start; returns the provider authorize URL (or the error page). */
export async function start(gw: TestGateway, token: string, provider: string): Promise<{ status: number; location: string | null; html: string }> {
  const res = await fetch(`${gw.url}/connect/oauth/${provider}/start?token=${encodeURIComponent(token)}`, { redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location'), html: await res.text() };
}

/** Submits the sandbox consent form; returns the redirect back to the gateway's callback. */
export async function consent(authorizeUrl: string, decision: 'allow' | 'deny', account = 'acct1'): Promise<string> {
  const res = await fetch(authorizeUrl, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ decision, account }).toString(),
  });
  const location = res.headers.get('location');
  if (!location) throw new Error(`consent gave no redirect: ${res.status} ${await res.text()}`);
  return location;
}

export async function callback(url: string): Promise<{ status: number; html: string; result: ResultData; csp: string | null }> {
  const res = await fetch(url, { redirect: 'manual' });
  const html = await res.text();
  return { status: res.status, html, result: parseResult(html), csp: res.headers.get('content-security-policy') };
}

export function parseResult(html: string): ResultData {
  const tag = /<main id="result"([^>]*)>/.exec(html)?.[1] ?? '';
  const attr = (name: string): string | undefined => {
    const v = new RegExp(`data-${name}="([^"]*)"`).exec(tag)?.[1];
    return v?.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  };
  return { type: attr('type') ?? 'none', connectionId: attr('connection-id'), provider: attr('provider'), code: attr('code'), message: attr('message') };
}

/** The whole OAuth flow with consent allowed. */
export async function connectOAuth(gw: TestGateway, token: string, provider: string, account = 'acct1'): Promise<ResultData & { status: number }> {
  const s = await start(gw, token, provider);
  if (!s.location) return { status: s.status, ...parseResult(s.html) };
  const cb = await callback(await consent(s.location, 'allow', account));
  return { status: cb.status, ...cb.result };
}
