/**
 * The lifecycle of findings across runs (reconciliation.md): one `findings` row per stable key
 * with its first and last run, `run_findings` for what each run saw and whether it was new, and
 * resolutions that silence a finding for as long as its amounts stay what they were when resolved.
 */
import type { Finding } from "@omrecon/core";
import type { Selectable } from "kysely";
import { chunk } from "./batch.js";
import type { FindingResolutionsTable, FindingsTable } from "./schema.js";
import type { StoreDb } from "./transaction.js";

export type FindingRow = Selectable<FindingsTable>;
export type ResolutionRow = Selectable<FindingResolutionsTable>;

/** A finding as one run saw it, with its history. */
export interface RecordedFinding {
  finding: Finding;
  /** First seen in this run, or re-opened (its amounts left those it was resolved at) in this run. */
  isNew: boolean;
  /** Resolved at exactly its current amounts: not listed, not alerted, not counted. */
  resolved: boolean;
  firstSeenRun: number;
  firstSeenAt: string;
}

const KEYS_PER_QUERY = 500;

/**
 * Upserts the findings one run saw and records them in `run_findings` (resolved ones too, so a
 * run's record is complete; readers leave those out). Call inside the run's write transaction.
 */
export async function recordRunFindings(
  db: StoreDb,
  runId: number,
  at: string,
  findings: readonly Finding[],
): Promise<RecordedFinding[]> {
  const keys = findings.map((f) => f.key);
  const existing = new Map<string, FindingRow>();
  const resolutions = new Map<string, ResolutionRow[]>();
  for (const part of chunk(keys, KEYS_PER_QUERY)) {
    for (const row of await db.selectFrom("findings").selectAll().where("key", "in", part).execute()) {
      existing.set(row.key, row);
    }
    for (const row of await db.selectFrom("finding_resolutions").selectAll().where("key", "in", part).execute()) {
      const list = resolutions.get(row.key);
      if (list) list.push(row);
      else resolutions.set(row.key, [row]);
    }
  }

  const recorded: RecordedFinding[] = [];
  for (const finding of findings) {
    const before = existing.get(finding.key);
    const resolvedAt = resolutions.get(finding.key) ?? [];
    const resolved = resolvedAt.some((r) => sameAmounts(r, finding));
    // Re-opened: the last run that saw it saw it at resolved amounts, and now they have changed.
    const reopened = !resolved && before !== undefined && resolvedAt.some((r) => sameAmounts(r, before));
    const isNew = !resolved && (before === undefined || reopened);
    const row = {
      kind: finding.kind,
      severity: finding.severity,
      order_id: finding.order_id,
      payment_memo: finding.payment_memo,
      tx_hash: finding.tx_hash,
      expected_nano: finding.expected_nano,
      received_nano: finding.received_nano,
      amount_nano: finding.amount_nano,
      message: finding.message,
      details: JSON.stringify(finding.details ?? {}),
      last_seen_run: runId,
      last_seen_at: at,
    };
    if (before) {
      await db.updateTable("findings").set(row).where("key", "=", finding.key).execute();
    } else {
      await db
        .insertInto("findings")
        .values({ key: finding.key, ...row, first_seen_run: runId, first_seen_at: at })
        .execute();
    }
    recorded.push({
      finding,
      isNew,
      resolved,
      firstSeenRun: before ? Number(before.first_seen_run) : runId,
      firstSeenAt: before?.first_seen_at ?? at,
    });
  }
  for (const part of chunk(recorded, KEYS_PER_QUERY)) {
    await db
      .insertInto("run_findings")
      .values(part.map((r) => ({ run_id: runId, key: r.finding.key, is_new: r.isNew ? 1 : 0 })))
      .onConflict((oc) => oc.columns(["run_id", "key"]).doUpdateSet((eb) => ({ is_new: eb.ref("excluded.is_new") })))
      .execute();
  }
  return recorded;
}

export async function getFinding(db: StoreDb, key: string): Promise<FindingRow | undefined> {
  return db.selectFrom("findings").selectAll().where("key", "=", key).executeTakeFirst();
}

export interface ResolveRequest {
  key: string;
  by: string;
  note: string;
  at: string;
}

export type ResolveResult =
  | { status: "resolved"; resolution: ResolutionRow }
  /** Already resolved at its current amounts; nothing was written. */
  | { status: "already_resolved"; resolution: ResolutionRow }
  | { status: "not_found" };

/** Marks a finding resolved at its current amounts (a later change of amounts re-opens it). */
export async function resolveFinding(db: StoreDb, request: ResolveRequest): Promise<ResolveResult> {
  const finding = await getFinding(db, request.key);
  if (!finding) return { status: "not_found" };
  const previous = await db
    .selectFrom("finding_resolutions")
    .selectAll()
    .where("key", "=", request.key)
    .orderBy("id", "desc")
    .execute();
  const same = previous.find((r) => sameAmounts(r, finding));
  if (same) return { status: "already_resolved", resolution: same };
  const resolution = await db
    .insertInto("finding_resolutions")
    .values({
      key: request.key,
      resolved_at: request.at,
      resolved_by: request.by,
      note: request.note,
      expected_nano: finding.expected_nano,
      received_nano: finding.received_nano,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { status: "resolved", resolution };
}

/**
 * The findings a run saw that are still open: not resolved at their current amounts (a resolution
 * at other amounts no longer holds). By key. What `findings.csv` lists for the latest run.
 */
export async function listOpenFindings(db: StoreDb, runId: number | bigint): Promise<FindingRow[]> {
  const rows = await db
    .selectFrom("run_findings as rf")
    .innerJoin("findings as f", "f.key", "rf.key")
    .selectAll("f")
    .where("rf.run_id", "=", BigInt(runId))
    .orderBy("f.key")
    .execute();
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const resolved = new Set<string>();
  for (const part of chunk([...byKey.keys()], KEYS_PER_QUERY)) {
    const resolutions = await db.selectFrom("finding_resolutions").selectAll().where("key", "in", part).execute();
    for (const r of resolutions) {
      const finding = byKey.get(r.key);
      if (finding && sameAmounts(r, finding)) resolved.add(r.key);
    }
  }
  return rows.filter((r) => !resolved.has(r.key));
}

/** Every resolution of a key, oldest first. */
export async function resolutionsOf(db: StoreDb, key: string): Promise<ResolutionRow[]> {
  return db.selectFrom("finding_resolutions").selectAll().where("key", "=", key).orderBy("id").execute();
}

type Amounts = { expected_nano: bigint | null; received_nano: bigint | null };

function sameAmounts(a: Amounts, b: Amounts): boolean {
  return a.expected_nano === b.expected_nano && a.received_nano === b.received_nano;
}
