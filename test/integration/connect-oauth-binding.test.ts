import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { callback, consent, CookieJar, mintToken, parseResult, start } from '../helpers/connect-driver';

/**
 * Issue 11 item 5: an OAuth flow is bound to the browser that started it. For providers without
 * PKCE (HubSpot, Pipedrive) a code obtained in one browser could otherwise be completed with
 * another flow's `state` and connect the wrong provider account.
 */
let gw: TestGateway;
let key: string;

beforeAll(async () => {
  gw = await startTestGateway();
  ({ testKey: key } = await gw.newAccount());
});
afterAll(async () => { await gw.stop(); });

const connections = async (endUserId: string): Promise<unknown[]> =>
  (await gw.call('GET', `/v1/connections?endUserId=${endUserId}`, { key })).body.data;

/** The callback URL the provider sent browser X back to, re-pointed at another flow's state. */
function withState(callbackUrl: string, state: string): string {
  const u = new URL(callbackUrl);
  u.searchParams.set('state', state);
  return u.toString();
}

const COOKIE = /^gw_oauth_[0-9a-f]{16}=[A-Za-z0-9_-]{43}; Path=\/connect\/oauth; Max-Age=600; HttpOnly; SameSite=Lax$/;

describe.each(['hubspot', 'pipedrive'])('%s (no PKCE): authorization-code injection', (provider) => {
  it('a code from browser X completed with browser Y\'s state is refused, with X\'s cookie or none; nothing is connected', async () => {
    const x = new CookieJar();
    const y = new CookieJar();
    // Flow 1 in browser X: the attacker consents with their own provider account and keeps the code.
    const flow1 = await start(gw, await mintToken(gw, key, { endUserId: `${provider}-attacker` }), provider, x);
    const attackerCallback = await consent(flow1.location!, 'allow', `${provider}-attacker-acct`);
    // Flows 2 and 3 in browser Y (the victim's); their states leak to the attacker.
    const state2 = new URL((await start(gw, await mintToken(gw, key, { endUserId: `${provider}-victim` }), provider, y)).location!).searchParams.get('state')!;
    const state3 = new URL((await start(gw, await mintToken(gw, key, { endUserId: `${provider}-victim3` }), provider, y)).location!).searchParams.get('state')!;

    const withXCookie = await callback(withState(attackerCallback, state2), x);
    expect(withXCookie.status).toBe(400);
    expect(withXCookie.result).toMatchObject({ type: 'error', code: 'BROWSER_MISMATCH' });
    const noCookie = await callback(withState(attackerCallback, state3), new CookieJar());
    expect(noCookie.result).toMatchObject({ type: 'error', code: 'BROWSER_MISMATCH' });

    expect(await connections(`${provider}-victim`)).toEqual([]);
    expect(await connections(`${provider}-victim3`)).toEqual([]);
    // The refused state is spent: the victim's own browser cannot be talked into completing it either.
    expect((await callback(withState(attackerCallback, state2), y)).result).toMatchObject({ type: 'error', code: 'INVALID_STATE' });
    // The code was never exchanged: X completes its own flow with it, in its own browser.
    expect((await callback(attackerCallback, x)).result).toMatchObject({ type: 'connected', provider });
    expect(await connections(`${provider}-victim`)).toEqual([]);
  });

  it('a cookie with the right name and a wrong value is refused', async () => {
    const y = new CookieJar();
    const s = await start(gw, await mintToken(gw, key, { endUserId: `${provider}-forged` }), provider, y);
    const back = await consent(s.location!, 'allow');
    const name = s.setCookie[0].split('=')[0];
    const res = await fetch(back, { headers: { cookie: `${name}=${'A'.repeat(43)}` } });
    expect(parseResult(await res.text())).toMatchObject({ type: 'error', code: 'BROWSER_MISMATCH' });
    expect(await connections(`${provider}-forged`)).toEqual([]);
  });
});

