import type { Context } from 'koa';

/** Reads a request body once, capped, as text. Sandboxes parse their own bodies (their formats differ). */
export async function readText(ctx: Context, limitBytes = 1024 * 1024): Promise<string> {
  const cached = (ctx.state as { rawBody?: string }).rawBody;
  if (cached !== undefined) return cached;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) ctx.throw(413);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  (ctx.state as { rawBody?: string }).rawBody = text;
  return text;
}

/** `application/x-www-form-urlencoded` body as a plain object (last value wins). */
export async function readForm(ctx: Context): Promise<Record<string, string>> {
  return Object.fromEntries(new URLSearchParams(await readText(ctx)));
}

/** JSON body; `undefined` when empty, `SyntaxError` thrown when malformed (the sandbox renders its own 400). */
export async function readJson(ctx: Context): Promise<unknown> {
  const text = await readText(ctx);
  return text.trim() === '' ? undefined : JSON.parse(text);
}

/** HTTP Basic credentials from the Authorization header, if present. */
export function basicAuth(ctx: Context): { user: string; pass: string } | null {
  const h = ctx.get('authorization');
  if (!/^basic /i.test(h)) return null;
  const decoded = Buffer.from(h.slice(6).trim(), 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i < 0) return null;
  return { user: decodeURIComponent(decoded.slice(0, i)), pass: decodeURIComponent(decoded.slice(i + 1)) };
}

/** The bearer token of the request, if any. */
export function bearerToken(ctx: Context): string | null {
  const m = /^bearer\s+(\S+)$/i.exec(ctx.get('authorization'));
  return m ? m[1] : null;
}
