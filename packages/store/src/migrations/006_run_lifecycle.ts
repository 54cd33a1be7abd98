import type { Kysely } from "kysely";

/**
 * What a run's record needs so that no run blocks or misleads the next (docs/reconciliation.md#runs):
 * the lock owner it ran under (a run left `running` by a dead process is failed with that
 * process named), its warnings, and why the mirror was incomplete, if it was; and per finding
 * whether its alert is still owed (held back while the mirror was incomplete).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("reconciliation_runs").addColumn("lock_owner", "text").execute();
  await db.schema
    .alterTable("reconciliation_runs")
    .addColumn("warnings", "text", (c) => c.notNull().defaultTo("[]"))
    .execute();
  await db.schema.alterTable("reconciliation_runs").addColumn("mirror_incomplete", "text").execute();
  await db.schema
    .alterTable("findings")
    .addColumn("held_back", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  // Runs are looked up by status when a new run fails the ones a dead process left running.
  await db.schema.createIndex("reconciliation_runs_status").on("reconciliation_runs").column("status").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("reconciliation_runs_status").ifExists().execute();
  await db.schema.alterTable("findings").dropColumn("held_back").execute();
  await db.schema.alterTable("reconciliation_runs").dropColumn("mirror_incomplete").execute();
  await db.schema.alterTable("reconciliation_runs").dropColumn("warnings").execute();
  await db.schema.alterTable("reconciliation_runs").dropColumn("lock_owner").execute();
}
