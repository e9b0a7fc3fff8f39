import type { Middleware } from 'koa';
import getRawBody from 'raw-body';
import { InvalidInputError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from './json-depth';

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * JSON bodies only, capped (default 1 MiB): too large → 413, not JSON → 415, malformed or nested
 * deeper than MAX_JSON_DEPTH → 400.
 * An empty body is `undefined`. The raw text is kept for idempotency hashing.
 */
export function jsonBody(limitBytes: number): Middleware {
  return async (ctx, next) => {
    if (!METHODS_WITH_BODY.has(ctx.method) || !hasBody(ctx.req.headers)) {
      ctx.state.rawBody = '';
      return next();
    }
    if (!ctx.is('application/json', 'application/*+json')) {
      throw new UnsupportedMediaTypeError(ctx.get('content-type') || 'none');
    }
    const declared = Number(ctx.get('content-length'));
    if (Number.isFinite(declared) && declared > limitBytes) throw new PayloadTooLargeError(limitBytes);
    let text: string;
    try {
      text = await getRawBody(ctx.req, { limit: limitBytes, encoding: 'utf8' });
    } catch (err) {
      if ((err as { type?: string }).type === 'entity.too.large') throw new PayloadTooLargeError(limitBytes);
      throw new InvalidInputError([{ field: 'body', message: 'could not read the request body' }]);
    }
    ctx.state.rawBody = text;
    if (text.trim() !== '') {
      if (jsonDepthExceeds(text)) {
        throw new InvalidInputError([{ field: 'body', message: `nests deeper than ${MAX_JSON_DEPTH} levels` }], 'Request body is nested too deeply');
      }
      try {
        ctx.request.body = JSON.parse(text);
      } catch {
        throw new InvalidInputError([{ field: 'body', message: 'malformed JSON' }], 'Request body is not valid JSON');
      }
    }
    return next();
  };
}

function hasBody(headers: Record<string, string | string[] | undefined>): boolean {
  return headers['transfer-encoding'] !== undefined || (headers['content-length'] !== undefined && headers['content-length'] !== '0');
}

declare module 'koa' {
  interface Request { body?: unknown }
}
