import type { ProviderResponse } from '../provider-sdk/http';

export type { ProviderResponse };

export async function readResponse(res: Response): Promise<ProviderResponse> {
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => { headers[k.toLowerCase()] = v; });
  const raw = Buffer.from(await res.arrayBuffer());
  const contentType = res.headers.get('content-type');
  let body: unknown = raw.toString('utf8');
  if (contentType && /[/+]json\b/i.test(contentType) && raw.length > 0) {
    try { body = JSON.parse(body as string); } catch { /* keep the text */ }
  }
  return { status: res.status, headers, contentType, raw, body };
}

const JSON_TYPE = /[/+]json\b/i;

/** The same, from a response read by the keep-alive transport (headers already lower-cased). */
export function toProviderResponse(status: number, headers: Record<string, string>, raw: Buffer): ProviderResponse {
  const contentType = headers['content-type'] ?? null;
  let body: unknown = raw.toString('utf8');
  if (contentType && JSON_TYPE.test(contentType) && raw.length > 0) {
    try { body = JSON.parse(body as string); } catch { /* keep the text */ }
  }
  return { status, headers, contentType, raw, body };
}
