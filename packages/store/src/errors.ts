/**
 * What a person reads when the database cannot be used: one line naming the file, what went wrong
 * in plain words, and what to do. The dialect decides which failure it met (src/sqlite/failure.ts,
 * src/postgres/failure.ts); the words are the same for every dialect, and a server's own kinds
 * (unreachable, login refused, …) have words of their own.
 */
import { OmreconError } from "@omrecon/core";

/** The database cannot be opened, migrated, read or written; the message says which file, why and what to do. */
export class StoreError extends OmreconError {
  override name = "StoreError";
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { code: "store_unusable", cause: options.cause });
  }
}

/** The failures a person can act on; anything else (a constraint, a bug) is not translated. */
export type FailureKind =
  | "full"
  | "read_only_fs"
  | "permission"
  | "directory"
  | "not_a_directory"
  | "not_found"
  | "not_database"
  | "corrupt"
  | "busy"
  | "io"
  /** Postgres: the server cannot be reached, or the connection broke. */
  | "unreachable"
  /** Postgres: the server refused the login. */
  | "auth"
  /** Postgres: the URL names a database the server does not have. */
  | "no_database"
  /** Postgres: no schema to create the tables in (a search_path naming one that does not exist). */
  | "no_schema"
  /** Postgres: a standby, or a read-only transaction by default. */
  | "read_only_server"
  /** Postgres: the role lacks a privilege. */
  | "privilege";

export type Access = "open" | "read" | "write";

const ELSEWHERE = "point OMRECON_DB elsewhere";

/** The one-line error for `kind` on `path`; `detail` is the driver's own words, for the few kinds that need them. */
export function storeFailure(
  path: string,
  access: Access,
  kind: FailureKind,
  options: { detail?: string; blocker?: string; cause?: unknown } = {},
): StoreError {
  const detail = oneLine(options.detail ?? "");
  const messages: Record<FailureKind, string> = {
    full: `cannot write ${path}: disk full; free space on that disk or ${ELSEWHERE}`,
    read_only_fs: `cannot write ${path}: read-only file system; point OMRECON_DB at a file on a writable disk`,
    permission: `cannot ${access} ${path}: permission denied; let this user read and write the file and its folder, or ${ELSEWHERE}`,
    directory: `cannot open ${path}: it is a directory; point OMRECON_DB at a database file, e.g. ${path.replace(/\/+$/, "")}/omrecon.sqlite`,
    not_a_directory: `cannot open ${path}: ${options.blocker ?? "a part of the path"} is a file, not a folder; ${ELSEWHERE}`,
    not_found: `cannot open ${path}: no such database; run \`pnpm sync\` first or ${ELSEWHERE}`,
    not_database: `cannot open ${path}: not an omrecon database (not SQLite, or encrypted); ${ELSEWHERE}`,
    corrupt: `cannot ${access} ${path}: the database file is damaged${detail ? ` (${detail})` : ""}; restore it from a backup, or move it aside and sync again (a new database rebuilds the mirror, not the findings' history)`,
    busy: `cannot ${access} ${path}: another process kept the database locked too long; try again when it is done`,
    io: `cannot ${access} ${path}: ${detail || "input/output error"}; check the disk, or ${ELSEWHERE}`,
    unreachable: `cannot reach ${path}: ${detail || "no answer"}; check that the server runs and the host and port, or ${ELSEWHERE}`,
    auth: `cannot open ${path}: the server refused the login${detail ? ` (${detail})` : ""}; check the user and its password (OMRECON_DB_FILE, PGPASSWORD or ~/.pgpass; docs/postgres.md)`,
    no_database: `cannot open ${path}: the server has no such database; create it (docs/postgres.md#a-database-and-a-role) or ${ELSEWHERE}`,
    no_schema: `cannot write ${path}: no schema to create omrecon's tables in${detail ? ` (${detail})` : ""}; create the schema the URL's search_path names, or ${ELSEWHERE}`,
    privilege: `cannot ${access} ${path}: permission denied${detail ? ` (${detail})` : ""}; grant the role the privileges docs/postgres.md#least-privileges lists, or ${ELSEWHERE}`,
    read_only_server: `cannot write ${path}: the server accepts no writes (a standby?)${detail ? ` (${detail})` : ""}; point OMRECON_DB at the primary`,
  };
  return new StoreError(messages[kind], { cause: options.cause });
}

/** The database carries migrations this omrecon does not know: a newer version wrote it. */
export function newerSchema(path: string, unknown: readonly string[]): StoreError {
  const names = unknown.length === 1 ? `migration ${unknown[0]}` : `migrations ${unknown.join(", ")}`;
  return new StoreError(
    `cannot use ${path}: written by a newer omrecon (${names} unknown); upgrade omrecon or ${ELSEWHERE}`,
  );
}

function oneLine(text: string): string {
  return text.split("\n")[0]!.trim();
}
