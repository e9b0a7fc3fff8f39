import type { Db } from './sqlite-db';

export type Reseal = (sealed: string) => string;

/**
 * Key rotation for one sealed column: reads every non-null value and writes back the ones `reseal`
 * changed, in one IMMEDIATE transaction, so no other process writes the table halfway through
 * and a failure (a value no configured key opens) leaves every row as it was. Table and column
 * names are constants of the calling repository, never input.
 */
export function resealColumn(db: Db, table: string, column: string): (reseal: Reseal) => number {
  const select = db.prepare<[], { rid: number; value: string }>(
    `SELECT rowid AS rid, ${column} AS value FROM ${table} WHERE ${column} IS NOT NULL`,
  );
  const update = db.prepare<[string, number]>(`UPDATE ${table} SET ${column} = ? WHERE rowid = ?`);
  const tx = db.transaction((reseal: Reseal): number => {
    let changed = 0;
    for (const row of select.all()) {
      const next = reseal(row.value);
      if (next !== row.value) changed += update.run(next, row.rid).changes;
    }
    return changed;
  });
  return (reseal) => tx.immediate(reseal);
}
