import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import Koa from 'koa';
import { createLogger } from '../logging/logger';
import { GatewayMetrics } from './metrics';
import { requestLog } from './request-log';

/** A logger whose lines are kept, parsed. */
function capturedLogger(): { logger: ReturnType<typeof createLogger>; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({ write(chunk: Buffer, _enc, done) { for (const l of chunk.toString().split('\n')) if (l) lines.push(JSON.parse(l)); done(); } });
  return { logger: createLogger('info', sink), lines };
}

describe('requestLog', () => {
  it('logs one line per request with its fixed fields, while the app logger still redacts', async () => {
    const { logger, lines } = capturedLogger();
    const app = new Koa();
    app.use(async (ctx, next) => { ctx.state.requestId = 'req_test'; await next(); });
    app.use(requestLog(logger, new GatewayMetrics({ collectDefaults: false })));
    app.use((ctx) => {
      ctx.state.errorCode = 'CONTACT_NOT_FOUND';
      ctx.status = 404;
      ctx.body = 'no';
      logger.info({ authorization: 'Bearer sk_test_secret', token: 't0k' }, 'elsewhere');
    });
    const server = http.createServer(app.callback()).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/contacts?x=1`, { headers: { authorization: 'Bearer sk_test_secret' } });
      await res.text();
    } finally {
      server.close();
    }
    await new Promise((r) => setImmediate(r));
    const line = lines.find((l) => l.msg === 'request')!;
    expect(line).toMatchObject({ level: 'info', requestId: 'req_test', method: 'GET', route: 'unmatched', status: 404, errorCode: 'CONTACT_NOT_FOUND' });
    expect(typeof line.durationMs).toBe('number');
    expect(Object.keys(line).sort()).toEqual(['durationMs', 'errorCode', 'level', 'method', 'msg', 'requestId', 'route', 'status', 'time']);
    expect(lines.find((l) => l.msg === 'elsewhere')).toMatchObject({ authorization: '[REDACTED]', token: '[REDACTED]' });
    expect(JSON.stringify(lines)).not.toContain('sk_test_secret');
  });
});
