import { randomBytes } from 'node:crypto';
import type Koa from 'koa';
import { errorEnvelope } from '../../../src/provider-sdk';

/**
 * 42min's wire envelopes (seed 000 "Errors", seed 003 responses):
 *   error   → { "error": { "code", "message", "details": {}, "request_id": "req_…" } }
 *   success → { "data": …, "meta": { "request_id": "req_…", … } }
 */
export type Details = Record<string, unknown>;

export interface ErrorBody { error: { code: string; message: string; details: Details; request_id: string } }
export interface SuccessBody<T> { data: T; meta: { request_id: string } & Record<string, unknown> }

/** Thrown by handlers; the error middleware renders it in the envelope. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Details = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

interface EnvelopeState { requestId?: string }

/** One id per request, reused by every envelope the request produces. */
export function requestIdOf(ctx: Koa.Context): string {
  const state = ctx.state as EnvelopeState;
  state.requestId ??= `req_${randomBytes(12).toString('hex')}`;
  return state.requestId;
}

export function sendError(ctx: Koa.Context, status: number, code: string, message: string, details: Details = {}): void {
  const body: ErrorBody = { error: { code, message, details, request_id: requestIdOf(ctx) } };
  ctx.status = status;
  ctx.body = body;
}

export function sendData<T>(ctx: Koa.Context, status: number, data: T, meta: Record<string, unknown> = {}): SuccessBody<T> {
  const body: SuccessBody<T> = { data, meta: { request_id: requestIdOf(ctx), ...meta } };
  ctx.status = status;
  ctx.body = body;
  return body;
}

/**
 * Outermost middleware: every failure leaves in the envelope, unknown paths included (seed 000:
 * "Every error response … has this shape").
 */
export function envelopeErrors(): Koa.Middleware {
  return errorEnvelope({
    thrown: ApiError,
    renderThrown: (ctx, err) => sendError(ctx, err.status, err.code, err.message, err.details),
    notFound: (ctx) => sendError(ctx, 404, 'not_found', 'Not found.'),
    invalidJson: (ctx) => sendError(ctx, 400, 'invalid_request', 'The request body is not valid JSON.'),
    // e.g. 413 from the body reader's size cap.
    clientError: (ctx, status) => sendError(ctx, status, 'invalid_request', 'The request could not be processed.'),
    serverError: (ctx) => sendError(ctx, 500, 'internal_error', 'Something went wrong server-side. Quote request_id to support.'),
  });
}
