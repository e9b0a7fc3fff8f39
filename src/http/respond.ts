import type { Context } from 'koa';

/** `{ data, meta: { requestId } }` with the given status. */
export function sendData(ctx: Context, data: unknown, status = 200): void {
  ctx.status = status;
  ctx.body = { data, meta: { requestId: ctx.state.requestId as string } };
}

/** A list page: `meta.nextCursor` and `meta.hasMore` (API.md § Conventions). */
export function sendList(ctx: Context, data: unknown[], nextCursor: string | null): void {
  ctx.status = 200;
  ctx.body = { data, meta: { requestId: ctx.state.requestId as string, nextCursor, hasMore: nextCursor !== null } };
}

/**
 * The record without its provider original, for an answer without includeRaw. A copy with
 * remoteData undefined (JSON leaves it out) rather than a rest destructuring: the copy keeps the
 * record's hidden class, so it is cheap to make and JSON.stringify stays on its fast path (the
 * destructured copies cost about a third of a contact list's serialization: issue 19 profile).
 */
export function withoutRaw<T extends { remoteData?: unknown }>(record: T): T {
  return { ...record, remoteData: undefined };
}
