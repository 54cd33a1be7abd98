/**
 * What the summary page charts besides the period: the last reconciliation runs (each night's open
 * findings and TON at stake) and the balance the API last reported beside the ledger's last row.
 * Built with kysely (no dialect's own SQL), compiled once per read and run on the report's snapshot
 * connection like the other report reads.
 */
import type { Compilable, Kysely } from "kysely";
import type { SnapshotQueries } from "./driver.js";
import type { Database } from "./schema.js";

export interface ReportRunHistoryRow {
  id: bigint;
  /** `done`, `failed` or `interrupted` (a run still `running` is not a night's result yet). */
  status: string;
  started_at: string;
  finished_at: string | null;
  as_of: string;
  window_from: string;
  window_to: string;
  /** Open findings the run listed (its own record: resolved ones left out). */
  findings: bigint;
  new_findings: bigint;
  /** JSON of the run's options (`fail_on`, …). */
  options: string;
  /** One line, for a run that failed or was interrupted. */
  error: string | null;
  /** Why the mirror was incomplete (the run held alerts back), or null. */
  mirror_incomplete: string | null;
  /**
   * What the run's open findings put at stake: the sum of each finding's latest `amount_nano` over
   * the findings the run saw, less those resolved (at their latest amounts) before it started. The
   * store keeps a finding's latest amounts only, so a finding whose amounts changed since counts at
   * its latest; the count beside it is the run's own.
   */
  at_stake_nano: bigint;
}

export interface ReportBalanceRow {
  /** The newest reading of GET /balance, or null when sync never read it. */
  reported: { balance_nano: bigint; taken_at: string } | null;
  /** The ledger's last row by id, or null when the ledger is empty. */
  last_row: { id: bigint; created_at: string; balance_after_nano: bigint } | null;
}

function all<R>(q: SnapshotQueries, query: Compilable): Promise<R[]> {
  const compiled = query.compile();
  return q.all<R>(compiled.sql, compiled.parameters);
}

/** The newest `limit` runs that ended (done, failed, interrupted), newest first. */
export async function runHistory(
  kysely: Kysely<Database>,
  q: SnapshotQueries,
  limit: number,
): Promise<ReportRunHistoryRow[]> {
  const query = kysely
    .selectFrom("reconciliation_runs as r")
    .select((eb) => [
      "r.id",
      "r.status",
      "r.started_at",
      "r.finished_at",
      "r.as_of",
      "r.window_from",
      "r.window_to",
      "r.findings",
      "r.new_findings",
      "r.options",
      "r.error",
      "r.mirror_incomplete",
      eb.fn
        .coalesce(
          eb
            .selectFrom("run_findings as rf")
            .innerJoin("findings as f", "f.key", "rf.key")
            .select((s) => s.fn.sum<bigint>("f.amount_nano").as("total"))
            .whereRef("rf.run_id", "=", "r.id")
            .where((s) =>
              s.not(
                s.exists(
                  s
                    .selectFrom("finding_resolutions as res")
                    .select(s.lit(1).as("one"))
                    .whereRef("res.key", "=", "f.key")
                    .whereRef("res.resolved_at", "<", "r.started_at")
                    .where((w) => w("res.expected_nano", "is not distinct from", w.ref("f.expected_nano")))
                    .where((w) => w("res.received_nano", "is not distinct from", w.ref("f.received_nano"))),
                ),
              ),
            ),
          eb.lit(0),
        )
        .as("at_stake_nano"),
    ])
    .where("r.status", "!=", "running")
    .orderBy("r.id", "desc")
    .limit(limit);
  return (await all<ReportRunHistoryRow>(q, query)).map((r) => ({ ...r, at_stake_nano: BigInt(r.at_stake_nano) }));
}

/** The balance the API last reported and the ledger's last row, for the page's balance check. */
export async function balanceAgainstLedger(kysely: Kysely<Database>, q: SnapshotQueries): Promise<ReportBalanceRow> {
  const [reported] = await all<{ balance_nano: bigint; taken_at: string }>(
    q,
    kysely
      .selectFrom("balance_snapshots")
      .select(["balance_nano", "taken_at"])
      .orderBy("taken_at", "desc")
      .orderBy("id", "desc")
      .limit(1),
  );
  const [last] = await all<{ id: bigint; created_at: string; balance_after_nano: bigint }>(
    q,
    kysely
      .selectFrom("balance_transactions")
      .select(["id", "created_at", "balance_after_nano"])
      .orderBy("id", "desc")
      .limit(1),
  );
  return { reported: reported ?? null, last_row: last ?? null };
}
