/**
 * The statements that hot paths run many times (a sync runs these for every page), prepared once
 * per connection instead of being built by kysely on every call. Each dialect supplies their text
 * (src/sqlite/statements.ts); a new dialect that misses one does not compile.
 */
export type FixedStatement =
  /** Starts a write transaction that holds the write lock from its first statement. */
  | "begin_write"
  | "commit"
  | "rollback"
  /** (key) → { value } */
  | "sync_state_get"
  /** (key, value, updated_at) */
  | "sync_state_set"
  /** (key) */
  | "sync_state_delete"
  /** (expires_at, name, owner): one row changed while the lock is still ours. */
  | "lock_refresh";
