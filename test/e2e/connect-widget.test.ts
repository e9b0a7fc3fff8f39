import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { buildWidget } from '../../connect-widget/build';
import type { ConnectEvent } from '../../connect-widget/src/events';
// Type-only imports pull the browser sources into `npm run typecheck` (they are not under src/).
import type {} from '../../connect-widget/src/embed';
import type {} from '../../connect-widget/src/widget';
import { randomSecret, sha256Hex } from '../../src/connect/secrets';
import { connectOAuth, mintToken } from '../helpers/connect-driver';
import { startHostPage, type HostPage } from './support/host-page';
import { launchChromium } from './support/browser';
import fixtureCrm from '../fixtures/providers/fixture-crm';
import fixtureBookings from '../fixtures/providers/fixture-bookings';

/**
 * The connect widget in headless Chromium: a host page on one loopback origin embeds the widget
 * from the gateway on another; the OAuth step runs in a real popup against the sandboxes.
 */
type HostWindow = Window & { __events: ConnectEvent[]; __open(token: string): void };

let gw: TestGateway;
let host: HostPage;
let browser: Browser;
let key: string;
let context: BrowserContext;

beforeAll(async () => {
  // Bundles to <repo>/dist/connect-widget, where the gateway looks first when run from source.
  const [b] = await Promise.all([launchChromium(), buildWidget()]);
  browser = b;
  // Fixture providers (test/fixtures/providers): one offering OAuth and an API key, one asking for a base URL.
  gw = await startTestGateway({}, { extraProviders: [fixtureCrm, fixtureBookings] });
  host = await startHostPage(gw.url);
  ({ testKey: key } = await gw.newAccount());
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
  await gw?.stop();
});
beforeEach(async () => { context = await browser.newContext(); });
afterEach(async () => { await context.close(); });

async function openWidget(token: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(host.url);
  await page.evaluate((t) => (window as unknown as HostWindow).__open(t), token);
  return page;
}

const widget = (page: Page) => page.frameLocator('iframe[data-gateway-connect]');
const events = (page: Page): Promise<ConnectEvent[]> => page.evaluate(() => (window as unknown as HostWindow).__events);

async function waitForEvent(page: Page, type: ConnectEvent['type']): Promise<ConnectEvent> {
  await page.waitForFunction((t) => (window as unknown as HostWindow).__events.some((e) => e.type === t), type, { timeout: 5000 });
  return (await events(page)).find((e) => e.type === type)!;
}

/** Clicks the provider in the widget and answers the sandbox consent page in the popup. */
async function consentInPopup(page: Page, providerName: string, decision: 'allow' | 'deny', account = 'acct1'): Promise<void> {
  const popupOpened = context.waitForEvent('page', { timeout: 5000 });
  await widget(page).getByRole('button', { name: providerName }).click();
  const popup = await popupOpened;
  await popup.locator('input[name="account"]').fill(account);
  await popup.locator(decision === 'allow' ? '#allow' : '#deny').click();
}

/** Waits until the locator shows the text (playwright-core has no web-first assertions). */
async function seeText(locator: Locator, text: string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: 5000 });
}

async function mint(endUserId: string): Promise<string> {
  return mintToken(gw, key, { endUserId, allowedOrigin: host.origin });
}

