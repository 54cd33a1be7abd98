/**
 * Postgres's text of the fixed statements (../statements.ts), run as named prepared statements so
 * that each connection parses them once. A write transaction takes the store's write lock first,
 * a transaction-scoped advisory lock: write transactions of omrecon processes on one database (and
 * schema) then follow each other as SQLite's `BEGIN IMMEDIATE` makes them, and the lock ends with
 * the transaction, or with the connection when its process dies.
 */
import type { FixedStatement } from "../statements.js";

/** The first key of the store's advisory locks ('omrc'); the second is the schema's hash. */
export const ADVISORY_KEY = 0x6f6d7263;

/** The statements after BEGIN that make a transaction the store's one writer. */
export const WRITE_LOCK_SQL = `select pg_advisory_xact_lock(${ADVISORY_KEY}, hashtext(coalesce(current_schema(), '')))`;

export const PG_STATEMENTS: Readonly<Record<FixedStatement, string>> = {
  begin_write: "begin",
  commit: "commit",
  rollback: "rollback",
  sync_state_get: "select value from sync_state where key = $1",
  sync_state_set:
    "insert into sync_state (key, value, updated_at) values ($1, $2, $3) " +
    "on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at",
  sync_state_delete: "delete from sync_state where key = $1",
  lock_refresh: "update locks set expires_at = $1 where name = $2 and owner = $3",
};

/** Statements that change the connection's transaction state are not prepared. */
export const UNPREPARED: ReadonlySet<FixedStatement> = new Set(["begin_write", "commit", "rollback"]);

/** `?` placeholders as Postgres's `$1, $2, …` (the store's raw SQL has no `?` inside literals). */
export function numberedPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
