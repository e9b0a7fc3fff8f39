/**
 * Errors the storage adapters raise in the same shape whatever the backend, so that services
 * can tell "that record already exists" from a real storage failure without knowing
 * SQLite's or MongoDB's error codes.
 */

/** A unique constraint refused the write (duplicate id, key hash, token hash, …). */
export class DuplicateRecordError extends Error {
  readonly code = 'STORE_DUPLICATE';

  constructor(readonly entity: string, options?: { cause?: unknown }) {
    super(`${entity} already exists`, options);
    this.name = 'DuplicateRecordError';
  }
}
