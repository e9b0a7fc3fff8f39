import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import Koa from 'koa';
import { jsonResponse } from './json-response';

/** One request to a Koa app with jsonResponse outermost and `handler` inside: what the client got. */
async function answer(handler: Koa.Middleware, inner?: Koa.Middleware): Promise<{ status: number; type: string | undefined; length: string | undefined; body: string; seen: unknown }> {
  const app = new Koa();
  let seen: unknown;
  app.use(jsonResponse());
  app.use(async (ctx, next) => { await next(); seen = ctx.body; });
  if (inner) app.use(inner);
  app.use(handler);
  const server = http.createServer(app.callback()).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    return { status: res.status, type: res.headers.get('content-type') ?? undefined, length: res.headers.get('content-length') ?? undefined, body: await res.text(), seen };
  } finally {
    server.close();
  }
}

describe('jsonResponse', () => {
  it('writes an object body as the same JSON, once encoded, keeping status and type; inner middleware still sees the object', async () => {
    const body = { data: [{ name: 'José Müller', remoteData: undefined, n: 1 }], meta: { requestId: 'req_1', nextCursor: null } };
    const r = await answer((ctx) => { ctx.status = 201; ctx.body = body; });
    expect(r.status).toBe(201);
    expect(r.type).toBe('application/json; charset=utf-8');
    expect(r.body).toBe(JSON.stringify(body));
    expect(Number(r.length)).toBe(Buffer.byteLength(JSON.stringify(body)));
    expect(JSON.parse(r.body).data[0]).not.toHaveProperty('remoteData');
    expect(r.seen).toBe(body);
  });

  it('keeps a type the handler chose, and arrays are JSON too', async () => {
    const r = await answer((ctx) => { ctx.type = 'application/problem+json'; ctx.body = [1, 'two']; });
    expect(r.type).toBe('application/problem+json');
    expect(r.body).toBe('[1,"two"]');
  });

  it('leaves strings, buffers, streams and empty answers to Koa', async () => {
    expect((await answer((ctx) => { ctx.type = 'application/json'; ctx.body = '{"a":1}'; })).body).toBe('{"a":1}');
    expect((await answer((ctx) => { ctx.body = Buffer.from('raw'); })).body).toBe('raw');
    const streamed = await answer((ctx) => { ctx.type = 'text/plain'; ctx.body = Readable.from(['a', 'b']); });
    expect(streamed.body).toBe('ab');
    expect(streamed.length).toBeUndefined();
    const empty = await answer((ctx) => { ctx.status = 204; });
    expect(empty.status).toBe(204);
    expect(empty.body).toBe('');
  });
});
