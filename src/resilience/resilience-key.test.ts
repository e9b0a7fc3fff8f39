import { resilienceKey } from './resilience-key';
import { SANDBOX_ACCOUNT_METADATA } from '../connections/sandbox-clients';

const conn = (mode: 'live' | 'test', metadata: Record<string, string> = {}, id = 'conn_1', provider = 'acme-crm', accountId = 'acc_1') =>
  ({ id, accountId, provider, mode, metadata });

describe('resilienceKey', () => {
  it('live: provider and the host of the API base the connection uses (port kept, case folded)', () => {
    expect(resilienceKey(conn('live'), 'https://API.example.com/v3')).toEqual({
      provider: 'acme-crm', upstream: 'live:api.example.com', id: 'acme-crm\u0000live:api.example.com',
    });
    expect(resilienceKey(conn('live'), 'https://eu1.example.com:8443').upstream).toBe('live:eu1.example.com:8443');
  });

  it('live: two tenants on one host share a key; on two hosts (per-customer instance or domain) they do not', () => {
    const a = resilienceKey(conn('live', {}, 'conn_a'), 'https://api.example.com');
    const b = resilienceKey(conn('live', {}, 'conn_b'), 'https://api.example.com/other/path');
    const c = resilienceKey(conn('live', {}, 'conn_c'), 'https://tenant-c.example.com');
    expect(a.id).toBe(b.id);
    expect(c.id).not.toBe(a.id);
  });

  it('test: provider and sandbox account, whatever the host, and never a live key', () => {
    const a = resilienceKey(conn('test', { [SANDBOX_ACCOUNT_METADATA]: 'acct-a' }, 'conn_a'), 'http://127.0.0.1:3000/sandbox/acme-crm');
    const a2 = resilienceKey(conn('test', { [SANDBOX_ACCOUNT_METADATA]: 'acct-a' }, 'conn_a2'), 'http://127.0.0.1:3000/sandbox/acme-crm');
    const b = resilienceKey(conn('test', { [SANDBOX_ACCOUNT_METADATA]: 'acct-b' }, 'conn_b'), 'http://127.0.0.1:3000/sandbox/acme-crm');
    expect(a.upstream).toMatch(/^test:[0-9a-f]{16}$/);
    expect(a.upstream).not.toContain('acct-a');
    expect(a2.id).toBe(a.id);
    expect(b.id).not.toBe(a.id);
    const live = resilienceKey(conn('live'), 'http://127.0.0.1:3000/sandbox/acme-crm');
    expect([a.id, b.id]).not.toContain(live.id);
  });

  it('test: two gateway accounts on one sandbox account name do not share a key', () => {
    const meta = { [SANDBOX_ACCOUNT_METADATA]: 'demo' };
    const a = resilienceKey(conn('test', meta, 'conn_a', 'acme-crm', 'acc_a'), 'http://127.0.0.1:3000/sandbox/acme-crm');
    const b = resilienceKey(conn('test', meta, 'conn_b', 'acme-crm', 'acc_b'), 'http://127.0.0.1:3000/sandbox/acme-crm');
    expect(a.id).not.toBe(b.id);
  });

  it('test without a known sandbox account: the connection alone, never a shared key', () => {
    const k = resilienceKey(conn('test', {}, 'conn_x'), 'https://sandbox.example.com');
    expect(k.upstream).toBe('test:connection:conn_x');
    expect(resilienceKey(conn('test', {}, 'conn_y'), 'https://sandbox.example.com').id).not.toBe(k.id);
  });

  it('the provider is part of the key', () => {
    expect(resilienceKey(conn('live', {}, 'c', 'one'), 'https://h.example.com').id)
      .not.toBe(resilienceKey(conn('live', {}, 'c', 'two'), 'https://h.example.com').id);
  });
});
