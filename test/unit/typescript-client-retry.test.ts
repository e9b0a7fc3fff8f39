import { parseRetryAfter, retryingFetch, type FetchLike } from '../../clients/typescript/src/retry';
import { paginate } from '../../clients/typescript/src/paginate';

/** The TypeScript client's retry rules and pagination, with a scripted fetch and a recording sleep. */
const NOW = Date.parse('2030-01-01T00:00:00Z');

function scripted(answers: (Response | Error)[]): { fetch: FetchLike; seen: Request[] } {
  const seen: Request[] = [];
  return {
    seen,
    fetch: async (req) => {
      seen.push(req);
      const next = answers.shift();
      if (!next) throw new Error('no more answers');
      if (next instanceof Error) throw next;
      return next;
    },
  };
}
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const post = (key?: string) => new Request('http://gw.test/v1/contacts', {
  method: 'POST', body: '{"email":"a@b.c"}', headers: key ? { 'Idempotency-Key': key } : {},
});

describe('parseRetryAfter', () => {
  it.each([
    ['3', 3000], ['0', 0], ['1.5', 1500], ['Tue, 01 Jan 2030 00:00:10 GMT', 10_000], ['Mon, 31 Dec 2029 23:59:00 GMT', 0],
    [null, null], ['', null], ['soon', null],
  ])('%p → %p ms', (value, ms) => expect(parseRetryAfter(value, NOW)).toBe(ms));
});

describe('retryingFetch', () => {
  it('waits what Retry-After says, then sends the same request (body and key) again', async () => {
    const { fetch, seen } = scripted([json(429, { error: { code: 'RATE_LIMITED' } }, { 'retry-after': '2' }), json(201, { data: {} })]);
    const waits: number[] = [];
    const res = await retryingFetch(fetch, { sleep: async (ms) => { waits.push(ms); }, now: () => NOW })(post('k1'));
    expect(res.status).toBe(201);
    expect(waits).toEqual([2000]);
    expect(seen.map((r) => r.headers.get('idempotency-key'))).toEqual(['k1', 'k1']);
    expect(await Promise.all(seen.map((r) => r.text()))).toEqual(['{"email":"a@b.c"}', '{"email":"a@b.c"}']);
  });

  it('a 503 without Retry-After backs off 500 ms, 1 s; gives the last answer after maxAttempts', async () => {
    const { fetch, seen } = scripted([json(503, {}), json(503, {}), json(503, { last: true })]);
    const waits: number[] = [];
    const res = await retryingFetch(fetch, { sleep: async (ms) => { waits.push(ms); } })(new Request('http://gw.test/v1/providers'));
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ last: true });
    expect(waits).toEqual([500, 1000]);
    expect(seen).toHaveLength(3);
  });

  it('a Retry-After over maxDelayMs is not waited: the answer is returned at once', async () => {
    const { fetch, seen } = scripted([json(429, {}, { 'retry-after': '120' })]);
    const res = await retryingFetch(fetch, { maxDelayMs: 60_000, sleep: async () => { throw new Error('slept'); } })(new Request('http://gw.test/v1/contacts'));
    expect(res.status).toBe(429);
    expect(seen).toHaveLength(1);
  });

  it('409 IDEMPOTENCY_IN_PROGRESS is waited out; another 409 is not retried', async () => {
    const inProgress = scripted([json(409, { error: { code: 'IDEMPOTENCY_IN_PROGRESS' } }, { 'retry-after': '1' }), json(201, {})]);
    expect((await retryingFetch(inProgress.fetch, { sleep: async () => undefined })(post('k2'))).status).toBe(201);
    const conflict = scripted([json(409, { error: { code: 'IDEMPOTENCY_KEY_CONFLICT' } })]);
    expect((await retryingFetch(conflict.fetch, { sleep: async () => undefined })(post('k3'))).status).toBe(409);
    expect(conflict.seen).toHaveLength(1);
  });

  it('a lost connection is retried for reads and keyed writes, never for a write without a key', async () => {
    const lost = () => new TypeError('fetch failed');
    const keyed = scripted([lost(), json(201, {})]);
    expect((await retryingFetch(keyed.fetch, { sleep: async () => undefined })(post('k4'))).status).toBe(201);
    const read = scripted([lost(), json(200, {})]);
    expect((await retryingFetch(read.fetch, { sleep: async () => undefined })(new Request('http://gw.test/v1/contacts'))).status).toBe(200);
    const unkeyed = scripted([lost(), json(201, {})]);
    await expect(retryingFetch(unkeyed.fetch, { sleep: async () => undefined })(post())).rejects.toThrow('fetch failed');
    expect(unkeyed.seen).toHaveLength(1);
  });

  it('an aborted request is not retried', async () => {
    const ctl = new AbortController();
    ctl.abort();
    const { fetch, seen } = scripted([Object.assign(new Error('aborted'), { name: 'AbortError' }), json(200, {})]);
    await expect(retryingFetch(fetch, { sleep: async () => undefined })(new Request('http://gw.test/v1/contacts', { signal: ctl.signal }))).rejects.toThrow('aborted');
    expect(seen).toHaveLength(1);
  });
});

describe('paginate', () => {
  it('follows nextCursor until null, passing each back', async () => {
    const pages: Record<string, { data: number[]; meta: { nextCursor: string | null } }> = {
      first: { data: [1, 2], meta: { nextCursor: 'c2' } }, c2: { data: [3], meta: { nextCursor: 'c3' } }, c3: { data: [], meta: { nextCursor: null } },
    };
    const asked: (string | undefined)[] = [];
    const all: number[] = [];
    for await (const n of paginate(async (cursor) => { asked.push(cursor); return { data: pages[cursor ?? 'first'] }; })) all.push(n);
    expect(all).toEqual([1, 2, 3]);
    expect(asked).toEqual([undefined, 'c2', 'c3']);
  });

  it('stops with an error when a cursor comes back twice', async () => {
    const loop = paginate(async () => ({ data: { data: [1], meta: { nextCursor: 'same' } } }));
    await expect((async () => { for await (const _ of loop) { /* drain */ } })()).rejects.toThrow('same nextCursor');
  });
});
