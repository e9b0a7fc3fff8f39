import type { AdapterContext } from '../../../src/provider-sdk';
import { soqlQuote } from '../soql';
import { version } from './sf-http';

/**
 * Splitting an `IN (…)` list over as few `GET /query?q=` calls as the URI limit allows.
 * reference/providers.md §2.3: a URI over 16,384 bytes is 414, and URI plus headers over 16,384
 * is 431. The adapter's headers (bearer token, Sforce-Query-Options, Accept, User-Agent, request
 * id) stay far below 1 KB, so 15,000 characters of URL leave a safe margin for both limits.
 */
export const MAX_URL_CHARS = 15_000;

/** How long `s` is once form-encoded in the query string (as the provider client's URLSearchParams sends it). */
function encodedLength(s: string): number {
  return new URLSearchParams({ q: s }).toString().length - 2;
}

function urlLength(ctx: AdapterContext, soql: string): number {
  const host = ctx.connection.metadata.instance_url ?? ctx.manifest.api.baseUrl;
  return `${host}/services/data/${version(ctx)}/query?q=`.length + encodedLength(soql);
}

/**
 * The SOQL statements that together ask for every value of `values`: `build` gets a rendered
 * `('a', 'b')` list and returns the statement. Form-encoding works character by character, so a
 * statement's length is its frame plus the sum of its items: values are packed greedily, in order.
 */
export function inQueries(ctx: AdapterContext, values: readonly string[], build: (list: string) => string): string[] {
  if (values.length === 0) return [];
  const budget = MAX_URL_CHARS - urlLength(ctx, build('()'));
  const separator = encodedLength(', ');
  const out: string[] = [];
  let chunk: string[] = [];
  let used = 0;
  for (const value of values) {
    const quoted = soqlQuote(value);
    const cost = encodedLength(quoted);
    if (chunk.length > 0 && used + separator + cost > budget) {
      out.push(build(`(${chunk.join(', ')})`));
      chunk = [];
      used = 0;
    }
    used += (chunk.length > 0 ? separator : 0) + cost;
    // A single value longer than the budget still gets its own statement; Salesforce answers 414 for it.
    chunk.push(quoted);
  }
  out.push(build(`(${chunk.join(', ')})`));
  return out;
}
