import { InvalidInputError } from '../errors';

/**
 * Optimistic concurrency on records a provider versions (API.md § Scheduling): the ETag is the
 * record's opaque `version` in quotes, and If-Match names one back. Pure, so it is table-tested.
 */
export function etagOf(version: string): string {
  return `"${version}"`;
}

/**
 * The version an If-Match header names: `"3"`, a weak `W/"3"` or a bare `3` → `3`; absent, empty
 * or `*` (any current version) → null. A list of tags is refused: one write applies to one version.
 */
export function parseIfMatch(header: string | undefined): string | null {
  const value = (header ?? '').trim();
  if (value === '' || value === '*') return null;
  const m = /^(?:W\/)?"([^"]+)"$/.exec(value) ?? /^([^",\s]+)$/.exec(value);
  if (!m) throw new InvalidInputError([{ field: 'If-Match', message: 'must be one ETag as sent by GET (e.g. "3")' }]);
  return m[1];
}
