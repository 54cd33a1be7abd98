import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("order_matches")
    .addColumn("order_id", "integer", (c) => c.primaryKey())
    .addColumn("run_id", "integer", (c) => c.notNull())
    .addColumn("paid_nano", "integer")
    .addColumn("covering_hashes", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("completing_tx_hash", "text")
    .addColumn("memo_normalized", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("reconciliation", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("order_matches_run_id").on("order_matches").column("run_id").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("order_matches").ifExists().execute();
}
