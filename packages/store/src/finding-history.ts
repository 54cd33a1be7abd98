/**
 * Findings as an operator looks them up (`omrecon findings`, `findings show`, `resolve` by prefix,
 * the open-findings metric): each with its status now. `open`: not resolved at its current amounts
 * and not cleared; `resolved`: an operator resolved it at its current amounts; `cleared`: a later
 * run that covered its subject no longer found it (docs/reconciliation.md#lifecycle-of-a-finding).
 */
import { sql } from "kysely";
import { chunk } from "./batch.js";
import { type FindingRow, type ResolutionRow, sameAmounts } from "./findings.js";
import { builder, type StoreDb } from "./session.js";

export type FindingStatus = "open" | "resolved" | "cleared";

export interface FindingState extends FindingRow {
  status: FindingStatus;
  /** The resolution that holds (resolved), else null. */
  resolution: ResolutionRow | null;
}

export interface FindingFilter {
  /** Default `open`. */
  status?: FindingStatus | "all";
  kind?: string;
  severity?: string;
  /** First seen at or after this instant (ISO). */
  since?: string;
}

const KEYS_PER_QUERY = 500;
const RANK: Readonly<Record<string, number>> = { critical: 3, warning: 2, info: 1 };

/**
 * Findings matching `filter`, most severe first, then most at stake, then newest, then by key:
 * the order a person reads them in.
 */
export async function listFindingStates(db: StoreDb, filter: FindingFilter = {}): Promise<FindingState[]> {
  let q = builder(db).selectFrom("findings").selectAll();
  if (filter.kind !== undefined) q = q.where("kind", "=", filter.kind);
  if (filter.severity !== undefined) q = q.where("severity", "=", filter.severity);
  if (filter.since !== undefined) q = q.where("first_seen_at", ">=", filter.since);
  const rows = await q.execute();
  const states = await withStatus(db, rows);
  const wanted = filter.status ?? "open";
  return states
    .filter((f) => wanted === "all" || f.status === wanted)
    .sort(
      (a, b) =>
        (RANK[b.severity] ?? 0) - (RANK[a.severity] ?? 0) ||
        compareAmounts(b.amount_nano, a.amount_nano) ||
        (a.first_seen_at < b.first_seen_at ? 1 : a.first_seen_at > b.first_seen_at ? -1 : 0) ||
        (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    );
}

/** One finding with its status, by exact key. */
export async function getFindingState(db: StoreDb, key: string): Promise<FindingState | undefined> {
  const row = await builder(db).selectFrom("findings").selectAll().where("key", "=", key).executeTakeFirst();
  return row === undefined ? undefined : (await withStatus(db, [row]))[0];
}

/**
 * The keys a person may have meant by `prefix`: the key itself when it exists, else every key that
 * starts with it (at most `limit`), sorted. An 80-character key can then be given by its start.
 */
export async function findingKeysByPrefix(db: StoreDb, prefix: string, limit = 20): Promise<string[]> {
  const exact = await builder(db).selectFrom("findings").select("key").where("key", "=", prefix).executeTakeFirst();
  if (exact !== undefined) return [exact.key];
  if (prefix === "") return [];
  // LIKE's wildcards are escaped; SQLite's LIKE ignores ASCII case, so the match is checked again here.
  const pattern = `${prefix.replace(/[!%_]/g, (c) => `!${c}`)}%`;
  const rows = await builder(db)
    .selectFrom("findings")
    .select("key")
    .where(sql<boolean>`key like ${pattern} escape '!'`)
    .orderBy("key")
    .limit(limit * 4)
    .execute();
  return rows
    .map((r) => r.key)
    .filter((k) => k.startsWith(prefix))
    .slice(0, limit);
}

export interface FindingRunRow {
  run_id: bigint;
  started_at: string;
  status: string;
  window_from: string;
  window_to: string;
  is_new: boolean;
}

/** The runs that saw a finding, newest first. */
export async function runsOfFinding(db: StoreDb, key: string, limit = 20): Promise<FindingRunRow[]> {
  const rows = await builder(db)
    .selectFrom("run_findings as rf")
    .innerJoin("reconciliation_runs as r", "r.id", "rf.run_id")
    .select(["rf.run_id", "r.started_at", "r.status", "r.window_from", "r.window_to", "rf.is_new"])
    .where("rf.key", "=", key)
    .orderBy("rf.run_id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, is_new: r.is_new !== 0n }));
}

async function withStatus(db: StoreDb, rows: readonly FindingRow[]): Promise<FindingState[]> {
  const resolutions = new Map<string, ResolutionRow[]>();
  for (const part of chunk(
    rows.map((r) => r.key),
    KEYS_PER_QUERY,
  )) {
    const found = await builder(db)
      .selectFrom("finding_resolutions")
      .selectAll()
      .where("key", "in", part)
      .orderBy("id", "desc")
      .execute();
    for (const r of found) {
      const list = resolutions.get(r.key);
      if (list) list.push(r);
      else resolutions.set(r.key, [r]);
    }
  }
  return rows.map((row) => {
    const holding = (resolutions.get(row.key) ?? []).find((r) => sameAmounts(r, row)) ?? null;
    const status: FindingStatus = holding !== null ? "resolved" : row.cleared_run !== null ? "cleared" : "open";
    return { ...row, status, resolution: holding };
  });
}

function compareAmounts(a: bigint | null, b: bigint | null): number {
  const x = a ?? -1n;
  const y = b ?? -1n;
  return x < y ? -1 : x > y ? 1 : 0;
}
