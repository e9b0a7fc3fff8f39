import http from 'node:http';
import Koa from 'koa';
import type { AddressInfo } from 'node:net';
import { ERROR_CATALOG, ERROR_CODES, GatewayError } from '../../src/errors';
import { errorHandler } from '../../src/http/error-handler';
import { requestId } from '../../src/http/request-id';
import { createLogger } from '../../src/logging/logger';
import { LogCapture } from '../helpers/gateway';

/** Serves an app whose only route throws `toThrow`, over real HTTP. */
async function serveThrowing(toThrow: () => unknown, logs = new LogCapture()): Promise<{ url: string; logs: LogCapture; close(): Promise<void> }> {
  const app = new Koa();
  app.use(requestId());
  app.use(errorHandler(createLogger('info', logs)));
  app.use(async () => { throw toThrow(); });
  const server = http.createServer(app.callback());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, logs, close: () => new Promise((r) => server.close(() => r())) };
}

// The table of API.md § Errors, written out again so a change to a status is caught.
const EXPECTED: Record<string, number> = {
  INVALID_API_KEY: 401, FORBIDDEN: 403, CONTACT_NOT_FOUND: 404, LEAD_NOT_FOUND: 404, MEETING_NOT_FOUND: 404,
  PROVIDER_NOT_FOUND: 404, CONNECTION_NOT_FOUND: 404, END_USER_NOT_FOUND: 404, CONNECTION_ALREADY_EXISTS: 409,
  INVALID_INPUT: 400, MISSING_REQUIRED: 400, MISSING_PROVIDER: 400, UNSUPPORTED_RESOURCE: 400, INVALID_DATE_RANGE: 400,
  PROVIDER_ERROR: 502, PROVIDER_RATE_LIMITED: 429, PROVIDER_UNAVAILABLE: 503, CIRCUIT_OPEN: 503, PROVIDER_AUTH_FAILED: 502,
  NEEDS_REAUTH: 403, INTERNAL_ERROR: 500, SERVICE_UNAVAILABLE: 503, RATE_LIMITED: 429, NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405, PAYLOAD_TOO_LARGE: 413, UNSUPPORTED_MEDIA_TYPE: 415, IDEMPOTENCY_KEY_CONFLICT: 409,
  IDEMPOTENCY_IN_PROGRESS: 409, PROVIDER_CONFLICT: 409, INVALID_CONNECT_TOKEN: 401, SLOT_UNAVAILABLE: 409, VERSION_CONFLICT: 409,
};

describe('error catalog', () => {
  it('has exactly the codes of API.md', () => {
    expect([...ERROR_CODES].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s renders as %i in the envelope', async (code, status) => {
    const srv = await serveThrowing(() => new GatewayError(code as keyof typeof ERROR_CATALOG, { details: { x: 1 } }));
    try {
      const res = await fetch(srv.url);
      expect(res.status).toBe(status);
      const body = (await res.json()) as any;
      expect(body).toEqual({ error: { code, message: ERROR_CATALOG[code as keyof typeof ERROR_CATALOG].message, details: { x: 1 }, requestId: res.headers.get('x-request-id') } });
    } finally { await srv.close(); }
  });

  it('turns an unexpected exception into 500 INTERNAL_ERROR with nothing internal, logged with the request id', async () => {
    const srv = await serveThrowing(() => new TypeError('db password=hunter2 at /srv/secret.ts:12'));
    try {
      const res = await fetch(srv.url);
      const body = (await res.json()) as any;
      expect(res.status).toBe(500);
      expect(body.error).toEqual({ code: 'INTERNAL_ERROR', message: 'Something went wrong', details: {}, requestId: expect.any(String) });
      expect(JSON.stringify(body)).not.toContain('hunter2');
      const line = srv.logs.lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'unhandled error');
      expect(line.requestId).toBe(body.error.requestId);
      expect(line.err.message).toContain('hunter2');
    } finally { await srv.close(); }
  });
});
