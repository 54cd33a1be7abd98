import { toStoredTime } from "@omrecon/core";
import type { Insertable, Selectable } from "kysely";
import { chunk, maxRowsPerStatement } from "./batch.js";
import type { CreatedWindow } from "./orders.js";
import type { BalanceTransactionsTable } from "./schema.js";
import { builder, type StoreDb } from "./session.js";

/** A balance transaction as mirrored: signed `amount_nano`, `balance_after_nano`, ids bigint. */
export type BalanceTransactionRow = Selectable<BalanceTransactionsTable>;
export type NewBalanceTransactionRow = Insertable<BalanceTransactionsTable>;

const ROWS_PER_STATEMENT = maxRowsPerStatement(10);

/**
 * Appends balance transactions; ids already mirrored are skipped untouched (the ledger is
 * append-only, so a known id never changes). Returns how many rows were new.
 */
export async function appendBalanceTransactions(
  db: StoreDb,
  rows: readonly NewBalanceTransactionRow[],
): Promise<number> {
  let inserted = 0;
  for (const part of chunk(rows, ROWS_PER_STATEMENT)) {
    const written = await builder(db)
      .insertInto("balance_transactions")
      .values(part)
      .onConflict((oc) => oc.column("id").doNothing())
      .returning("id")
      .execute();
    inserted += written.length;
  }
  return inserted;
}

/** Balance transactions created in the window, in ledger order (by id). */
export async function listBalanceTransactions(
  db: StoreDb,
  window: CreatedWindow = {},
): Promise<BalanceTransactionRow[]> {
  let q = builder(db).selectFrom("balance_transactions").selectAll();
  if (window.from) q = q.where("created_at", ">=", toStoredTime(window.from));
  if (window.to) q = q.where("created_at", "<", toStoredTime(window.to));
  return q.orderBy("id").execute();
}

/** The mirrored transaction with the highest id, or undefined for an empty ledger. */
export async function lastBalanceTransaction(db: StoreDb): Promise<BalanceTransactionRow | undefined> {
  return builder(db).selectFrom("balance_transactions").selectAll().orderBy("id", "desc").limit(1).executeTakeFirst();
}
