import { randomUUID } from 'node:crypto';
import type { Context } from 'koa';

/**
 * HubSpot's error envelope (reference/providers.md §1.7): `{status:"error", message, correlationId,
 * category, subCategory?, errors?, context?}`. Every CRM error the sandbox sends goes through here.
 */
export interface HubspotErrorDetail {
  message: string;
  code?: string;
  in?: string;
  subCategory?: string;
  context?: Record<string, string[]>;
}

export interface HubspotErrorExtras {
  errors?: HubspotErrorDetail[];
  context?: Record<string, string[]>;
  subCategory?: string;
}

export function errorBody(category: string, message: string, extras: HubspotErrorExtras = {}): Record<string, unknown> {
  return { status: 'error', message, correlationId: randomUUID(), ...extras, category };
}

export function sendError(ctx: Context, status: number, category: string, message: string, extras: HubspotErrorExtras = {}): void {
  ctx.status = status;
  ctx.body = errorBody(category, message, extras);
}

/** 400 VALIDATION_ERROR; HubSpot folds the per-property errors into the message as well (§1.7 example). */
export function validationError(ctx: Context, message: string, errors?: HubspotErrorDetail[]): void {
  sendError(ctx, 400, 'VALIDATION_ERROR', message, errors ? { errors } : {});
}

/** Property-level write errors: `Property values were not valid: [...]` plus the same list in `errors`. */
export function invalidProperties(ctx: Context, errors: HubspotErrorDetail[]): void {
  const summary = errors.map((e) => ({ isValid: false, message: e.message, error: e.code ?? 'INVALID', name: e.context?.propertyName?.[0] }));
  validationError(ctx, `Property values were not valid: ${JSON.stringify(summary)}`, errors);
}

/** 404 OBJECT_NOT_FOUND (§1.7; the message text is UNCONFIRMED). */
export function notFound(ctx: Context, id: string): void {
  sendError(ctx, 404, 'OBJECT_NOT_FOUND', 'Object not found.  objectId are usually numeric.', { context: { id: [id] } });
}

/** 500 for injected server faults and sandbox bugs; category INTERNAL_ERROR is an assumption (README). */
export function internalError(ctx: Context): void {
  sendError(ctx, 500, 'INTERNAL_ERROR', 'internal error');
}
