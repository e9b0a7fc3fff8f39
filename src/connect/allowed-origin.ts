import { InvalidInputError } from '../errors';
import type { Mode } from '../store/types';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1']);

/**
 * The one origin the widget may talk to. An https origin in any mode; in test mode also an http
 * loopback origin, so a developer's local page can embed the widget. Anything with a path, query
 * or credentials is refused rather than silently trimmed, so a typo does not widen the target.
 */
export function normalizeAllowedOrigin(value: string, mode: Mode): string {
  const fail = (message: string): never => { throw new InvalidInputError([{ field: 'allowedOrigin', message }]); };
  let url: URL;
  try { url = new URL(value); } catch { return fail('must be an origin such as https://app.example.com'); }
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
    fail('must be an origin only (scheme, host and port), without path, query or credentials');
  }
  const loopbackHttp = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol === 'https:') return url.origin;
  if (loopbackHttp && mode === 'test') return url.origin;
  return fail(mode === 'test' ? 'must be an https origin, or http://localhost / http://127.0.0.1 in test mode' : 'must be an https origin');
}
