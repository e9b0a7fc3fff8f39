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
