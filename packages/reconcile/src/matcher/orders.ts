/**
 * Findings about one order paid by memo: missing, unrecognized, under/over/late paid, duplicates,
 * and a `tx_hash` the chain does not back. Most orders have none, so nothing about a finding (its
 * message, the order's label) is built until one is due.
 */
import { paidByMemo } from "@omrecon/client";
import { FINDING_SEVERITY, type Finding, type FindingKind, findingKey, formatIsoUtc, formatTon } from "@omrecon/core";
import { coveringSet } from "./covering.js";
import { printable } from "./printable.js";
import { isoMs } from "./scope.js";
import { reconciliationOf } from "./status.js";
import { canonicalHash } from "./transfers.js";
import type { MatchOptions, MatchOrder, MatchTransfer, OrderMatch } from "./types.js";

/** The service says it was paid. */
export const PAID_STATUSES: ReadonlySet<string> = new Set(["paid", "processing", "completed"]);
/** The service never took the payment (`refunded` is excluded: the money went back). */
export const UNRECOGNIZED_STATUSES: ReadonlySet<string> = new Set([
  "pending_payment",
  "expired",
  "cancelled",
  "failed",
]);

/**
 * The order is paid by sending TON with its memo (not from the partner balance): `ton_memo`, or no
 * method (or one omrecon does not know) and a memo (docs/partner-api.md#tolerance; the client's rule).
 */
export function isMemoOrder(order: MatchOrder): boolean {
  return paidByMemo(order);
}

/**
 * What the order's transfers say about it. Its findings are appended to `findings`; the returned
 * reconciliation is the most severe of them (or matched / unpaid).
 *
 * @param paid the transfers paying the order, in `lt` order
 * @param folded transfers whose comment needed case folding to equal their order's memo
 */
export function matchOrder(
  order: MatchOrder,
  paid: readonly MatchTransfer[],
  folded: ReadonlySet<MatchTransfer>,
  asOfMs: number,
  options: MatchOptions,
  findings: Finding[],
): OrderMatch {
  const start = findings.length;
  const price = order.price_nano;
  const tol = options.toleranceNano;
  const covering = coveringSet(paid, price, tol);
  const normalized = folded.size > 0 && paid.some((t) => folded.has(t));

  if (paid.length === 0) {
    // Every order here is paid by memo (isMemoOrder), with or without a `payment_method`.
    if (PAID_STATUSES.has(order.status)) {
      findings.push(
        orderFinding(order, "missing_payment", normalized, {
          amount_nano: price,
          message: `${label(order)} is ${order.status} but no valid transfer carries its memo`,
        }),
      );
    }
  } else if (!covering.paidInFull) {
    findings.push(
      orderFinding(order, "underpaid", normalized, {
        tx_hash: paid[paid.length - 1]!.hash,
        expected_nano: price,
        received_nano: covering.coveredNano,
        amount_nano: price - covering.coveredNano,
        message: `${label(order)} received ${formatTon(covering.coveredNano)} of ${formatTon(price)} TON`,
      }),
    );
  } else {
    const completing = covering.completing!;
    const paidMs = completing.utime * 1000;
    const onTime = order.expires_at == null || paidMs <= isoMs(order.expires_at);
    if (covering.coveredNano > (tol === 0n ? price : price + tol)) {
      findings.push(
        orderFinding(order, "overpaid", normalized, {
          tx_hash: completing.hash,
          expected_nano: price,
          received_nano: covering.coveredNano,
          amount_nano: covering.coveredNano - price,
          message: `${label(order)} received ${formatTon(covering.coveredNano)} TON for a price of ${formatTon(price)} TON`,
        }),
      );
    }
    if (!onTime) {
      findings.push(
        orderFinding(order, "late_payment", normalized, {
          tx_hash: completing.hash,
          expected_nano: price,
          received_nano: covering.coveredNano,
          // The late money itself: it may have to go back.
          amount_nano: covering.coveredNano,
          message: `${label(order)} was paid in full at ${formatIsoUtc(paidMs)}, after it expired at ${formatIsoUtc(order.expires_at!)}`,
        }),
      );
    }
    if (onTime && asOfMs - paidMs > options.graceMs && UNRECOGNIZED_STATUSES.has(order.status)) {
      findings.push(
        orderFinding(order, "unrecognized_payment", normalized, {
          tx_hash: completing.hash,
          amount_nano: covering.coveredNano,
          message: `${label(order)} was paid in full and on time (${formatTon(covering.coveredNano)} TON at ${formatIsoUtc(paidMs)}) but is still ${order.status}`,
        }),
      );
    }
  }

  for (let i = covering.size; i < paid.length; i++) findings.push(duplicateFinding(order, paid[i]!, folded));

  const named = namedHash(order.tx_hash, paid);
  if (named !== null) {
    findings.push(
      orderFinding(order, "tx_hash_mismatch", normalized, {
        tx_hash: named,
        // The order's payment is what the named hash should prove.
        amount_nano: price,
        message: `${label(order)} names transaction ${named}, which is not a valid transfer with its memo`,
      }),
    );
  }

  return {
    order_id: order.id,
    covering: covering.size === 0 ? NO_HASHES : covering.size === 1 ? [paid[0]!.hash] : hashes(paid, 0, covering.size),
    paid_nano: paid.length > 0 ? covering.coveredNano : null,
    duplicates: covering.size < paid.length ? hashes(paid, covering.size, paid.length) : NO_HASHES,
    paid_in_full: covering.paidInFull,
    completing_tx_hash: covering.completing?.hash ?? null,
    memo_normalized: normalized,
    reconciliation: reconciliationOf(findings, paid.length > 0, start),
  };
}

