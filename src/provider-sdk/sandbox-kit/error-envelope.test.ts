import type { Context } from 'koa';
import { errorEnvelope } from './error-envelope';

/** The shared order of failure checks; what each kind looks like is the sandbox's own. */
class Oops extends Error {
  constructor(readonly code: string, readonly headers: Record<string, string> = {}) { super(code); }
}

const envelope = errorEnvelope({
  thrown: Oops,
  renderThrown: (ctx, err) => { ctx.body = `thrown ${err.code}`; },
  notFound: (ctx) => { ctx.body = 'not found'; },
  invalidJson: (ctx) => { ctx.body = 'invalid json'; },
  clientError: (ctx, status) => { ctx.body = `client ${status}`; },
  serverError: (ctx) => { ctx.body = 'server'; },
});

async function run(next: () => Promise<void>, status = 200): Promise<{ body: unknown; headers: Record<string, string> }> {
  const headers: Record<string, string> = {};
  const ctx = { status, body: undefined as unknown, set: (k: string, v: string) => { headers[k] = v; } };
  await envelope(ctx as unknown as Context, next);
  return { body: ctx.body, headers };
}

describe('sandbox kit errorEnvelope', () => {
  it('renders the sandbox error with its headers, then bad JSON, client errors and the rest', async () => {
    expect(await run(async () => { throw new Oops('slot_taken', { 'Retry-After': '3' }); })).toEqual({ body: 'thrown slot_taken', headers: { 'Retry-After': '3' } });
    expect((await run(async () => { JSON.parse('{'); })).body).toBe('invalid json');
    expect((await run(async () => { throw Object.assign(new Error('too big'), { status: 413 }); })).body).toBe('client 413');
    expect((await run(async () => { throw Object.assign(new Error('down'), { status: 503 }); })).body).toBe('server');
    expect((await run(async () => { throw new Error('bug'); })).body).toBe('server');
  });

  it('answers an unknown path only when nothing answered', async () => {
    expect((await run(async () => undefined, 404)).body).toBe('not found');
    expect((await run(async () => undefined, 200)).body).toBeUndefined();
  });
});
