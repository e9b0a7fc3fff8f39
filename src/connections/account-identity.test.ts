import { AccountIdentifier } from './account-identity';
import type { Connection } from '../store/types';
import type { AccountIdentity } from '../provider-sdk/adapter';

/** The identifier's own rules, with stub deps: single flight, retry on use with a pause, answers checked. */
function setup(identify: () => Promise<AccountIdentity>) {
  const conn: Connection = {
    id: 'conn_1', accountId: 'acc', mode: 'test', endUserId: 'eu', provider: 'prov', status: 'active', scopes: [],
    providerAccountId: null, providerAccountName: null, credentials: 'x', credentialsVersion: 1, metadata: {}, lastError: null,
    createdAt: 'a', updatedAt: 'a', lastRefreshedAt: null, lastUsedAt: null,
  };
  let stored = { ...conn };
  const hook = jest.fn(identify);
  const warn = jest.fn();
  const deps = {
    registry: { get: () => ({ manifest: { id: 'prov' }, adapter: { identify: hook } }) },
    store: { connections: {
      getById: async () => ({ ...stored }),
      update: async (_id: string, patch: Partial<Connection>) => { stored = { ...stored, ...patch }; return { ...stored }; },
    } },
    providerClient: { http: {} },
    logger: { warn },
  };
  const identifier = new AccountIdentifier(deps as unknown as ConstructorParameters<typeof AccountIdentifier>[0]);
  return { identifier, hook, warn, conn, stored: () => stored };
}

afterEach(() => jest.useRealTimers());

describe('AccountIdentifier', () => {
  it('stores the answer, trimmed; concurrent tries of one connection share one call', async () => {
    const t = setup(async () => ({ providerAccountId: ' 42 ', providerAccountName: ' Acme ' }));
    const [a, b] = await Promise.all([t.identifier.identify(t.conn), t.identifier.identify(t.conn)]);
    expect(t.hook).toHaveBeenCalledTimes(1);
    expect(a).toMatchObject({ providerAccountId: '42', providerAccountName: 'Acme' });
    expect(b).toBe(a);
    expect(t.stored()).toMatchObject({ providerAccountId: '42', providerAccountName: 'Acme' });
  });

  it('a failure returns the connection as it was and logs the code, never the message', async () => {
    const t = setup(async () => { throw Object.assign(new Error('secret-ish provider text'), { code: 'PROVIDER_UNAVAILABLE' }); });
    await expect(t.identifier.identify(t.conn)).resolves.toEqual(t.conn);
    expect(t.warn).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(t.warn.mock.calls[0])).toContain('PROVIDER_UNAVAILABLE');
    expect(JSON.stringify(t.warn.mock.calls[0])).not.toContain('secret-ish');
  });

  it('an answer without an id is a failure; an empty name is null', async () => {
    const t = setup(async () => ({ providerAccountId: '  ', providerAccountName: 'x' }));
    await t.identifier.identify(t.conn);
    expect(t.stored().providerAccountId).toBeNull();
    const u = setup(async () => ({ providerAccountId: '7', providerAccountName: '' }));
    await u.identifier.identify(u.conn);
    expect(u.stored()).toMatchObject({ providerAccountId: '7', providerAccountName: null });
  });

  it('on use: one try at a time, a pause after a failed one, nothing once the store knows the id', async () => {
    jest.useFakeTimers({ now: Date.UTC(2030, 0, 1), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    let fail = true;
    const t = setup(async () => { if (fail) throw new Error('down'); return { providerAccountId: '9', providerAccountName: null }; });
    t.identifier.identifyLater(t.conn);
    t.identifier.identifyLater(t.conn);
    await t.identifier.settled();
    expect(t.hook).toHaveBeenCalledTimes(1);
    t.identifier.identifyLater(t.conn);
    await t.identifier.settled();
    expect(t.hook).toHaveBeenCalledTimes(1);
    fail = false;
    jest.setSystemTime(Date.now() + 61_000);
    t.identifier.identifyLater(t.conn);
    await t.identifier.settled();
    expect(t.hook).toHaveBeenCalledTimes(2);
    expect(t.stored().providerAccountId).toBe('9');
    // The caller's copy is stale (still null): the store is read first, so no third call.
    t.identifier.identifyLater(t.conn);
    await t.identifier.settled();
    expect(t.hook).toHaveBeenCalledTimes(2);
  });
});
