import type { Context } from 'koa';
import { ERROR_INFO } from './constants';

/**
 * Pipedrive's response envelopes (reference/providers.md §3.6). API errors are
 * `{success:false,error,error_info,data:null,additional_data:null}`; the API proxy's own errors
 * (auth, scope, rate limit, server) also carry `errorCode`, as the SDK's `UnathorizedResponse` does.
 * The OAuth server answers in a different shape: `{success:false,message,error}` (SDK fixture, §3.1).
 */
export interface ApiErrorBody {
  success: false;
  error: string;
  errorCode?: number;
  error_info: string;
  data: null;
  additional_data: null;
}

export function apiErrorBody(error: string, errorCode?: number): ApiErrorBody {
  return errorCode === undefined
    ? { success: false, error, error_info: ERROR_INFO, data: null, additional_data: null }
    : { success: false, error, errorCode, error_info: ERROR_INFO, data: null, additional_data: null };
}

/** A resource-level error (validation, not found): no `errorCode`, as in `LeadNotFoundResponse`. */
export function sendApiError(ctx: Context, status: number, error: string): void {
  ctx.status = status;
  ctx.body = apiErrorBody(error);
}

/** An error raised by the API proxy in front of the resources (401, 403 scope, 429, 5xx). */
export function sendProxyError(ctx: Context, status: number, error: string): void {
  ctx.status = status;
  ctx.body = apiErrorBody(error, status);
}

export function sendOk(ctx: Context, data: unknown, additionalData?: unknown, status = 200): void {
  ctx.status = status;
  ctx.body = additionalData === undefined ? { success: true, data } : { success: true, data, additional_data: additionalData };
}

export type OAuthErrorCode = 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unsupported_grant_type';

/** The OAuth server's error body, e.g. `{"success":false,"message":"Invalid grant: refresh token is invalid","error":"invalid_grant"}`. */
export function sendOAuthError(ctx: Context, status: number, error: OAuthErrorCode, message: string): void {
  ctx.status = status;
  ctx.set('Cache-Control', 'no-store');
  ctx.body = { success: false, message, error };
}

/**
 * Thrown by handlers for a 400/404 answer; the app's error middleware renders it in the API envelope.
 * Keeps validation code linear (no `if (!x) { send…; return; }` ladders).
 */
export class PipedriveApiError extends Error {
  constructor(readonly status: number, message: string) { super(message); }
}

export const badRequest = (message: string): PipedriveApiError => new PipedriveApiError(400, message);
export const notFound = (message: string): PipedriveApiError => new PipedriveApiError(404, message);
