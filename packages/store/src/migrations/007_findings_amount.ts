import { type Kysely, sql } from "kysely";
import { columnNames, jsonInteger } from "./dialect.js";

/**
 * Every finding carries what is at stake (`amount_nano`, docs/reconciliation.md#findings). The
 * matcher fills it on every run; rows written before this migration get what the row itself (or the
 * mirror it names) already says, so a report on an old database is not blank until the next run.
 * Findings that cannot be told from the row (control totals) stay null.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type.
export async function up(db: Kysely<any>): Promise<void> {
  // Idempotent: a mirror whose migration records were rewound (as a test of 003/004 does) keeps its column.
  if (!(await columnNames(db, "findings")).has("amount_nano")) {
    await db.schema.alterTable("findings").addColumn("amount_nano", "integer").execute();
  }
  await sql`UPDATE findings SET amount_nano = CASE
      WHEN kind IN ('underpaid', 'overpaid', 'balance_chain_break', 'balance_mismatch', 'credit_without_topup', 'balance_debit_mismatch')
        THEN abs(expected_nano - received_nano)
      WHEN kind IN ('duplicate_payment', 'late_payment') THEN received_nano
      WHEN kind IN ('orphan_transfer', 'bounced_transfer', 'topup_without_credit')
        THEN ${jsonInteger(db, "details", "value_nano")}
      WHEN kind IN ('missing_payment', 'tx_hash_mismatch')
        THEN (SELECT o.price_nano FROM orders AS o WHERE o.id = findings.order_id)
      WHEN kind = 'unrecognized_payment'
        THEN (SELECT m.paid_nano FROM order_matches AS m WHERE m.order_id = findings.order_id)
    END`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("findings").dropColumn("amount_nano").execute();
}
