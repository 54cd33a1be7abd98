/**
 * Findings about one order paid by memo: missing, unrecognized, under/over/late paid, duplicates,
 * and a `tx_hash` the chain does not back.
 */
import { FINDING_SEVERITY, type Finding, type FindingKind, findingKey, formatIsoUtc, formatTon } from "@omrecon/core";
import type { PaidTransfer } from "./attribution.js";
import { type Covering, coveringSet } from "./covering.js";
import { printable } from "./printable.js";
import type { MatchOptions, MatchOrder } from "./types.js";

/** The service says it was paid. */
export const PAID_STATUSES: ReadonlySet<string> = new Set(["paid", "processing", "completed"]);
/** The service never took the payment (`refunded` is excluded: the money went back). */
export const UNRECOGNIZED_STATUSES: ReadonlySet<string> = new Set([
  "pending_payment",
  "expired",
  "cancelled",
  "failed",
]);

export interface OrderFacts {
  covering: Covering;
  findings: Finding[];
  memoNormalized: boolean;
}

/** The order is paid by sending TON with its memo (not from the partner balance). */
export function isMemoOrder(order: MatchOrder): boolean {
  if (order.payment_method === "balance") return false;
  if (order.payment_method === "ton_memo") return true;
  // An unknown or absent method with a memo is still a memo payment: the memo is what the payer used.
  return order.payment_memo != null && order.payment_memo.trim() !== "";
}

export function matchOrder(
  order: MatchOrder,
  paid: readonly PaidTransfer[],
  asOfMs: number,
  options: MatchOptions,
): OrderFacts {
  const covering = coveringSet(paid, order.price_nano, options.toleranceNano);
  const memoNormalized = paid.some((p) => p.normalized);
  const findings: Finding[] = [];
  const label = `order ${order.id} (${order.payment_memo == null ? "no memo" : printable(order.payment_memo)})`;
  const price = order.price_nano;
  const tol = options.toleranceNano;
  const expiresMs = order.expires_at == null ? null : Date.parse(order.expires_at);
  const details = memoNormalized ? { memo_normalized: true } : undefined;
  const add = (kind: FindingKind, f: Partial<Finding> & { message: string }) =>
    findings.push({
      key: findingKey.order(kind, order.id),
      kind,
      severity: FINDING_SEVERITY[kind],
      order_id: order.id,
      payment_memo: order.payment_memo,
      tx_hash: null,
      expected_nano: null,
      received_nano: null,
      ...(details ? { details } : {}),
      ...f,
    });

  if (paid.length === 0) {
    if (PAID_STATUSES.has(order.status) && order.payment_method === "ton_memo") {
      add("missing_payment", { message: `${label} is ${order.status} but no valid transfer carries its memo` });
    }
  } else if (!covering.paidInFull) {
    const last = paid[paid.length - 1]!.transfer;
    add("underpaid", {
      tx_hash: last.hash,
      expected_nano: price,
      received_nano: covering.coveredNano,
      message: `${label} received ${formatTon(covering.coveredNano)} of ${formatTon(price)} TON`,
    });
  } else {
    const completing = covering.completing!;
    const onTime = expiresMs == null || completing.utime * 1000 <= expiresMs;
    if (covering.coveredNano > price + tol) {
      add("overpaid", {
        tx_hash: completing.hash,
        expected_nano: price,
        received_nano: covering.coveredNano,
        message: `${label} received ${formatTon(covering.coveredNano)} TON for a price of ${formatTon(price)} TON`,
      });
    }
    if (!onTime) {
      add("late_payment", {
        tx_hash: completing.hash,
        expected_nano: price,
        received_nano: covering.coveredNano,
        message: `${label} was paid in full at ${formatIsoUtc(completing.utime * 1000)}, after it expired at ${formatIsoUtc(order.expires_at!)}`,
      });
    }
    const ageMs = asOfMs - completing.utime * 1000;
    if (onTime && UNRECOGNIZED_STATUSES.has(order.status) && ageMs > options.graceMs) {
      add("unrecognized_payment", {
        tx_hash: completing.hash,
        message: `${label} was paid in full and on time (${formatTon(covering.coveredNano)} TON at ${formatIsoUtc(completing.utime * 1000)}) but is still ${order.status}`,
      });
    }
  }

  for (const dup of covering.duplicates) {
    const t = dup.transfer;
    findings.push({
      key: findingKey.transfer("duplicate_payment", t.hash),
      kind: "duplicate_payment",
      severity: FINDING_SEVERITY.duplicate_payment,
      order_id: order.id,
      payment_memo: order.payment_memo,
      tx_hash: t.hash,
      // The price the order asked for, against what this extra transfer carried.
      expected_nano: price,
      received_nano: t.value_nano,
      message: `${label}: transfer of ${formatTon(t.value_nano)} TON at ${formatIsoUtc(t.utime * 1000)} arrived after the price was already covered`,
      ...(dup.normalized ? { details: { memo_normalized: true } } : {}),
    });
  }

  if (order.tx_hash != null && !paid.some((p) => p.transfer.hash === order.tx_hash)) {
    add("tx_hash_mismatch", {
      tx_hash: order.tx_hash,
      message: `${label} names transaction ${order.tx_hash}, which is not a valid transfer with its memo`,
    });
  }
  return { covering, findings, memoNormalized };
}
