/**
 * Apply a match result: in one write transaction, after re-checking the reconcile lock, record the
 * findings' lifecycle, each order's conclusion and the run's totals. Resolved findings are recorded
 * as seen but not listed; findings whose alert the run holds back stay new for the next run.
 */
import { type Finding, SEVERITY_RANK } from "@omrecon/core";
import {
  type ClearScope,
  clearUnseenFindings,
  findingOfRow,
  finishRun,
  type HeldLock,
  type RecordedFinding,
  type RunTotals,
  recordRunFindings,
  type Store,
  type StoreDb,
  saveOrderMatches,
  writeTransaction,
} from "@omrecon/store";
import type { MatchResult } from "../matcher/types.js";
import type { ListedFinding } from "./context.js";

export interface AppliedRun {
  totals: RunTotals;
  findings: ListedFinding[];
  resolved: number;
  /** Open findings this run covered and did not find: now cleared. */
  cleared: Finding[];
}

export interface ApplyOptions {
  at: string;
  startedMs: number;
  nowMs: () => number;
  /** The run's lock: re-checked inside the transaction, so a run that lost it never commits. */
  lock?: HeldLock;
  /** Findings whose alert this run holds back (an incomplete mirror can cause them). */
  holdBack?: (finding: Finding) => boolean;
  warnings?: readonly string[];
  mirrorIncomplete?: string | null;
  /**
   * What this run covered besides its window (docs/reconciliation.md#lifecycle-of-a-finding):
   * open findings it covered and did not find are cleared. Absent: nothing is cleared (an
   * incomplete mirror cannot tell a fixed problem from a missing row).
   */
  clear?: Omit<ClearScope, "runId" | "at" | "window">;
  /** Inside the transaction, once everything is recorded: the alerts the run owes go into the outbox with it. */
  inTransaction?: (trx: StoreDb, applied: AppliedRun) => Promise<void>;
}

export async function applyRun(
  store: Store,
  runId: number,
  result: MatchResult,
  options: ApplyOptions,
): Promise<AppliedRun & { durationMs: number }> {
  return writeTransaction(store.db, async (trx) => {
    await options.lock?.assertHeld(trx);
    const recorded = await recordRunFindings(
      trx,
      runId,
      options.at,
      result.findings,
      options.holdBack ? { holdBack: options.holdBack } : {},
    );
    await saveOrderMatches(
      trx,
      runId,
      result.orders.map((o) => ({
        order_id: o.order_id,
        paid_nano: o.paid_nano,
        covering: o.covering,
        completing_tx_hash: o.completing_tx_hash,
        memo_normalized: o.memo_normalized,
        reconciliation: o.reconciliation,
      })),
    );
    const findings = listed(recorded);
    const cleared = options.clear
      ? (
          await clearUnseenFindings(trx, {
            ...options.clear,
            runId,
            at: options.at,
            window: result.window,
          })
        ).map(findingOfRow)
      : [];
    const totals: RunTotals = {
      orders: result.totals.orders,
      transfers: result.totals.transfers,
      matched: result.totals.matched,
      findings: findings.length,
      new_findings: findings.filter((f) => f.new).length,
    };
    const durationMs = Math.max(0, Math.round(options.nowMs() - options.startedMs));
    await finishRun(trx, runId, {
      finished_at: new Date(options.nowMs()).toISOString(),
      duration_ms: durationMs,
      totals,
      warnings: options.warnings ?? [],
      mirror_incomplete: options.mirrorIncomplete ?? null,
    });
    const applied = { totals, findings, resolved: recorded.length - findings.length, cleared };
    await options.inTransaction?.(trx, applied);
    return { ...applied, durationMs };
  });
}

/** Open findings, newest knowledge first: new, then latest first seen, then most severe, then key. */
export function listed(recorded: readonly RecordedFinding[]): ListedFinding[] {
  return recorded
    .filter((r) => !r.resolved)
    .map((r) => ({
      ...r.finding,
      new: r.isNew,
      first_seen_run: r.firstSeenRun,
      first_seen_at: r.firstSeenAt,
      held_back: r.heldBack,
    }))
    .sort(
      (a, b) =>
        Number(b.new) - Number(a.new) ||
        b.first_seen_run - a.first_seen_run ||
        SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
        (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    );
}
