import { CompiledQuery } from "kysely";
import type { StoreDb } from "./transaction.js";

/** What a multi-row insert builder offers: its compiled form, and running it. */
interface InsertBuilder<O> {
  compile(): CompiledQuery<O>;
  execute(): Promise<O[]>;
}

const compiled = new Map<string, string>();
const MAX_CACHED = 32;

/**
 * Runs a multi-row insert built by `build`, compiling it only once per shape. Kysely compiles a
 * statement anew on every call, and for a batch of a hundred rows that costs more than SQLite takes
 * to run it. When every row has the same columns (in any order) holding plain values only, the SQL
 * depends on nothing but the first row's column order and the row count: kysely compiles it once,
 * the text is kept, and later batches of that shape run it with their values in kysely's own order
 * (row by row, in the first row's column order). Any other batch is built and run by kysely.
 */
export async function runCachedInsert<R extends object, O>(
  db: StoreDb,
  name: string,
  rows: readonly R[],
  build: (rows: readonly R[]) => InsertBuilder<O>,
): Promise<O[]> {
  const columns = rows[0] === undefined ? null : Object.keys(rows[0]);
  const parameters = columns === null ? null : plainValues(rows, columns);
  if (columns === null || parameters === null) return build(rows).execute();
  const key = `${name}:${rows.length}:${columns.join(",")}`;
  let sql = compiled.get(key);
  if (sql === undefined) {
    const query = build(rows).compile();
    // Kept only when kysely's parameters are exactly these values, in this order.
    if (!sameValues(query.parameters, parameters)) return [...(await db.executeQuery(query)).rows];
    if (compiled.size >= MAX_CACHED) compiled.clear();
    compiled.set(key, query.sql);
    sql = query.sql;
  }
  return [...(await db.executeQuery<O>(CompiledQuery.raw(sql, parameters))).rows];
}

/**
 * Every row's values in `columns` order, or null when a row has other columns than these (kysely
 * would then compile another statement) or a value that is not plain (null, string, number, bigint).
 */
function plainValues(rows: readonly object[], columns: readonly string[]): unknown[] | null {
  const out: unknown[] = [];
  for (const row of rows) {
    if (Object.keys(row).length !== columns.length) return null;
    for (const c of columns) {
      const value = (row as Record<string, unknown>)[c];
      const type = typeof value;
      if (value !== null && type !== "string" && type !== "number" && type !== "bigint") return null;
      out.push(value);
    }
  }
  return out;
}

function sameValues(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
