import type { TestGateway } from './gateway';

/**
 * Drives the connect flow over plain HTTP, as the browser would: start → sandbox consent page
 * (form POST with decision=allow|deny) → the gateway's callback → the result page.
 * Shared by the integration tests and the e2e tests.
 */
export interface ResultData { type: string; connectionId?: string; provider?: string; code?: string; message?: string }

/**
 * The cookies one browser keeps for the gateway (what curl's -c/-b does): the OAuth start sets a
 * browser-binding cookie that the callback must send back. Enough of RFC 6265 for these flows:
 * name=value, Max-Age=0 / a past Expires deletes, Path prefix match; the attributes are kept so
 * tests can check them.
 */
export class CookieJar {
  private readonly cookies = new Map<string, { value: string; path: string; attributes: string[] }>();

  /** Records the Set-Cookie headers of a response. */
  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';').map((p) => p.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const attr = (n: string): string | undefined => attributes.find((a) => a.toLowerCase().startsWith(`${n.toLowerCase()}=`))?.split('=').slice(1).join('=');
      const expires = attr('Expires');
      if (attr('Max-Age') === '0' || (expires && Date.parse(expires) <= Date.now())) this.cookies.delete(name);
      else this.cookies.set(name, { value, path: attr('Path') ?? '/', attributes });
    }
  }

  /** The Cookie header for a request to `url` (undefined when none applies). */
  header(url: string): string | undefined {
    const { pathname } = new URL(url);
    const pairs = [...this.cookies].filter(([, c]) => pathname === c.path || pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map(([name, c]) => `${name}=${c.value}`);
    return pairs.length ? pairs.join('; ') : undefined;
  }

  names(): string[] { return [...this.cookies.keys()]; }
}

/** The jar of the functions below when none is given: one browser per test file. */
export const defaultJar = new CookieJar();

async function browserFetch(url: string, jar: CookieJar, init: RequestInit = {}): Promise<Response> {
  const cookie = jar.header(url);
  const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string> | undefined), ...(cookie ? { cookie } : {}) } });
  jar.store(res);
  return res;
}

export async function mintToken(gw: TestGateway, key: string, body: Record<string, unknown>): Promise<string> {
  const res = await gw.call('POST', '/v1/connect/tokens', { key, body });
  if (res.status !== 201) throw new Error(`mint failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.token as string;
}

/** GET /connect/oauth/:provider/start; returns the provider authorize URL (or the error page) and the Set-Cookie lines. */
export async function start(gw: TestGateway, token: string, provider: string, jar = defaultJar): Promise<{ status: number; location: string | null; html: string; setCookie: string[] }> {
  const res = await browserFetch(`${gw.url}/connect/oauth/${provider}/start?token=${encodeURIComponent(token)}`, jar);
  return { status: res.status, location: res.headers.get('location'), html: await res.text(), setCookie: res.headers.getSetCookie() };
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

export async function callback(url: string, jar = defaultJar): Promise<{ status: number; html: string; result: ResultData; csp: string | null; setCookie: string[] }> {
  const res = await browserFetch(url, jar);
  const html = await res.text();
  return { status: res.status, html, result: parseResult(html), csp: res.headers.get('content-security-policy'), setCookie: res.headers.getSetCookie() };
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
export async function connectOAuth(gw: TestGateway, token: string, provider: string, account = 'acct1', jar = new CookieJar()): Promise<ResultData & { status: number }> {
  const s = await start(gw, token, provider, jar);
  if (!s.location) return { status: s.status, ...parseResult(s.html) };
  const cb = await callback(await consent(s.location, 'allow', account), jar);
  return { status: cb.status, ...cb.result };
}
