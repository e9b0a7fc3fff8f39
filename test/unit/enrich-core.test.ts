import { LookupBatcher } from '../../src/enrich/lookup-batcher';
import { TtlCache } from '../../src/shared/ttl-cache';
import { decideMatch } from '../../src/enrich/match';
import { enrichSettings } from '../../src/enrich/enrich-settings';
import type { Contact, Lead } from '../../src/provider-sdk/unified-models';

afterEach(() => jest.useRealTimers());

describe('LookupBatcher', () => {
  it('merges keys asked for within the window into one batch and shares in-flight keys', async () => {
    jest.useFakeTimers();
    const batches: string[][] = [];
    const b = new LookupBatcher<string>(async (keys) => { batches.push(keys); return new Map(keys.map((k) => [k, `v:${k}`])); },
      { windowMs: 5, maxWaitMs: 100, maxBatch: 100, missing: () => 'none' });
    const asked = ['a', 'b', 'a', 'c', 'b'].map((k) => b.lookup(k));
    expect(batches).toEqual([]);
    await jest.advanceTimersByTimeAsync(5);
    expect(await Promise.all(asked)).toEqual(['v:a', 'v:b', 'v:a', 'v:c', 'v:b']);
    expect(batches).toEqual([['a', 'b', 'c']]);
  });

  it('goes at once when a batch is full, and splits at maxBatch', async () => {
    jest.useFakeTimers();
    const batches: string[][] = [];
    const b = new LookupBatcher<number>(async (keys) => { batches.push(keys); return new Map(); }, { windowMs: 1000, maxWaitMs: 1000, maxBatch: 2, missing: () => 0 });
    const p = [b.lookup('x'), b.lookup('y'), b.lookup('z')];
    await Promise.resolve();
    expect(batches).toEqual([['x', 'y']]);
    await jest.advanceTimersByTimeAsync(1000);
    expect(await Promise.all(p)).toEqual([0, 0, 0]);
    expect(batches).toEqual([['x', 'y'], ['z']]);
  });

  it('rejects every caller of a failed batch, and asks again afterwards', async () => {
    jest.useFakeTimers();
    let fail = true;
    const b = new LookupBatcher<string>(async (keys) => { if (fail) throw new Error('down'); return new Map(keys.map((k) => [k, 'ok'])); },
      { windowMs: 1, maxWaitMs: 1, maxBatch: 10, missing: () => '' });
    const p = Promise.allSettled([b.lookup('a'), b.lookup('a')]);
    await jest.advanceTimersByTimeAsync(1);
    expect((await p).map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    const again = b.lookup('a');
    await jest.advanceTimersByTimeAsync(1);
    expect(await again).toBe('ok');
  });
});

describe('TtlCache', () => {
  it('forgets entries after their time to live, and by prefix', () => {
    jest.useFakeTimers({ now: 0 });
    const c = new TtlCache<number>();
    c.set('conn1|a', 1, 1000);
    c.set('conn1|b', 2, 5000);
    c.set('conn2|a', 3, 5000);
    c.set('off', 4, 0);
    expect(c.get('off')).toBeUndefined();
    jest.advanceTimersByTime(999);
    expect(c.get('conn1|a')).toBe(1);
    jest.advanceTimersByTime(1);
    expect(c.get('conn1|a')).toBeUndefined();
    c.deletePrefix('conn1|');
    expect(c.get('conn1|b')).toBeUndefined();
    expect(c.get('conn2|a')).toBe(3);
  });
});

const contact = (id: string, updatedAt: string): Contact => ({
  id, createdAt: null, updatedAt, customFields: {}, firstName: null, lastName: null, name: null, email: 'x@y.z', emails: [],
  phone: null, phones: [], company: 'Acme', companyId: null, title: null, ownerId: 'o1',
});
const lead = (id: string, contactId: string | null, updatedAt = '2026-01-01T00:00:00Z'): Lead => ({
  id, createdAt: null, updatedAt, customFields: {}, firstName: null, lastName: null, name: null, email: 'x@y.z', phone: null,
  company: 'Lead Co', title: null, status: null, source: null, ownerId: 'o2', contactId,
});

describe('decideMatch', () => {
  it.each([
    ['nothing', [], [], null],
    ['a contact only', [contact('c1', '2026-01-01T00:00:00Z')], [], 'contact'],
    ['a lead only', [], [lead('l1', null)], 'lead'],
    ['a lead linked to the contact (converted) defers to it', [contact('c1', '2026-01-01T00:00:00Z')], [lead('l1', 'c1')], 'contact'],
    ['an open lead not linked to the contact wins', [contact('c1', '2026-01-01T00:00:00Z')], [lead('l1', null)], 'lead'],
  ])('%s', (_name, contacts, leads, expected) => {
    expect(decideMatch(contacts as Contact[], leads as Lead[]).match).toBe(expected);
  });

  it('takes the most recently updated record of a kind', () => {
    const r = decideMatch([contact('old', '2025-01-01T00:00:00Z'), contact('new', '2026-05-01T00:00:00Z')], []);
    expect(r.contact?.id).toBe('new');
  });
});

describe('enrichSettings', () => {
  it('defaults to a 5 ms window, 60 s answers, 10 s misses', () => {
    expect(enrichSettings({})).toMatchObject({ windowMs: 5, cacheTtlMs: 60_000, missTtlMs: 10_000 });
  });
  it('turns the whole cache off with 0 and names a bad variable', () => {
    expect(enrichSettings({ ENRICH_CACHE_TTL_SECONDS: '0' })).toMatchObject({ cacheTtlMs: 0, missTtlMs: 0 });
    expect(() => enrichSettings({ ENRICH_WINDOW_MS: 'soon' })).toThrow(/ENRICH_WINDOW_MS/);
  });
});

describe('LookupBatcher under load', () => {
  it('keeps gathering while new keys keep arriving, up to maxWaitMs', async () => {
    jest.useFakeTimers({ now: 0 });
    const batches: string[][] = [];
    const b = new LookupBatcher<string>(async (keys) => { batches.push(keys); return new Map(); }, { windowMs: 5, maxWaitMs: 20, maxBatch: 100, missing: () => '' });
    const all: Promise<string>[] = [];
    for (let i = 0; i < 10; i++) { all.push(b.lookup(`k${i}`)); await jest.advanceTimersByTimeAsync(3); }
    await jest.advanceTimersByTimeAsync(20);
    await Promise.all(all);
    // Keys 3 ms apart never leave a 5 ms quiet period: the first batch closes at the 20 ms cap.
    expect(batches.map((x) => x.length)).toEqual([7, 3]);
  });

  it('sends a lone key after the short window', async () => {
    jest.useFakeTimers({ now: 0 });
    const b = new LookupBatcher<string>(async (keys) => new Map(keys.map((k) => [k, 'ok'])), { windowMs: 5, maxWaitMs: 100, maxBatch: 100, missing: () => '' });
    const p = b.lookup('solo');
    await jest.advanceTimersByTimeAsync(5);
    expect(await p).toBe('ok');
  });

  it('holds keys that arrive while a batch is in flight and sends them together when it finishes', async () => {
    jest.useFakeTimers();
    const batches: string[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const b = new LookupBatcher<string>(async (keys) => {
      batches.push(keys);
      if (batches.length === 1) await gate;
      return new Map(keys.map((k) => [k, k]));
    }, { windowMs: 5, maxWaitMs: 100, maxBatch: 100, missing: () => '' });
    const first = b.lookup('a');
    await jest.advanceTimersByTimeAsync(5);
    const later = ['b', 'c', 'd'].map((k) => b.lookup(k));
    await jest.advanceTimersByTimeAsync(50);
    expect(batches).toEqual([['a']]);
    release();
    await jest.advanceTimersByTimeAsync(5);
    expect(await Promise.all([first, ...later])).toEqual(['a', 'b', 'c', 'd']);
    expect(batches).toEqual([['a'], ['b', 'c', 'd']]);
  });
});