/**
 * The order's `tx_hash` in canonical form when it names no transfer of `paid`; null when it names
 * one, or nothing. It usually arrives as 64 lowercase hex equal to a paid transfer's hash, and a
 * canonical hash of 64 characters is its own canonical form: that case costs no parsing.
 */
function namedHash(txHash: string | null, paid: readonly MatchTransfer[]): string | null {
  if (txHash == null) return null;
  if (txHash.length === 64) for (const t of paid) if (t.hash === txHash) return null;
  if (txHash.trim() === "") return null;
  const named = canonicalHash(txHash);
  for (const t of paid) if (t.hash === named) return null;
  return named;
}

/**
 * The empty list of hashes every order without duplicates (and every order paid from balance)
 * shares: a million empty arrays that all outlive the run are a million objects for the GC to copy.
 * Frozen, so that no caller can add to every order's list at once.
 */
export const NO_HASHES = Object.freeze([]) as unknown as string[];

function hashes(paid: readonly MatchTransfer[], from: number, to: number): string[] {
  const out: string[] = [];
  for (let i = from; i < to; i++) out.push(paid[i]!.hash);
  return out;
}

function label(order: MatchOrder): string {
  return `order ${order.id} (${order.payment_memo == null ? "no memo" : printable(order.payment_memo)})`;
}

/** A finding keyed by the order; `normalized` when its memo matched by case folding. */
function orderFinding(
  order: MatchOrder,
  kind: FindingKind,
  normalized: boolean,
  f: Partial<Finding> & { message: string },
): Finding {
  return {
    key: findingKey.order(kind, order.id),
    kind,
    severity: FINDING_SEVERITY[kind],
    order_id: order.id,
    payment_memo: order.payment_memo,
    tx_hash: null,
    expected_nano: null,
    received_nano: null,
    amount_nano: null,
    ...(normalized ? { details: { memo_normalized: true } } : {}),
    ...f,
  };
}

function duplicateFinding(order: MatchOrder, t: MatchTransfer, folded: ReadonlySet<MatchTransfer>): Finding {
  return {
    key: findingKey.transfer("duplicate_payment", t.hash),
    kind: "duplicate_payment",
    severity: FINDING_SEVERITY.duplicate_payment,
    order_id: order.id,
    payment_memo: order.payment_memo,
    tx_hash: t.hash,
    // The price the order asked for, against what this extra transfer carried.
    expected_nano: order.price_nano,
    received_nano: t.value_nano,
    amount_nano: t.value_nano,
    message: `${label(order)}: transfer of ${formatTon(t.value_nano)} TON at ${formatIsoUtc(t.utime * 1000)} arrived after the price was already covered`,
    ...(folded.has(t) ? { details: { memo_normalized: true } } : {}),
  };
}