describe('connect widget (headless Chromium)', () => {
  it('serves the page with a CSP and no inline script, and the SDK', async () => {
    const page = await fetch(`${gw.url}/connect`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain('frame-ancestors');
    const html = await page.text();
    expect(html).not.toMatch(/<script>|<script(?![^>]*\bsrc=)[^>]*>/);
    const embed = await fetch(`${gw.url}/connect/embed.js`);
    expect(embed.headers.get('content-type')).toContain('javascript');
    expect(await embed.text()).toContain('GatewayConnect');
    expect((await fetch(`${gw.url}/connect/assets/styles.css`)).headers.get('content-type')).toContain('text/css');
  });

  it('hubspot: the host receives ready, then connected with an active connection id', async () => {
    const page = await openWidget(await mint('e2e-hs'));
    await waitForEvent(page, 'ready');
    await consentInPopup(page, 'HubSpot', 'allow', 'hs-e2e');
    const ev = await waitForEvent(page, 'connected');
    expect(ev).toMatchObject({ type: 'connected', provider: 'hubspot', connectionId: expect.any(String) });
    const id = (ev as Extract<ConnectEvent, { type: 'connected' }>).connectionId;
    const conn = await gw.call('GET', `/v1/connections/${id}`, { key });
    expect(conn.body.data).toMatchObject({ id, status: 'active', provider: 'hubspot', endUserId: 'e2e-hs' });
    // The popup carried the flow's browser-binding cookie to the callback, which cleared it.
    expect((await context.cookies()).filter((c) => c.name.startsWith('gw_oauth_'))).toEqual([]);
    await seeText(widget(page).getByRole('status'), 'HubSpot is connected');
    // Done closes the widget: the iframe goes away and the host gets `close`.
    await widget(page).getByRole('button', { name: 'Done' }).click();
    await waitForEvent(page, 'close');
    expect(await page.locator('iframe[data-gateway-connect]').count()).toBe(0);
  });

  it('pipedrive: connected, api_domain kept', async () => {
    const page = await openWidget(await mint('e2e-pd'));
    await consentInPopup(page, 'Pipedrive', 'allow', 'pd-e2e');
    const ev = await waitForEvent(page, 'connected') as Extract<ConnectEvent, { type: 'connected' }>;
    expect(ev.provider).toBe('pipedrive');
    expect((await gw.call('GET', `/v1/connections/${ev.connectionId}`, { key })).body.data.status).toBe('active');
    const stored = await gw.deps.store.connections.getById(ev.connectionId);
    expect(stored!.metadata.api_domain).toMatch(/^http/);
  });

  it('salesforce: connected, instance_url kept', async () => {
    const page = await openWidget(await mint('e2e-sf'));
    await consentInPopup(page, 'Salesforce', 'allow', 'sf-e2e');
    const ev = await waitForEvent(page, 'connected') as Extract<ConnectEvent, { type: 'connected' }>;
    expect(ev.provider).toBe('salesforce');
    expect((await gw.call('GET', `/v1/connections/${ev.connectionId}`, { key })).body.data.status).toBe('active');
    const stored = await gw.deps.store.connections.getById(ev.connectionId);
    expect(stored!.metadata.instance_url).toBe(`${gw.url}/sandbox/salesforce`);
  });

  it('deny: an error event and no connection', async () => {
    const page = await openWidget(await mint('e2e-deny'));
    await consentInPopup(page, 'HubSpot', 'deny');
    const ev = await waitForEvent(page, 'error');
    expect(ev).toMatchObject({ type: 'error', code: 'ACCESS_DENIED' });
    await seeText(widget(page).getByRole('alert'), 'ACCESS_DENIED');
    expect((await events(page)).some((e) => e.type === 'connected')).toBe(false);
    expect((await gw.call('GET', '/v1/connections?endUserId=e2e-deny', { key })).body.data).toEqual([]);
  });

  it('an expired connect token: the widget shows INVALID_CONNECT_TOKEN and offers no provider', async () => {
    // The token's session is written straight to the store with an expiry in the past.
    const token = randomSecret('ct_', 32);
    const { accountId } = (await gw.deps.store.connectSessions.findByTokenHash(sha256Hex(await mint('e2e-exp'))))!;
    const past = new Date(Date.now() - 60_000).toISOString();
    await gw.deps.store.connectSessions.create({
      id: `cs_e2e_expired`, tokenHash: sha256Hex(token), accountId, mode: 'test', endUserId: 'e2e-exp', providers: null,
      allowedOrigin: host.origin, expiresAt: past, usedAt: null, createdAt: past,
    });
    const page = await openWidget(token);
    await seeText(widget(page).getByRole('alert'), 'INVALID_CONNECT_TOKEN');
    expect(await widget(page).locator('button.provider').count()).toBe(0);
    // Without a valid token the widget knows no origin it may message: the host hears nothing.
    expect(await events(page)).toEqual([]);
  });

  it('a token that stops being valid after the widget loaded: an error event INVALID_CONNECT_TOKEN', async () => {
    const token = await mint('e2e-used');
    const page = await openWidget(token);
    await waitForEvent(page, 'ready');
    // Used elsewhere to complete a connection (single use), so the popup's start is refused.
    expect((await connectOAuth(gw, token, 'pipedrive')).type).toBe('connected');
    await widget(page).getByRole('button', { name: 'HubSpot' }).click();
    const ev = await waitForEvent(page, 'error');
    expect(ev).toMatchObject({ type: 'error', code: 'INVALID_CONNECT_TOKEN' });
  });

  it('reconnect: a needs_reauth connection is re-authorized in place, same id, active again', async () => {
    const first = await connectOAuth(gw, await mint('e2e-re'), 'hubspot', 're-acct');
    const id = first.connectionId!;
    await gw.deps.store.connections.update(id, { status: 'needs_reauth' });
    const page = await openWidget(await mint('e2e-re'));
    await widget(page).getByRole('button', { name: 'Reconnect HubSpot' }).waitFor({ timeout: 5000 });
    await consentInPopup(page, 'Reconnect HubSpot', 'allow', 're-acct');
    const ev = await waitForEvent(page, 'connected') as Extract<ConnectEvent, { type: 'connected' }>;
    expect(ev.connectionId).toBe(id);
    expect((await gw.call('GET', `/v1/connections/${id}`, { key })).body.data.status).toBe('active');
    expect((await gw.call('GET', '/v1/connections?endUserId=e2e-re', { key })).body.data).toHaveLength(1);
  });

  it('42min (api_key): a wrong key is refused in the form, a valid one connects', async () => {
    const res = await fetch(`${gw.url}/sandbox/42min/v1/personal-access-tokens`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'e2e-widget', scopes: ['bookings:read'], account: 'pat-e2e' }),
    });
    const pat = ((await res.json()) as { data: { token: string } }).data.token;
    const page = await openWidget(await mint('e2e-pat'));
    await widget(page).getByRole('button', { name: '42min' }).click();
    await widget(page).locator('#api-key').fill('not-a-real-token');
    await widget(page).getByRole('button', { name: 'Connect', exact: true }).click();
    await widget(page).getByRole('alert').waitFor({ timeout: 5000 });
    await widget(page).locator('#api-key').fill(pat);
    await widget(page).getByRole('button', { name: 'Connect', exact: true }).click();
    const ev = await waitForEvent(page, 'connected') as Extract<ConnectEvent, { type: 'connected' }>;
    expect(ev.provider).toBe('42min');
    expect((await gw.call('GET', `/v1/connections/${ev.connectionId}`, { key })).body.data.status).toBe('active');
    expect(JSON.stringify(await events(page))).not.toContain(pat);
  });

  it('a provider offering OAuth and an API key: the user chooses, OAuth first; both connect', async () => {
    const page = await openWidget(await mint('e2e-choice-oauth'));
    await widget(page).getByRole('button', { name: 'Fixture CRM' }).click();
    const methods = widget(page).locator('button[data-method]');
    await methods.first().waitFor({ timeout: 5000 });
    expect(await methods.evaluateAll((els) => els.map((e) => e.getAttribute('data-method')))).toEqual(['oauth2', 'api_key']);
    const popupOpened = context.waitForEvent('page', { timeout: 5000 });
    await widget(page).getByRole('button', { name: 'Sign in with Fixture CRM' }).click();
    const popup = await popupOpened;
    await popup.locator('#allow').click();
    expect(await waitForEvent(page, 'connected')).toMatchObject({ provider: 'fixture-crm' });

    const issued = (await gw.call('POST', '/v1/sandbox/credentials', { key, body: { provider: 'fixture-crm' } })).body.data;
    const second = await openWidget(await mint('e2e-choice-key'));
    await widget(second).getByRole('button', { name: 'Fixture CRM' }).click();
    await widget(second).getByRole('button', { name: 'Use an API key' }).click();
    await widget(second).locator('#api-key').fill(issued.credentials.apiKey);
    await widget(second).getByRole('button', { name: 'Connect', exact: true }).click();
    const ev = await waitForEvent(second, 'connected') as Extract<ConnectEvent, { type: 'connected' }>;
    expect(ev.provider).toBe('fixture-crm');
  });

  it('asks for the connection config in the API-key form, and shows a bad value\'s error', async () => {
    const issued = (await gw.call('POST', '/v1/sandbox/credentials', { key, body: { provider: 'fixture-bookings' } })).body.data;
    const page = await openWidget(await mint('e2e-config'));
    await widget(page).getByRole('button', { name: 'Fixture Bookings' }).click();
    await widget(page).getByLabel('Your bookings site').fill('http://bookings.example.com');
    await widget(page).locator('#api-key').fill(issued.credentials.apiKey);
    await widget(page).getByRole('button', { name: 'Connect', exact: true }).click();
    await seeText(widget(page).getByRole('alert'), 'config.baseUrl');
    // The typed setting survives the error; the key is asked again.
    expect(await widget(page).getByLabel('Your bookings site').inputValue()).toBe('http://bookings.example.com');
    await widget(page).getByLabel('Your bookings site').fill(issued.config.baseUrl);
    await widget(page).locator('#api-key').fill(issued.credentials.apiKey);
    await widget(page).getByRole('button', { name: 'Connect', exact: true }).click();
    const ev = await waitForEvent(page, 'connected') as Extract<ConnectEvent, { type: 'connected' }>;
    expect(ev.provider).toBe('fixture-bookings');
    const me = await gw.call('GET', '/v1/passthrough/v1/me?provider=fixture-bookings&endUserId=e2e-config', { key });
    expect(me.status).toBe(200);
  });

  it('a blocked popup shows a message and a retry button that opens it', async () => {
    // The first window.open inside the widget behaves as a popup blocker would: it returns null.
    await context.addInitScript(() => {
      if (location.pathname !== '/connect') return;
      const realOpen = window.open.bind(window);
      let calls = 0;
      window.open = (...args: Parameters<Window['open']>) => (calls++ === 0 ? null : realOpen(...args));
    });
    const page = await openWidget(await mint('e2e-blocked'));
    await widget(page).getByRole('button', { name: 'HubSpot' }).click();
    await seeText(widget(page).getByRole('alert'), 'blocked');
    const popupOpened = context.waitForEvent('page', { timeout: 5000 });
    await widget(page).getByRole('button', { name: 'Open the sign-in window' }).click();
    const popup = await popupOpened;
    await popup.locator('#allow').click();
    expect(await waitForEvent(page, 'connected')).toMatchObject({ provider: 'hubspot' });
  });

  it('is keyboard-usable on a phone-sized screen: Enter on a provider button starts its flow, Escape closes', async () => {
    const page = await openWidget(await mint('e2e-kbd'));
    await waitForEvent(page, 'ready');
    await page.setViewportSize({ width: 360, height: 640 });
    const frame = page.frames().find((f) => f.url().includes('/connect'))!;
    // The api_key provider's form opens from the keyboard with the key field focused.
    await frame.locator('button[data-provider="42min"]').focus({ timeout: 5000 });
    await page.keyboard.press('Enter');
    await frame.locator('#api-key:focus').waitFor({ timeout: 5000 });
    await frame.getByRole('button', { name: 'Back' }).focus();
    await page.keyboard.press('Enter');
    await frame.locator('button[data-provider="hubspot"]').focus({ timeout: 5000 });
    const popupOpened = context.waitForEvent('page', { timeout: 5000 });
    await page.keyboard.press('Enter');
    const popup = await popupOpened;
    await popup.close();
    // Closing the popup without finishing brings the user back to the list with a note.
    await seeText(widget(page).getByRole('status'), 'closed before finishing');
    await page.keyboard.press('Escape');
    await waitForEvent(page, 'close');
  });
});
