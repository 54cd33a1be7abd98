import type { Kysely } from "kysely";
import { timeType } from "./dialect.js";

/**
 * What on-call relies on between runs (docs/alerts.md):
 * - `alert_outbox`: every alert is stored before it is sent, and stays `pending` until a receiver
 *   took it, so one that could not be delivered goes out on the next run with the same id;
 * - `step_runs`: one row per sync, reconcile, report or nightly invocation, so the metrics can say
 *   when each step last ran and last succeeded, whatever process writes them;
 * - `findings.cleared_run`/`cleared_at`: a later run covering the finding's subject no longer found
 *   it (docs/reconciliation.md#lifecycle-of-a-finding): it is no longer open, and its page resolves.
 * Text ids made by the program, not by the database, so the tables are the same on every dialect;
 * times are `timestamptz` on Postgres (docs/postgres.md).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type.
export async function up(db: Kysely<any>): Promise<void> {
  const time = timeType(db);
  await db.schema
    .createTable("alert_outbox")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("created_at", time, (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending"))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_attempt_at", time)
    .addColumn("last_error", "text")
    .addColumn("delivered_at", time)
    .addColumn("run_id", "integer")
    .execute();
  await db.schema.createIndex("alert_outbox_status").on("alert_outbox").columns(["status", "created_at"]).execute();

  await db.schema
    .createTable("step_runs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("step", "text", (c) => c.notNull())
    .addColumn("started_at", time, (c) => c.notNull())
    .addColumn("finished_at", time)
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("exit_code", "integer", (c) => c.notNull())
    .addColumn("error", "text")
    .addColumn("duration_ms", "integer")
    .addColumn("counts", "text", (c) => c.notNull().defaultTo("{}"))
    .execute();
  await db.schema.createIndex("step_runs_step").on("step_runs").columns(["step", "started_at"]).execute();

  await db.schema.alterTable("findings").addColumn("cleared_run", "integer").execute();
  await db.schema.alterTable("findings").addColumn("cleared_at", time).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("findings").dropColumn("cleared_at").execute();
  await db.schema.alterTable("findings").dropColumn("cleared_run").execute();
  await db.schema.dropTable("step_runs").ifExists().execute();
  await db.schema.dropTable("alert_outbox").ifExists().execute();
}
