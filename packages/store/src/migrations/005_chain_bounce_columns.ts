import { type Kysely, sql } from "kysely";
import { columnNames } from "./dialect.js";

/**
 * What the corrected deposit rule needs (docs/reconciliation.md#matching): whether the coins
 * stayed, not whether the transaction aborted. `bounceable` is the incoming message's `bounce`
 * flag; `bounce_sent` says the transaction sent the value back as a bounce.
 *
 * Existing rows are derived, not re-read: an aborted transaction's actions are rolled back, so the
 * only message it can send to the sender is the bounce, and `aborted AND sent_back` is exactly
 * "a bounce was sent". `bounceable` is unknown for them (NULL); the verdict does not use it.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type.
export async function up(db: Kysely<any>): Promise<void> {
  // Idempotent: a mirror whose migration records were lost (restored by hand, say) already has them.
  const has = await columnNames(db, "chain_transfers");
  if (!has.has("bounceable"))
    await db.schema.alterTable("chain_transfers").addColumn("bounceable", "integer").execute();
  if (has.has("bounce_sent")) return;
  await db.schema
    .alterTable("chain_transfers")
    .addColumn("bounce_sent", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`update chain_transfers set bounce_sent = 1 where aborted != 0 and sent_back != 0`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("chain_transfers").dropColumn("bounce_sent").execute();
  await db.schema.alterTable("chain_transfers").dropColumn("bounceable").execute();
}
