/**
 * What an order's status means for matching, and the one-word reconciliation status `orders.csv`
 * prints. Statuses come from the API as sent (docs/partner-api.md#order-object); one omrecon does
 * not know is handled as not settled: neither paid (no missing_payment) nor refused
 * (no unrecognized_payment), and each run names it once as a warning.
 */
import { ORDER_STATUSES } from "@omrecon/client";
import { FINDING_KINDS, type Finding, type FindingKind, SEVERITY_RANK, severityOf } from "@omrecon/core";
import type { Reconciliation } from "./types.js";

const KNOWN: ReadonlySet<string> = new Set(ORDER_STATUSES);

/** A status the partner API spec names (the client's list). */
export function isKnownStatus(status: string): boolean {
  return KNOWN.has(status);
}

/** The run's warning about unknown statuses, or null when there were none. */
export function unknownStatusWarning(counts: Readonly<Record<string, number>>): string | null {
  const entries = Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length === 0) return null;
  const orders = entries.reduce((n, [, c]) => n + c, 0);
  const list = entries.map(([s, c]) => `${JSON.stringify(s)} ×${c}`).join(", ");
  return (
    `${orders} order${orders === 1 ? "" : "s"} of the window ${orders === 1 ? "has a status" : "have statuses"} ` +
    `omrecon does not know (${list}): handled as not settled, so no missing or unrecognized payment is reported for ${orders === 1 ? "it" : "them"}`
  );
}

/** More severe first; among equals, the order of `docs/reconciliation.md`'s table. */
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
