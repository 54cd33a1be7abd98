/**
 * What `check` may learn about a database without changing anything: whether it can be reached
 * with these credentials, whether omrecon's tables are there (and which migrations a first open
 * would run), and which privileges the role lacks for what omrecon does (docs/postgres.md#least-privileges).
 * Only catalog reads, in a read-only transaction.
 */
import { existsSync } from "node:fs";
import type { DialectName } from "./driver.js";
import { KNOWN_MIGRATIONS } from "./migrations/index.js";
import { isPostgresUrl } from "./postgres/url.js";

/** The tables omrecon reads and writes (kysely's two are the migrator's). */
const TABLES = [
  "orders",
  "balance_transactions",
  "balance_snapshots",
  "chain_transfers",
  "chain_cursors",
  "reconciliation_runs",
  "findings",
  "run_findings",
  "finding_resolutions",
  "sync_state",
  "locks",
  "order_matches",
  "kysely_migration",
  "kysely_migration_lock",
] as const;

export interface StoreInspection {
  /** The database as a message may name it (no password). */
  name: string;
  dialect: DialectName;
  /** The server's version (Postgres), e.g. "15.18". */
  server: string | null;
  /** The schema omrecon's tables are (or would be) in (Postgres). */
  schema: string | null;
  /** Migrations the database records. Empty: omrecon never opened it (the first sync makes the tables). */
  migrations: string[];
  /** Migrations this omrecon would run on open. */
  pending: string[];
  /** Migrations the database records that this omrecon does not know (a newer one wrote it). */
  newer: string[];
  /** What the role may not do that omrecon needs, one line each; empty when it may do everything. */
  missing: string[];
  /** The server accepts no writes (a standby, or read-only by default). */
  readOnly: boolean;
}

/**
 * Inspects a Postgres database (SQLite files are looked at by `check` itself). A server that cannot
 * be reached, or that refuses the login, is a StoreError (one line, no password).
 */
export async function inspectStore(location: string): Promise<StoreInspection> {
  if (!isPostgresUrl(location)) {
    return {
      name: location,
      dialect: "sqlite",
      server: null,
      schema: null,
      migrations: [],
      pending: existsSync(location) ? [] : [...KNOWN_MIGRATIONS],
      newer: [],
      missing: [],
      readOnly: false,
    };
  }
  const { createPgPool } = await import("./postgres/connection.js");
  const { translatePgFailure } = await import("./postgres/failure.js");
  const { pool, setup } = createPgPool(location);
  const client = await pool.connect().catch((error: unknown) => {
    throw translatePgFailure(setup.name, "open", error, setup.secret);
  });
  try {
    const q = async <R>(text: string, values: unknown[] = []) => (await client.query<R & object>(text, values)).rows;
    await q("start transaction read only");
    // Read only by default (a role or database setting) or a standby in recovery: omrecon cannot write.
    const [about] = await q<{ version: string; schema: string | null; read_only: boolean }>(
      `select split_part(current_setting('server_version'), ' ', 1) as version, current_schema() as schema,
         pg_is_in_recovery() or current_setting('default_transaction_read_only') = 'on' as read_only`,
    );
    const schema = about?.schema ?? null;
    const missing: string[] = [];
    let migrations: string[] = [];
    if (schema === null) {
      missing.push("the URL's search_path names no schema that exists: create it or fix the URL's options");
    } else {
      const [found] = await q<{ found: string | null }>("select to_regclass('kysely_migration')::text as found");
      if (found?.found != null) {
        migrations = (await q<{ name: string }>("select name from kysely_migration order by name")).map((r) => r.name);
      }
      const tables = await q<{ name: string; privileged: boolean }>(
        `select t.name, has_table_privilege(format('%I.%I', $1::text, t.name), 'SELECT, INSERT, UPDATE, DELETE') as privileged
         from unnest($2::text[]) as t(name) where to_regclass(format('%I.%I', $1::text, t.name)) is not null`,
        [schema, TABLES],
      );
      const lacking = tables.filter((t) => !t.privileged).map((t) => t.name);
      if (lacking.length > 0) missing.push(`SELECT, INSERT, UPDATE, DELETE on ${lacking.join(", ")}`);
      const pendingAny = [...KNOWN_MIGRATIONS].some((m) => !migrations.includes(m));
      if (pendingAny) {
        const [can] = await q<{ create: boolean }>("select has_schema_privilege($1::text, 'CREATE') as create", [
          schema,
        ]);
        if (!can?.create) missing.push(`CREATE on schema ${schema} (migrations make and change omrecon's tables)`);
      }
      const [usage] = await q<{ usage: boolean }>("select has_schema_privilege($1::text, 'USAGE') as usage", [schema]);
      if (!usage?.usage) missing.push(`USAGE on schema ${schema}`);
    }
    await q("commit");
    return {
      name: setup.name,
      dialect: "postgres",
      server: about?.version ?? null,
      schema,
      migrations,
      pending: [...KNOWN_MIGRATIONS].filter((m) => !migrations.includes(m)).sort(),
      newer: migrations.filter((m) => !KNOWN_MIGRATIONS.has(m)),
      missing,
      readOnly: about?.read_only === true,
    };
  } catch (error) {
    throw translatePgFailure(setup.name, "read", error, setup.secret);
  } finally {
    client.release();
    await pool.end();
  }
}
