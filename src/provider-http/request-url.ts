import { InvalidInputError } from '../errors';

import type { QueryValue } from '../provider-sdk/http';

export type { QueryValue };

/**
 * `/crm/v3/objects/contacts/:id` + `{ id }` → every parameter percent-encoded, so an id can never
 * add a path segment or a query (an id of `../owners` stays one segment).
 */
export function fillPath(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`path parameter ${name} is missing for ${template}`);
    return encodeURIComponent(String(v));
  });
}

/**
 * The absolute URL of a provider call. The result must stay under the API base (same origin,
 * same leading path): a passthrough path with `..` cannot reach another host or another
 * provider's sandbox mount.
 */
export function buildUrl(base: string, path: string, query: Record<string, QueryValue> = {}): URL {
  const baseUrl = new URL(base);
  const rel = path.startsWith('/') ? path : `/${path}`;
  const url = new URL(baseUrl.pathname.replace(/\/$/, '') + rel, baseUrl.origin);
  const basePath = baseUrl.pathname.replace(/\/$/, '');
  if (url.origin !== baseUrl.origin || (basePath && url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`))) {
    throw new InvalidInputError([{ field: 'path', message: 'must stay under the provider API base' }]);
  }
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null) continue;
    for (const item of Array.isArray(v) ? v : [v]) url.searchParams.append(k, String(item));
  }
  return url;
}
