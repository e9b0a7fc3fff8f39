import { DuplicateRecordError } from '../store-errors';

/** MongoDB's duplicate-key code, raised by a unique index (also inside bulk write errors). */
const DUPLICATE_KEY = 11000;

export function isDuplicateKeyError(err: unknown): boolean {
  const e = err as { code?: unknown; writeErrors?: Array<{ code?: unknown }> } | null;
  return e?.code === DUPLICATE_KEY || (Array.isArray(e?.writeErrors) && e.writeErrors.some((w) => w.code === DUPLICATE_KEY));
}

/** Runs a write, turning a unique-index failure into the port's DuplicateRecordError. */
export async function insertUnique<T>(entity: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isDuplicateKeyError(err)) throw new DuplicateRecordError(entity, { cause: err });
    throw err;
  }
}

/** Removes the driver's `_id` (and `__v`, should one exist) from a lean document. */
export function strip<T extends object>(doc: T): Omit<T, '_id' | '__v'> {
  const { _id: _ignoredId, __v: _ignoredVersion, ...rest } = doc as T & { _id?: unknown; __v?: unknown };
  return rest;
}

/** Lean documents whose TTL field is a Date, back to the port's ISO string. */
export function withIsoExpiry<T extends { expiresAt: Date }>(doc: T): Omit<T, '_id' | '__v' | 'expiresAt'> & { expiresAt: string } {
  return { ...strip(doc), expiresAt: doc.expiresAt.toISOString() } as Omit<T, '_id' | '__v' | 'expiresAt'> & { expiresAt: string };
}

export const toDate = (iso: string): Date => new Date(iso);
