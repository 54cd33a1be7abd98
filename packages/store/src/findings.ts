/**
 * The lifecycle of findings across runs (docs/reconciliation.md): one `findings` row per stable key
 * with its first and last run, `run_findings` for what each run saw and whether it was new, and
 * resolutions that silence a finding for as long as its amounts stay what they were when resolved.
 */
import type { Finding, FindingKind, Severity } from "@omrecon/core";
import type { Selectable } from "kysely";
import { chunk } from "./batch.js";
import type { FindingResolutionsTable, FindingsTable } from "./schema.js";
import { builder, type StoreDb } from "./session.js";

export type FindingRow = Selectable<FindingsTable>;
export type ResolutionRow = Selectable<FindingResolutionsTable>;

/** A finding as one run saw it, with its history. */
export interface RecordedFinding {
  finding: Finding;
  /**
   * Not announced before: first seen in this run, re-opened in it (its amounts left those it was
   * resolved at), or seen so far only by runs that held its alert back.
   */
  isNew: boolean;
  /** New, but this run holds its alert back too (`holdBack`): it stays new for the next run. */
  heldBack: boolean;
  /** Resolved at exactly its current amounts: not listed, not alerted, not counted. */
  resolved: boolean;
  firstSeenRun: number;
  firstSeenAt: string;
}

const KEYS_PER_QUERY = 500;

export interface RecordRunOptions {
  /**
   * Findings whose alert this run holds back (an incomplete mirror can cause them): they are
   * recorded and listed, and stay new until a run that does not hold them back announces them.
   */
  holdBack?: (finding: Finding) => boolean;
}

/**
 * Upserts the findings one run saw and records them in `run_findings` (resolved ones too, so a
 * run's record is complete; readers leave those out). Call inside the run's write transaction.
 */
export async function recordRunFindings(
  db: StoreDb,
  runId: number,
  at: string,
  findings: readonly Finding[],
  options: RecordRunOptions = {},
): Promise<RecordedFinding[]> {
  const keys = findings.map((f) => f.key);
  const existing = new Map<string, FindingRow>();
  const resolutions = new Map<string, ResolutionRow[]>();
  for (const part of chunk(keys, KEYS_PER_QUERY)) {
    for (const row of await builder(db).selectFrom("findings").selectAll().where("key", "in", part).execute()) {
      existing.set(row.key, row);
    }
    for (const row of await builder(db)
      .selectFrom("finding_resolutions")
      .selectAll()
      .where("key", "in", part)
      .execute()) {
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
    const unannounced = before !== undefined && before.held_back !== 0n;
    // Cleared: an earlier run covering its subject no longer found it; found again, it is news again.
    const returned = before !== undefined && before.cleared_run !== null;
    const isNew = !resolved && (before === undefined || reopened || unannounced || returned);
    const heldBack = isNew && (options.holdBack?.(finding) ?? false);
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
      held_back: heldBack ? (1 as const) : (0 as const),
      cleared_run: null,
      cleared_at: null,
    };
    if (before) {
      await builder(db).updateTable("findings").set(row).where("key", "=", finding.key).execute();
    } else {
      await builder(db)
        .insertInto("findings")
        .values({ key: finding.key, ...row, first_seen_run: runId, first_seen_at: at })
        .execute();
    }
    recorded.push({
      finding,
      isNew,
      heldBack,
      resolved,
      firstSeenRun: before ? Number(before.first_seen_run) : runId,
      firstSeenAt: before?.first_seen_at ?? at,
    });
  }
  for (const part of chunk(recorded, KEYS_PER_QUERY)) {
    await builder(db)
      .insertInto("run_findings")
      .values(part.map((r) => ({ run_id: runId, key: r.finding.key, is_new: r.isNew ? 1 : 0 })))
      .onConflict((oc) => oc.columns(["run_id", "key"]).doUpdateSet((eb) => ({ is_new: eb.ref("excluded.is_new") })))
      .execute();
  }
  return recorded;
}

export async function getFinding(db: StoreDb, key: string): Promise<FindingRow | undefined> {
  return builder(db).selectFrom("findings").selectAll().where("key", "=", key).executeTakeFirst();
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
  const previous = await builder(db)
    .selectFrom("finding_resolutions")
    .selectAll()
    .where("key", "=", request.key)
    .orderBy("id", "desc")
    .execute();
  const same = previous.find((r) => sameAmounts(r, finding));
  if (same) return { status: "already_resolved", resolution: same };
  const resolution = await builder(db)
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
  const rows = await builder(db)
    .selectFrom("run_findings as rf")
    .innerJoin("findings as f", "f.key", "rf.key")
    .selectAll("f")
    .where("rf.run_id", "=", BigInt(runId))
    .orderBy("f.key")
    .execute();
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const resolved = new Set<string>();
  for (const part of chunk([...byKey.keys()], KEYS_PER_QUERY)) {
    const resolutions = await builder(db)
      .selectFrom("finding_resolutions")
      .selectAll()
      .where("key", "in", part)
      .execute();
    for (const r of resolutions) {
      const finding = byKey.get(r.key);
      if (finding && sameAmounts(r, finding)) resolved.add(r.key);
    }
  }
  return rows.filter((r) => !resolved.has(r.key));
}

/** Every resolution of a key, oldest first. */
export async function resolutionsOf(db: StoreDb, key: string): Promise<ResolutionRow[]> {
  return builder(db).selectFrom("finding_resolutions").selectAll().where("key", "=", key).orderBy("id").execute();
}

type Amounts = { expected_nano: bigint | null; received_nano: bigint | null };

/** A resolution holds while the finding's amounts are those it was resolved at. */
export function sameAmounts(a: Amounts, b: Amounts): boolean {
  return a.expected_nano === b.expected_nano && a.received_nano === b.received_nano;
}

/** Every finding's latest state, by key (history, tests). */
export async function listFindings(db: StoreDb): Promise<FindingRow[]> {
  return builder(db).selectFrom("findings").selectAll().orderBy("key").execute();
}

/** What a run saw: each key and whether it was new in that run, by key. */
export async function listRunFindings(
  db: StoreDb,
  runId: number | bigint,
): Promise<{ key: string; is_new: boolean }[]> {
  const rows = await builder(db)
    .selectFrom("run_findings")
    .select(["key", "is_new"])
    .where("run_id", "=", BigInt(runId))
    .orderBy("key")
    .execute();
  return rows.map((r) => ({ key: r.key, is_new: r.is_new !== 0n }));
}

/** A stored finding as the rest of omrecon speaks of it (core's `Finding`: numbers, parsed details). */
export function findingOfRow(row: FindingRow): Finding {
  let details: Finding["details"] = {};
  try {
    const parsed = JSON.parse(row.details) as unknown;
    if (parsed !== null && typeof parsed === "object") details = parsed as Finding["details"];
  } catch {
    // A details column that is not JSON says nothing more than the row itself.
  }
  return {
    key: row.key,
    kind: row.kind as FindingKind,
    severity: row.severity as Severity,
    order_id: row.order_id === null ? null : Number(row.order_id),
    payment_memo: row.payment_memo,
    tx_hash: row.tx_hash,
    expected_nano: row.expected_nano,
    received_nano: row.received_nano,
    amount_nano: row.amount_nano,
    message: row.message,
    details,
  };
}
