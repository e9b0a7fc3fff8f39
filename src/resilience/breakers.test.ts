import { Registry } from 'prom-client';
import { Breakers } from './breakers';
import { PolicyBook } from './policy-book';
import { ProviderMetrics } from './provider-metrics';
import { resilienceKey } from './resilience-key';
import { createLogger } from '../logging/logger';
import type { ProviderManifest } from '../provider-sdk/manifest';

const manifest = {
  id: 'acme-crm',
  breaker: { errorThresholdPercentage: 50, volumeThreshold: 2, resetTimeoutMs: 600_000, rollingCountTimeoutMs: 10_000 },
  rateLimit: { requests: 10, intervalMs: 1000, margin: 0.1 }, retry: { retries: 0, minTimeoutMs: 1, maxTimeoutMs: 1 },
} as unknown as ProviderManifest;
const key = (host: string) => resilienceKey({ id: 'c', accountId: 'acc_1', provider: 'acme-crm', mode: 'live', metadata: {} }, `https://${host}`);
const fault = () => Promise.reject(Object.assign(new Error('502'), { countsAsProviderFailure: true }));
const ok = () => Promise.resolve('ok');

describe('Breakers', () => {
  let clock = 0;
  let registry: Registry;
  let breakers: Breakers;
  beforeEach(() => {
    clock = 1_000_000;
    registry = new Registry();
    breakers = new Breakers(new PolicyBook((id) => (id === 'acme-crm' ? manifest : undefined)), createLogger('silent'), new ProviderMetrics(registry), () => clock);
  });
  afterEach(() => breakers.shutdown());

  it('one key opening leaves the others closed', async () => {
    for (let i = 0; i < 2; i++) await breakers.fire(key('a.example.com'), fault).catch(() => undefined);
    expect(breakers.state(key('a.example.com'))).toBe('open');
    expect(() => breakers.assertClosed(key('a.example.com'))).toThrow(expect.objectContaining({ code: 'CIRCUIT_OPEN' }));
    expect(() => breakers.assertClosed(key('b.example.com'))).not.toThrow();
    await expect(breakers.fire(key('b.example.com'), ok)).resolves.toBe('ok');
    const text = await registry.getSingleMetricAsString('gateway_provider_breaker_state');
    expect(text).toContain('gateway_provider_breaker_state{provider="acme-crm",upstream="live:a.example.com"} 2');
    expect(text).toContain('gateway_provider_breaker_state{provider="acme-crm",upstream="live:b.example.com"} 0');
  });

  it('drops a closed breaker idle past its rolling window (and its series), never an open one', async () => {
    await breakers.fire(key('idle.example.com'), ok);
    for (let i = 0; i < 2; i++) await breakers.fire(key('down.example.com'), fault).catch(() => undefined);
    expect(breakers.size).toBe(2);
    clock += 61_000;
    await breakers.fire(key('new.example.com'), ok);
    expect(breakers.size).toBe(2);
    expect(breakers.state(key('down.example.com'))).toBe('open');
    const text = await registry.getSingleMetricAsString('gateway_provider_breaker_state');
    expect(text).not.toContain('idle.example.com');
  });
});
