import type { Model, QueryFilter, UpdateQuery } from 'mongoose';

/**
 * Key rotation for one sealed field: each document is rewritten only if the field still holds the
 * value read (compare-and-set), so a write racing the rotation is never overwritten. No
 * multi-document transaction (a standalone server has none): every record is sealed under one
 * key or the other at any moment, and running the rotation again finishes the job.
 */
export async function resealField<T>(model: Model<T>, idField: keyof T & string, field: keyof T & string, reseal: (sealed: string) => string): Promise<number> {
  let changed = 0;
  const cursor = model.find({ [field]: { $type: 'string' } } as QueryFilter<T>).select({ [idField]: 1, [field]: 1 }).lean().cursor();
  for await (const doc of cursor) {
    const row = doc as Record<string, unknown>;
    const value = row[field] as string;
    const next = reseal(value);
    if (next === value) continue;
    const result = await model.updateOne(
      { [idField]: row[idField], [field]: value } as QueryFilter<T>,
      { $set: { [field]: next } } as UpdateQuery<T>,
    );
    changed += result.modifiedCount;
  }
  return changed;
}
