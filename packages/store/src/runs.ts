/**
 * Reconciliation runs: one row per run (window, as-of, totals, duration, status, warnings). A run
 * is recorded `running` before it starts, so one that fails, is interrupted or dies is on record
 * too; only a run still `running` can be finished, failed or interrupted, so a run that was given
 * up for dead is never brought back by the process that lost it.
 */
import type { Selectable } from "kysely";
import type { ReconciliationRunsTable } from "./schema.js";
import { builder, type StoreDb } from "./session.js";

export type RunRow = Selectable<ReconciliationRunsTable>;
export type RunStatus = "running" | "done" | "failed" | "interrupted";

export interface NewRun {
  started_at: string;
  window_from: string;
  window_to: string;
  as_of: string;
  /** The options the run used (tolerance, grace, fail-on, …), stored as JSON. */
  options: Record<string, unknown>;
  /** The reconcile lock's owner: names the process if the run is left running. */
  lock_owner?: string | null;
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
  const { id } = await builder(db)
    .insertInto("reconciliation_runs")
    .values({
      ...run,
      options: JSON.stringify(run.options),
      lock_owner: run.lock_owner ?? null,
      status: "running",
      finished_at: null,
      error: null,
      duration_ms: null,
      orders: 0,
      transfers: 0,
      matched: 0,
      findings: 0,
      new_findings: 0,
      warnings: "[]",
      mirror_incomplete: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return Number(id);
}

export interface FinishedRun {
  finished_at: string;
  duration_ms: number;
  totals: RunTotals;
  /** One line each; stored as a JSON array. */
  warnings?: readonly string[];
  /** Why the mirror was incomplete (the run held alerts back), or null. */
  mirror_incomplete?: string | null;
}

/** Records a run's outcome; false when the run is no longer `running` (given up for dead meanwhile). */
export async function finishRun(db: StoreDb, id: number, done: FinishedRun): Promise<boolean> {
  const result = await builder(db)
    .updateTable("reconciliation_runs")
    .set({
      status: "done",
      finished_at: done.finished_at,
      duration_ms: done.duration_ms,
      ...done.totals,
      warnings: JSON.stringify(done.warnings ?? []),
      mirror_incomplete: done.mirror_incomplete ?? null,
    })
    .where("id", "=", BigInt(id))
    .where("status", "=", "running")
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export interface EndedRun {
  finished_at: string;
  duration_ms: number;
  /** One line, already free of secrets. */
  error: string;
  warnings?: readonly string[];
}

/** Marks a run that could not finish (`failed`) or was stopped by a signal (`interrupted`). */
export async function endRun(
  db: StoreDb,
  id: number,
  status: "failed" | "interrupted",
  ended: EndedRun,
): Promise<boolean> {
  const result = await builder(db)
    .updateTable("reconciliation_runs")
    .set({
      status,
      finished_at: ended.finished_at,
      duration_ms: ended.duration_ms,
      error: ended.error,
      ...(ended.warnings && { warnings: JSON.stringify(ended.warnings) }),
    })
    .where("id", "=", BigInt(id))
    .where("status", "=", "running")
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Marks a run that could not finish; `error` is one line, already free of secrets. */
export async function failRun(
  db: StoreDb,
  id: number,
  failed: { finished_at: string; duration_ms: number; error: string },
): Promise<boolean> {
  return endRun(db, id, "failed", failed);
}

/**
 * Fails every run still `running`: call it holding the reconcile lock, when no run can be running.
 * `reason(lockOwner)` says, in one line, what became of the process that ran it.
 */
export async function failAbandonedRuns(
  db: StoreDb,
  at: string,
  reason: (lockOwner: string | null) => string,
): Promise<RunRow[]> {
  const abandoned = await builder(db)
    .selectFrom("reconciliation_runs")
    .selectAll()
    .where("status", "=", "running")
    .orderBy("id")
    .execute();
  for (const run of abandoned) {
    const started = Date.parse(run.started_at);
    await endRun(db, Number(run.id), "failed", {
      finished_at: at,
      duration_ms: Number.isFinite(started) ? Math.max(0, Date.parse(at) - started) : 0,
      error: `abandoned: ${reason(run.lock_owner)}`,
    });
  }
  return abandoned;
}

export async function getRun(db: StoreDb, id: number): Promise<RunRow | undefined> {
  return builder(db).selectFrom("reconciliation_runs").selectAll().where("id", "=", BigInt(id)).executeTakeFirst();
}

/** The newest run, optionally only among those with the given status. */
export async function latestRun(db: StoreDb, status?: RunStatus): Promise<RunRow | undefined> {
  let q = builder(db).selectFrom("reconciliation_runs").selectAll();
  if (status) q = q.where("status", "=", status);
  return q.orderBy("id", "desc").limit(1).executeTakeFirst();
}

/** Every run, oldest first (history, tests). */
export async function listRuns(db: StoreDb): Promise<RunRow[]> {
  return builder(db).selectFrom("reconciliation_runs").selectAll().orderBy("id").execute();
}

/** The newest runs first, at most `limit` (`omrecon runs`). */
export async function listRecentRuns(db: StoreDb, limit = 20): Promise<RunRow[]> {
  return builder(db).selectFrom("reconciliation_runs").selectAll().orderBy("id", "desc").limit(limit).execute();
}