describe('the browser-binding cookie', () => {
  it('is random, HttpOnly, SameSite=Lax, scoped to /connect/oauth, not Secure over http; the callback clears it', async () => {
    const jar = new CookieJar();
    const s = await start(gw, await mintToken(gw, key, { endUserId: 'cookie-user' }), 'hubspot', jar);
    expect(s.setCookie).toHaveLength(1);
    expect(s.setCookie[0]).toMatch(COOKIE);
    const [name] = jar.names();
    const cb = await callback(await consent(s.location!, 'allow'), jar);
    expect(cb.result).toMatchObject({ type: 'connected', provider: 'hubspot' });
    expect(cb.setCookie).toEqual([`${name}=; Path=/connect/oauth; Max-Age=0; HttpOnly; SameSite=Lax; Expires=Thu, 01 Jan 1970 00:00:00 GMT`]);
    expect(jar.names()).toEqual([]);
  });

  it('is cleared by a failed callback too', async () => {
    const jar = new CookieJar();
    const s = await start(gw, await mintToken(gw, key, { endUserId: 'cookie-deny' }), 'pipedrive', jar);
    const cb = await callback(await consent(s.location!, 'deny'), jar);
    expect(cb.result).toMatchObject({ type: 'error', code: 'ACCESS_DENIED' });
    expect(cb.setCookie[0]).toMatch(/^gw_oauth_[0-9a-f]{16}=; .*Max-Age=0/);
    expect(jar.names()).toEqual([]);
  });

  it('two flows in one browser (two tabs) each keep their own cookie and both complete', async () => {
    const jar = new CookieJar();
    const tab1 = await start(gw, await mintToken(gw, key, { endUserId: 'two-tabs-1' }), 'hubspot', jar);
    const tab2 = await start(gw, await mintToken(gw, key, { endUserId: 'two-tabs-2' }), 'pipedrive', jar);
    expect(jar.names()).toHaveLength(2);
    expect((await callback(await consent(tab2.location!, 'allow'), jar)).result).toMatchObject({ type: 'connected', provider: 'pipedrive' });
    expect((await callback(await consent(tab1.location!, 'allow'), jar)).result).toMatchObject({ type: 'connected', provider: 'hubspot' });
    expect(jar.names()).toEqual([]);
  });

  it('salesforce keeps PKCE and is bound to the browser as well', async () => {
    const x = new CookieJar();
    const s = await start(gw, await mintToken(gw, key, { endUserId: 'sf-bound' }), 'salesforce', x);
    expect(new URL(s.location!).searchParams.get('code_challenge_method')).toBe('S256');
    const back = await consent(s.location!, 'allow');
    expect((await callback(back, new CookieJar())).result).toMatchObject({ type: 'error', code: 'BROWSER_MISMATCH' });
    expect(await connections('sf-bound')).toEqual([]);
  });

  it('only its hash is stored: the value appears nowhere under DATA_DIR', async () => {
    const jar = new CookieJar();
    const s = await start(gw, await mintToken(gw, key, { endUserId: 'cookie-at-rest' }), 'hubspot', jar);
    const value = s.setCookie[0].split(';')[0].split('=')[1];
    for (const file of readdirSync(gw.dataDir, { recursive: true, encoding: 'utf8' })) {
      const full = path.join(gw.dataDir, file);
      let bytes: Buffer;
      try { bytes = readFileSync(full); } catch { continue; } // a directory
      expect(bytes.includes(value)).toBe(false);
    }
  });
});

describe('over https (PUBLIC_URL https://…)', () => {
  let secure: TestGateway;
  beforeAll(async () => { secure = await startTestGateway({ PUBLIC_URL: 'https://gateway.example.com' }); });
  afterAll(async () => { await secure.stop(); });

  it('the cookie is Secure when set and when cleared', async () => {
    const { testKey } = await secure.newAccount();
    const s = await start(secure, await mintToken(secure, testKey, { endUserId: 'https-user' }), 'hubspot');
    expect(s.status).toBe(302);
    expect(s.setCookie[0]).toMatch(/^gw_oauth_[0-9a-f]{16}=[A-Za-z0-9_-]{43}; Path=\/connect\/oauth; Max-Age=600; HttpOnly; SameSite=Lax; Secure$/);
    const state = new URL(s.location!).searchParams.get('state')!;
    const cb = await fetch(`${secure.url}/connect/oauth/callback?state=${state}&code=x`);
    expect(cb.headers.getSetCookie()[0]).toMatch(/^gw_oauth_[0-9a-f]{16}=; Path=\/connect\/oauth; Max-Age=0; HttpOnly; SameSite=Lax; Expires=[^;]+; Secure$/);
    expect(parseResult(await cb.text())).toMatchObject({ type: 'error', code: 'BROWSER_MISMATCH' });
  });
});
