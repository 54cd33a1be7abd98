import type { Kysely } from "kysely";

/**
 * No query of the toolkit looks orders up by memo (the reconciler matches memos in memory over every
 * order), while the index took each synced order at a random place: ~a third of the pages a sync
 * commit wrote. Looking one memo up by hand in the mirror is a table scan, well under a second.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("orders_payment_memo").ifExists().execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("orders_payment_memo").ifNotExists().on("orders").column("payment_memo").execute();
}
