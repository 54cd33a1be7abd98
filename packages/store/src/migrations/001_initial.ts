import type { Kysely } from "kysely";
import { timeType } from "./dialect.js";

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type.
export async function up(db: Kysely<any>): Promise<void> {
  // Times are TEXT on SQLite and timestamptz on Postgres; the rest is written in SQLite's words
  // and said in Postgres's by postgres/portable-ddl.ts. The SQLite schema is what it always was.
  const time = timeType(db);
  await db.schema
    .createTable("orders")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("order_type", "text", (c) => c.notNull())
    .addColumn("stars_amount", "integer")
    .addColumn("premium_months", "integer")
    .addColumn("recipient_username", "text", (c) => c.notNull())
    .addColumn("price_nano", "integer", (c) => c.notNull())
    .addColumn("payment_method", "text")
    .addColumn("payment_currency", "text")
    .addColumn("payment_address", "text")
    .addColumn("payment_address_raw", "text")
    .addColumn("payment_memo", "text")
    .addColumn("client_reference", "text")
    .addColumn("tx_hash", "text")
    .addColumn("expires_at", time)
    .addColumn("created_at", time, (c) => c.notNull())
    .addColumn("updated_at", time)
    .addColumn("paid_at", time)
    .addColumn("completed_at", time)
    .addColumn("extra", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("synced_at", time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("orders_created_at").on("orders").column("created_at").execute();
  await db.schema.createIndex("orders_status").on("orders").column("status").execute();
  await db.schema.createIndex("orders_payment_memo").on("orders").column("payment_memo").execute();

  await db.schema
    .createTable("balance_transactions")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("amount_nano", "integer", (c) => c.notNull())
    .addColumn("balance_after_nano", "integer", (c) => c.notNull())
    .addColumn("order_id", "integer")
    .addColumn("tx_hash", "text")
    .addColumn("description", "text")
    .addColumn("created_at", time, (c) => c.notNull())
    .addColumn("extra", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("synced_at", time, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("balance_transactions_created_at")
    .on("balance_transactions")
    .column("created_at")
    .execute();
  await db.schema.createIndex("balance_transactions_order_id").on("balance_transactions").column("order_id").execute();
  await db.schema.createIndex("balance_transactions_tx_hash").on("balance_transactions").column("tx_hash").execute();

  await db.schema
    .createTable("balance_snapshots")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("taken_at", time, (c) => c.notNull())
    .addColumn("balance_nano", "integer", (c) => c.notNull())
    .addColumn("topup_address", "text", (c) => c.notNull())
    .addColumn("topup_address_raw", "text")
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("updated_at", time)
    .execute();

  await db.schema
    .createTable("chain_transfers")
    .addColumn("hash", "text", (c) => c.primaryKey())
    .addColumn("lt", "integer", (c) => c.notNull())
    .addColumn("utime", "integer", (c) => c.notNull())
    .addColumn("address", "text", (c) => c.notNull())
    .addColumn("source", "text")
    .addColumn("value_nano", "integer", (c) => c.notNull())
    .addColumn("comment", "text")
    .addColumn("body_kind", "text", (c) => c.notNull())
    .addColumn("external", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("bounced", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("aborted", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("sent_back", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("read_at", time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("chain_transfers_address_lt").on("chain_transfers").columns(["address", "lt"]).execute();
  await db.schema.createIndex("chain_transfers_utime").on("chain_transfers").column("utime").execute();

  await db.schema
    .createTable("chain_cursors")
    .addColumn("address", "text", (c) => c.primaryKey())
    .addColumn("last_lt", "integer", (c) => c.notNull())
    .addColumn("last_hash", "text", (c) => c.notNull())
    .addColumn("updated_at", time, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("reconciliation_runs")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("started_at", time, (c) => c.notNull())
    .addColumn("finished_at", time)
    .addColumn("window_from", time, (c) => c.notNull())
    .addColumn("window_to", time, (c) => c.notNull())
    .addColumn("as_of", time, (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("orders", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("transfers", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("matched", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("findings", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("new_findings", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("duration_ms", "integer")
    .addColumn("options", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("error", "text")
    .execute();

  await db.schema
    .createTable("findings")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("severity", "text", (c) => c.notNull())
    .addColumn("order_id", "integer")
    .addColumn("payment_memo", "text")
    .addColumn("tx_hash", "text")
    .addColumn("expected_nano", "integer")
    .addColumn("received_nano", "integer")
    .addColumn("message", "text", (c) => c.notNull())
    .addColumn("details", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("first_seen_run", "integer", (c) => c.notNull())
    .addColumn("last_seen_run", "integer", (c) => c.notNull())
    .addColumn("first_seen_at", time, (c) => c.notNull())
    .addColumn("last_seen_at", time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("findings_order_id").on("findings").column("order_id").execute();
  await db.schema.createIndex("findings_last_seen_run").on("findings").column("last_seen_run").execute();

  await db.schema
    .createTable("run_findings")
    .addColumn("run_id", "integer", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("is_new", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("run_findings_pk", ["run_id", "key"])
    .execute();

  await db.schema
    .createTable("finding_resolutions")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("resolved_at", time, (c) => c.notNull())
    .addColumn("resolved_by", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("expected_nano", "integer")
    .addColumn("received_nano", "integer")
    .execute();
  await db.schema.createIndex("finding_resolutions_key").on("finding_resolutions").column("key").execute();

  await db.schema
    .createTable("sync_state")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("updated_at", time, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("locks")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("owner", "text", (c) => c.notNull())
    .addColumn("acquired_at", time, (c) => c.notNull())
    .addColumn("expires_at", time, (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "locks",
    "sync_state",
    "finding_resolutions",
    "run_findings",
    "findings",
    "reconciliation_runs",
    "chain_cursors",
    "chain_transfers",
    "balance_snapshots",
    "balance_transactions",
    "orders",
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
