/** The one-word reconciliation status of an order, as `orders.csv` prints it. */
import { FINDING_KINDS, type Finding, type FindingKind, SEVERITY_RANK, severityOf } from "@omrecon/core";
import type { Reconciliation } from "./types.js";

/** More severe first; among equals, the order of `reconciliation.md`'s table. */
export function compareKinds(a: FindingKind, b: FindingKind): number {
  const bySeverity = SEVERITY_RANK[severityOf(b)] - SEVERITY_RANK[severityOf(a)];
  return bySeverity !== 0 ? bySeverity : FINDING_KINDS.indexOf(a) - FINDING_KINDS.indexOf(b);
}

/** Most severe first, then by key: the order findings are listed in. */
export function compareFindings(a: Finding, b: Finding): number {
  const bySeverity = SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity];
  if (bySeverity !== 0) return bySeverity;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * The most severe finding kind of the order; else `matched` when money or a debit backs it,
 * else `unpaid` (nothing arrived and nothing was owed: not wrong).
 *
 * @param findings the order's findings from index `from` on
 */
export function reconciliationOf(findings: readonly Finding[], backed: boolean, from = 0): Reconciliation {
  let worst: FindingKind | null = null;
  for (let i = from; i < findings.length; i++) {
    const kind = findings[i]!.kind;
    if (worst === null || compareKinds(kind, worst) < 0) worst = kind;
  }
  if (worst !== null) return worst;
  return backed ? "matched" : "unpaid";
}
