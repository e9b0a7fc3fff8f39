import { randomBytes } from 'node:crypto';
import type { Context } from 'koa';

/**
 * Salesforce's REST error envelope is a JSON array `[{message, errorCode, fields?}]`
 * (reference/providers.md §2.7). Every REST error the sandbox sends goes through here.
 */
export interface SfError { message: string; errorCode: string; fields?: string[] }

export const JSON_TYPE = 'application/json;charset=UTF-8';

export function sendJson(ctx: Context, status: number, body: unknown): void {
  ctx.status = status;
  ctx.type = JSON_TYPE;
  ctx.body = JSON.stringify(body);
}

export function sendErrors(ctx: Context, status: number, errors: SfError[]): void {
  sendJson(ctx, status, errors);
}

/** A thrown REST error; the app's error middleware renders it as the array body. */
export class SfHttpError extends Error {
  constructor(readonly status: number, readonly errors: SfError[]) {
    super(errors[0]?.message ?? 'error');
  }
}

export const fail = (status: number, errorCode: string, message: string, fields?: string[]): SfHttpError =>
  new SfHttpError(status, [fields ? { message, errorCode, fields } : { message, errorCode }]);

/** §2.7: expired or revoked access token, or none at all. */
export const SESSION_INVALID: SfError[] = [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }];
/** §2.7 / §0 item 6: the token lacks the `api` scope; clients must not loop-refresh on this one. */
export const SESSION_NOT_FOR_REST: SfError[] = [{ message: 'This session is not valid for use with the REST API', errorCode: 'INVALID_SESSION_ID' }];
/** §2.6: the daily allocation is spent. HTTP 403, no Retry-After. */
export const LIMIT_EXCEEDED: SfError[] = [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }];

export const notFound = (): SfHttpError => fail(404, 'NOT_FOUND', 'The requested resource does not exist');

export function unknownException(): SfError[] {
  const errorId = `${randomBytes(5).toString('hex')}-${Math.floor(Math.random() * 90000 + 10000)} (${Math.floor(Math.random() * 2e9)})`;
  return [{
    errorCode: 'UNKNOWN_EXCEPTION',
    message: `An unexpected error occurred. Please include this ErrorId if you contact support: ${errorId}`,
  }];
}

export const requiredMissing = (fields: string[]): SfHttpError =>
  fail(400, 'REQUIRED_FIELD_MISSING', `Required fields are missing: [${fields.join(', ')}]`, fields);

export const jsonParserError = (detail: string): SfHttpError => fail(400, 'JSON_PARSER_ERROR', detail);

/** The OAuth endpoints use the RFC 6749 shape instead (§2.1 token endpoint errors). */
export function sendOAuthError(ctx: Context, status: number, error: string, description: string): void {
  sendJson(ctx, status, { error, error_description: description });
}
