/**
 * Reconciliation runs: one row per run (window, as-of, totals, duration, status), and what the
 * latest run concluded per order (`order_matches`), written in the run's own transaction.
 */
import type { Selectable } from "kysely";
import { chunk, maxRowsPerStatement } from "./batch.js";
import type { ReconciliationRunsTable } from "./schema.js";
import type { StoreDb } from "./transaction.js";

export type RunRow = Selectable<ReconciliationRunsTable>;
export type RunStatus = "running" | "done" | "failed";

export interface NewRun {
  started_at: string;
  window_from: string;
  window_to: string;
  as_of: string;
  /** The options the run used (tolerance, grace, fail-on, …), stored as JSON. */
  options: Record<string, unknown>;
}

export interface RunTotals {
  orders: number;
  transfers: number;
  matched: number;
  findings: number;
  new_findings: number;
}

/** Records a run as `running` and returns its id; finish or fail it later. */
export async function insertRun(db: StoreDb, run: NewRun): Promise<number> {
  const { id } = await db
    .insertInto("reconciliation_runs")
    .values({
      ...run,
      options: JSON.stringify(run.options),
      status: "running",
      finished_at: null,
      error: null,
      duration_ms: null,
      orders: 0,
      transfers: 0,
      matched: 0,
      findings: 0,
      new_findings: 0,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return Number(id);
}

export async function finishRun(
  db: StoreDb,
  id: number,
  done: { finished_at: string; duration_ms: number; totals: RunTotals },
): Promise<void> {
  await db
    .updateTable("reconciliation_runs")
    .set({ status: "done", finished_at: done.finished_at, duration_ms: done.duration_ms, ...done.totals })
    .where("id", "=", BigInt(id))
    .execute();
}

/** Marks a run that could not finish; `error` is one line, already free of secrets. */
export async function failRun(
  db: StoreDb,
  id: number,
  failed: { finished_at: string; duration_ms: number; error: string },
): Promise<void> {
  await db
    .updateTable("reconciliation_runs")
    .set({ status: "failed", ...failed })
    .where("id", "=", BigInt(id))
    .execute();
}

export async function getRun(db: StoreDb, id: number): Promise<RunRow | undefined> {
  return db.selectFrom("reconciliation_runs").selectAll().where("id", "=", BigInt(id)).executeTakeFirst();
}

/** The newest run, optionally only among those with the given status. */
export async function latestRun(db: StoreDb, status?: RunStatus): Promise<RunRow | undefined> {
  let q = db.selectFrom("reconciliation_runs").selectAll();
  if (status) q = q.where("status", "=", status);
  return q.orderBy("id", "desc").limit(1).executeTakeFirst();
}

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
    await db
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
