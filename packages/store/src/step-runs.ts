/**
 * Every sync, reconcile, report and nightly invocation on record (`step_runs`, migration 008): when
 * it started, how it ended, the one line it failed with, and what it read. The metrics read the
 * last run and the last success of each step from here, so a night that fails still reports when
 * each step last worked (docs/alerts.md#metrics).
 */
import type { Selectable } from "kysely";
import type { StepRunsTable } from "./schema.js";
import { builder, type StoreDb } from "./session.js";

export type StepRunRow = Selectable<StepRunsTable>;
export type StepRunStatus = "ok" | "failed" | "interrupted";

export interface NewStepRun {
  id: string;
  step: string;
  started_at: string;
  finished_at: string;
  status: StepRunStatus;
  exit_code: number;
  error: string | null;
  duration_ms: number;
  /** Plain JSON values: what the step read and asked. */
  counts: Record<string, unknown>;
}

export async function recordStepRun(db: StoreDb, run: NewStepRun): Promise<void> {
  await builder(db)
    .insertInto("step_runs")
    .values({ ...run, error: run.error?.slice(0, 500) ?? null, counts: JSON.stringify(run.counts) })
    .execute();
}

export interface StepHistory {
  step: string;
  last: StepRunRow;
  /** The last run that ended `ok`, if any. */
  lastSuccess: StepRunRow | undefined;
}

/** Each step's last run and last success, by step name. */
export async function latestStepRuns(db: StoreDb): Promise<StepHistory[]> {
  const steps = await builder(db).selectFrom("step_runs").select("step").distinct().orderBy("step").execute();
  const out: StepHistory[] = [];
  for (const { step } of steps) {
    const newest = builder(db)
      .selectFrom("step_runs")
      .selectAll()
      .where("step", "=", step)
      .orderBy("started_at", "desc")
      .orderBy("id", "desc")
      .limit(1);
    const last = await newest.executeTakeFirst();
    if (last === undefined) continue;
    const lastSuccess = await newest.where("status", "=", "ok").executeTakeFirst();
    out.push({ step, last, lastSuccess });
  }
  return out;
}

/** The last run of one step, or undefined. */
export async function lastStepRun(db: StoreDb, step: string): Promise<StepRunRow | undefined> {
  return builder(db)
    .selectFrom("step_runs")
    .selectAll()
    .where("step", "=", step)
    .orderBy("started_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
}
