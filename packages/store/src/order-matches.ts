import type { Selectable } from "kysely";
import { chunk, maxRowsPerStatement } from "./batch.js";
import type { OrderMatchesTable } from "./schema.js";
import { builder, type StoreDb } from "./session.js";

export type OrderMatchRow = Selectable<OrderMatchesTable>;

/** What a run concluded about one order. */
export interface OrderMatchRecord {
  order_id: number;
  paid_nano: bigint | null;
  /** Hex hashes of the covering set, in lt order. */
  covering: readonly string[];
  completing_tx_hash: string | null;
  memo_normalized: boolean;
  reconciliation: string;
}

const MATCH_ROWS_PER_STATEMENT = maxRowsPerStatement(7);

/** Replaces each order's conclusion with this run's (orders the run did not cover keep theirs). */
export async function saveOrderMatches(
  db: StoreDb,
  runId: number,
  matches: readonly OrderMatchRecord[],
): Promise<void> {
  for (const part of chunk(matches, MATCH_ROWS_PER_STATEMENT)) {
    await builder(db)
      .insertInto("order_matches")
      .values(
        part.map((m) => ({
          order_id: m.order_id,
          run_id: runId,
          paid_nano: m.paid_nano,
          covering_hashes: JSON.stringify(m.covering),
          completing_tx_hash: m.completing_tx_hash,
          memo_normalized: m.memo_normalized ? 1 : 0,
          reconciliation: m.reconciliation,
        })),
      )
      .onConflict((oc) =>
        oc.column("order_id").doUpdateSet((eb) => ({
          run_id: eb.ref("excluded.run_id"),
          paid_nano: eb.ref("excluded.paid_nano"),
          covering_hashes: eb.ref("excluded.covering_hashes"),
          completing_tx_hash: eb.ref("excluded.completing_tx_hash"),
          memo_normalized: eb.ref("excluded.memo_normalized"),
          reconciliation: eb.ref("excluded.reconciliation"),
        })),
      )
      .execute();
  }
}

/** Every order's stored conclusion, by order id. */
export async function listOrderMatches(db: StoreDb): Promise<OrderMatchRow[]> {
  return builder(db).selectFrom("order_matches").selectAll().orderBy("order_id").execute();
}
