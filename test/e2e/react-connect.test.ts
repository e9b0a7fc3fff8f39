import path from 'node:path';
import { build } from 'esbuild';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { buildWidget } from '../../connect-widget/build';
import { mintToken } from '../helpers/connect-driver';
import { startHostPage, type HostPage } from './support/host-page';
import { launchChromium } from './support/browser';
// Type-only: pulls the host page's source into `npm run typecheck` (it is bundled, not imported).
import type {} from './support/react-host-app';

/**
 * The React bindings of clients/typescript (useGatewayConnect, ConnectButton) in headless Chromium:
 * a React host page (support/react-host-app.ts, bundled here by esbuild with React from the root
 * node_modules) on its own loopback origin loads embed.js from the gateway through the hook; the
 * ConnectButton opens the widget with a token from "the app's back end", the sandbox consent runs
 * in the real popup, and the hook reports the connection.
 */
type HostWindow = Window & { __nextToken?: string; __hookToken?: string };

jest.setTimeout(60_000);

let gw: TestGateway;
let host: HostPage;
let browser: Browser;
let key: string;
let context: BrowserContext;

async function bundleHostApp(): Promise<string> {
  const out = await build({
    entryPoints: [path.join(__dirname, 'support', 'react-host-app.ts')],
    bundle: true, write: false, format: 'iife', platform: 'browser', target: ['es2020'],
    define: { 'process.env.NODE_ENV': '"production"' }, logLevel: 'warning',
  });
  return out.outputFiles[0].text;
}

beforeAll(async () => {
  const [b, script] = await Promise.all([launchChromium(), bundleHostApp(), buildWidget()]);
  browser = b;
  gw = await startTestGateway();
  host = await startHostPage(gw.url, {
    html: '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>React host</title></head><body><div id="root"></div><script src="/host.js"></script></body></html>',
    script,
  });
  ({ testKey: key } = await gw.newAccount());
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
  await gw?.stop();
});
beforeEach(async () => { context = await browser.newContext(); });
afterEach(async () => { await context.close(); });

const mint = (endUserId: string) => mintToken(gw, key, { endUserId, allowedOrigin: host.origin });
const widget = (page: Page) => page.frameLocator('iframe[data-gateway-connect]');
const text = (page: Page, selector: string) => page.locator(selector).textContent();

async function openHost(): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${host.url}?gateway=${encodeURIComponent(gw.url)}`);
  return page;
}

/** Waits until the element's text is `expected` (playwright-core has no web-first assertions). */
async function waitForText(page: Page, selector: string, expected: RegExp): Promise<string> {
  await page.waitForFunction(([s, src]) => new RegExp(src).test(document.querySelector(s)?.textContent ?? ''), [selector, expected.source] as const, { timeout: 5000 });
  return (await text(page, selector)) ?? '';
}

/** Picks the provider in the widget and allows access on the sandbox consent page in the popup. */
async function consentInPopup(page: Page, providerName: string, decision: 'allow' | 'deny', account: string): Promise<void> {
  const popupOpened = context.waitForEvent('page', { timeout: 5000 });
  await widget(page).getByRole('button', { name: providerName }).click();
  const popup = await popupOpened;
  await popup.locator('input[name="account"]').fill(account);
  await popup.locator(decision === 'allow' ? '#allow' : '#deny').click();
}

describe('React host (headless Chromium)', () => {
  it('ConnectButton: opens the widget with a token from the back end; the hook reports the connection', async () => {
    const page = await openHost();
    const button = page.getByRole('button', { name: 'Connect your CRM' });
    // Enabled once the hook has loaded embed.js from the gateway (one script for both hooks on the page).
    await page.waitForFunction(() => document.querySelector('button[data-status]')?.getAttribute('data-status') === 'ready', null, { timeout: 5000 });
    expect(await page.locator(`script[src="${gw.url}/connect/embed.js"]`).count()).toBe(1);
    const token = await mint('react-eu');
    await page.evaluate((t) => { (window as HostWindow).__nextToken = t; }, token);
    await button.click();
    expect(await button.getAttribute('data-status')).toBe('open');
    await consentInPopup(page, 'HubSpot', 'allow', 'react-hs');
    const shown = await waitForText(page, '#button-connection', /^hubspot \S+$/);
    const connectionId = shown.split(' ')[1];
    const conn = await gw.call('GET', `/v1/connections/${connectionId}`, { key });
    expect(conn.body.data).toMatchObject({ id: connectionId, status: 'active', provider: 'hubspot', endUserId: 'react-eu' });
    expect(await button.getAttribute('data-status')).toBe('connected');
    // Done closes the widget; the connection stays reported.
    await widget(page).getByRole('button', { name: 'Done' }).click();
    await waitForText(page, '#button-events', /connected.*,close$/);
    expect(await page.locator('iframe[data-gateway-connect]').count()).toBe(0);
    expect(await button.getAttribute('data-status')).toBe('connected');
    expect(await text(page, '#button-events')).toMatch(/^ready,connected,close$/);
  });

  it('useGatewayConnect: status ready → open → error on a refused consent; closing keeps the error', async () => {
    const page = await openHost();
    await waitForText(page, '#hook-status', /^ready$/);
    await page.evaluate((t) => { (window as HostWindow).__hookToken = t; }, await mint('react-deny'));
    await page.locator('#hook-open').click();
    expect(await text(page, '#hook-status')).toBe('open');
    await consentInPopup(page, 'HubSpot', 'deny', 'react-deny');
    await waitForText(page, '#hook-status', /^error$/);
    expect(await text(page, '#hook-error')).toBe('ACCESS_DENIED');
    expect(await text(page, '#hook-connection')).toBe('');
    // The host closes it from code (the overlay covers the page, so no user click reaches this button).
    await page.locator('#hook-close').dispatchEvent('click');
    await page.locator('iframe[data-gateway-connect]').waitFor({ state: 'detached', timeout: 5000 });
    expect(await text(page, '#hook-status')).toBe('error');
    expect((await gw.call('GET', '/v1/connections?endUserId=react-deny', { key })).body.data).toEqual([]);
  });

  it('useGatewayConnect: closed by the user without connecting, it is ready again', async () => {
    const page = await openHost();
    await waitForText(page, '#hook-status', /^ready$/);
    await page.evaluate((t) => { (window as HostWindow).__hookToken = t; }, await mint('react-close'));
    await page.locator('#hook-open').click();
    await widget(page).getByRole('button', { name: 'HubSpot' }).waitFor({ timeout: 5000 });
    expect(await text(page, '#hook-status')).toBe('open');
    // A click on the backdrop, outside the widget.
    await page.mouse.click(5, 5);
    await waitForText(page, '#hook-status', /^ready$/);
    expect(await page.locator('iframe[data-gateway-connect]').count()).toBe(0);
  });
});
