/**
 * What a migration decides per dialect (the rest, `integer` and `text`, it writes in SQLite's words
 * and postgres/portable-ddl.ts translates). Migrations use these and never the store's current schema.
 */
import { type Kysely, PostgresAdapter, type RawBuilder, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type.
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * A time: SQLite TEXT holding `Date#toISOString()`, Postgres `timestamptz` (read back as that same
 * text by the store's parsers, so callers see no difference).
 */
// biome-ignore lint/suspicious/noExplicitAny: see isPostgres.
export function timeType(db: Kysely<any>): "timestamptz" | "text" {
  return isPostgres(db) ? "timestamptz" : "text";
}

/** The columns a table has now (a migration that must not add one twice). */
// biome-ignore lint/suspicious/noExplicitAny: see isPostgres.
export async function columnNames(db: Kysely<any>, table: string): Promise<Set<string>> {
  const { rows } = isPostgres(db)
    ? await sql<{ name: string }>`select column_name as name from information_schema.columns
        where table_schema = current_schema() and table_name = ${table}`.execute(db)
    : await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db);
  return new Set(rows.map((r) => r.name));
}

/** An integer read from a JSON text column's top-level field: SQLite's json_extract, Postgres's jsonb. */
// biome-ignore lint/suspicious/noExplicitAny: see isPostgres.
export function jsonInteger(db: Kysely<any>, column: string, field: string): RawBuilder<bigint | null> {
  if (!isPostgres(db)) return sql<bigint | null>`CAST(json_extract(${sql.ref(column)}, ${`$.${field}`}) AS INTEGER)`;
  const value = sql`(${sql.ref(column)}::jsonb ->> ${field})`;
  return sql<bigint | null>`CASE WHEN ${value} ~ '^-?[0-9]+$' THEN ${value}::bigint END`;
}
