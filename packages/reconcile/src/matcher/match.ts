/**
 * The matcher: pure data in, findings and per-order facts out. No I/O, no clock — the run's as-of
 * time comes in with the input — so the same input always gives the same result.
 */
import { type Finding, rawAddressOrNull } from "@omrecon/core";
import { attribute } from "./attribution.js";
import { balanceMismatch, chainBreak } from "./balance.js";
import { controlTotals } from "./control-totals.js";
import { debitWithoutOrder, isBalanceOrder, orderDebitMismatch } from "./debits.js";
import { distinctCount } from "./distinct-count.js";
import { isMemoOrder, matchOrder, NO_HASHES, PAID_STATUSES } from "./orders.js";
import { idSlot, ordersById } from "./orders-by-id.js";
import { bouncedFinding, orphanFinding } from "./orphans.js";
import { isoInWindow, utimeInWindow, windowMs } from "./scope.js";
import { compareFindings, isKnownStatus, reconciliationOf } from "./status.js";
import { creditWithoutTopup, topupWithoutCredit } from "./topups.js";
import { canonicalHashOrNull, isBouncedTransfer, isValidTransfer, normalizeTransfer } from "./transfers.js";
import type {
  MatchBalanceTransaction,
  MatchInput,
  MatchOrder,
  MatchResult,
  MatchTransfer,
  OrderMatch,
} from "./types.js";

export function match(input: MatchInput): MatchResult {
  const w = windowMs(input.window);
  const asOfMs = Date.parse(input.asOf);
  const orders = input.orders;
  const ledger = input.balanceTransactions.map(normalizeLedgerRow).sort((a, b) => a.id - b.id);
  const topupAddress = rawAddressOrNull(input.balance?.topup_address);

  const payments: MatchTransfer[] = [];
  const topups: MatchTransfer[] = [];
  const findings: Finding[] = [];
  for (const raw of input.transfers) {
    const t = normalizeTransfer(raw);
    if (isValidTransfer(t)) (t.address === topupAddress ? topups : payments).push(t);
    else if (isBouncedTransfer(t) && utimeInWindow(t.utime, w)) findings.push(bouncedFinding(t));
  }

  // Orders paid by memo, and orders paid from balance, of the window.
  const byId = ordersById(orders);
  const { paid: paidBySlot, folded, unclaimed } = attribute(byId, payments);
  const debitsByOrder = new Map<number, MatchBalanceTransaction[]>();
  for (const row of ledger) {
    if (row.type !== "order_debit" || row.order_id == null) continue;
    const list = debitsByOrder.get(row.order_id);
    if (list) list.push(row);
    else debitsByOrder.set(row.order_id, [row]);
  }
  // The window's orders by status, for the control totals.
  const byStatus = input.stats ? new Map<string, number>() : null;
  // Statuses omrecon does not know, and how many orders of the window hold each.
  const unknownStatuses: Record<string, number> = {};
  // The mirror's billed volume of the window, against the stats' `volume_ton`.
  let volume = 0n;
  // Hashes of the valid transfers the run looked at, repeats allowed: those paying orders of the
  // window that arrived outside it here, the rest below.
  const looked: string[] = [];
  const orderMatches: OrderMatch[] = [];
  // Whether money or a debit backs each order: kept for the rare reconciliation by key below.
  const backed = new Uint8Array(byId.list.length);
  // The list of an order's one transfer (most orders have one): refilled per order, never kept.
  const one: MatchTransfer[] = [];
  for (let at = 0; at < byId.list.length; at++) {
    const order = byId.list[at]!;
    if (!isoInWindow(order.created_at, w)) continue;
    const i = orderMatches.length;
    if (byStatus) {
      byStatus.set(order.status, (byStatus.get(order.status) ?? 0) + 1);
      if (PAID_STATUSES.has(order.status)) volume += order.price_nano;
    }
    if (!isKnownStatus(order.status)) unknownStatuses[order.status] = (unknownStatuses[order.status] ?? 0) + 1;
    const p = paidBySlot[idSlot(byId, at)];
    let paid: readonly MatchTransfer[] = NO_PAYMENTS;
    if (Array.isArray(p)) paid = p;
    else if (p !== undefined) {
      one[0] = p;
      paid = one;
    }
    for (const t of paid) if (!utimeInWindow(t.utime, w)) looked.push(t.hash);
    if (isMemoOrder(order)) {
      orderMatches.push(matchOrder(order, paid, folded, asOfMs, input.options, findings));
      backed[i] = paid.length > 0 ? 1 : 0;
    } else {
      const start = findings.length;
      const debits = debitsByOrder.get(order.id) ?? [];
      const mismatch = orderDebitMismatch(order, debits);
      if (mismatch) findings.push(mismatch);
      backed[i] = isBalanceOrder(order) && debits.length > 0 ? 1 : 0;
      orderMatches.push({
        order_id: order.id,
        covering: NO_HASHES,
        paid_nano: null,
        duplicates: NO_HASHES,
        paid_in_full: false,
        completing_tx_hash: null,
        memo_normalized: false,
        reconciliation: reconciliationOf(findings, backed[i] === 1, start),
      });
    }
  }

  // Chain-only facts, scoped by when the transfer arrived.
  for (const t of unclaimed) if (utimeInWindow(t.utime, w)) findings.push(orphanFinding(t));
  for (const t of payments) if (utimeInWindow(t.utime, w)) looked.push(t.hash);

  // Top-ups and the ledger: only when `/balance` told us the top-up address.
  if (input.balance) {
    const credited = new Set<string>();
    for (const row of ledger) if (row.type === "topup" && row.tx_hash != null) credited.add(row.tx_hash);
    const onChain = new Map(topups.map((t) => [t.hash, t]));
    for (const t of topups) {
      if (!utimeInWindow(t.utime, w)) continue;
      looked.push(t.hash);
      const f = topupWithoutCredit(t, credited);
      if (f) findings.push(f);
    }
    for (const row of ledger) {
      if (row.type !== "topup" || !isoInWindow(row.created_at, w)) continue;
      const f = creditWithoutTopup(row, onChain);
      if (f) findings.push(f);
    }
  }
  for (let i = 0; i < ledger.length; i++) {
    const row = ledger[i]!;
    if (!isoInWindow(row.created_at, w)) continue;
    if (i > 0) {
      const f = chainBreak(ledger[i - 1]!, row);
      if (f) findings.push(f);
    }
    if (row.type === "order_debit" && (row.order_id == null || !hasBalanceOrder(byId.list, row.order_id))) {
      findings.push(debitWithoutOrder(row));
    }
  }
  if (input.balance) {
    const f = balanceMismatch(ledger[ledger.length - 1] ?? null, input.balance.balance_nano);
    if (f) findings.push(f);
  }
  if (input.stats) {
    const f = controlTotals(input.window, input.stats, orderMatches.length, byStatus!, volume);
    if (f) findings.push(f);
  }

  const unique = dedupe(findings);
  // Each order's reconciliation came from the findings it produced itself. Only orders sharing an
  // id, or an order finding dropped as a repeated key, could make the listed findings say otherwise.
  if (byId.firstOfId !== null || droppedOrderFinding(findings, unique)) {
    reconcileByKey(orderMatches, backed, unique);
  }
  unique.sort(compareFindings);
  let matched = 0;
  for (const m of orderMatches) if (m.reconciliation === "matched") matched++;
  return {
    window: input.window,
    asOf: input.asOf,
    findings: unique,
    orders: orderMatches,
    unknownStatuses,
    totals: {
      orders: orderMatches.length,
      transfers: distinctCount(looked),
      matched,
      findings: unique.length,
    },
  };
}

const NO_PAYMENTS: readonly MatchTransfer[] = Object.freeze([]);

/** Some order with this id is paid from balance. @param list sorted by id */
function hasBalanceOrder(list: readonly MatchOrder[], id: number): boolean {
  // The first position holding an id of at least `id`, by bisection: no set of every order's id.
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.id < id) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < list.length && list[i]!.id === id; i++) if (isBalanceOrder(list[i]!)) return true;
  return false;
}

/** Did deduplication drop a finding that names an order? */
function droppedOrderFinding(all: readonly Finding[], unique: readonly Finding[]): boolean {
  if (all.length === unique.length) return false;
  const kept = new Set(unique);
  return all.some((f) => f.order_id != null && !kept.has(f));
}

/** Every order's reconciliation from the listed findings naming its id. */
function reconcileByKey(matches: OrderMatch[], backed: Uint8Array, findings: readonly Finding[]): void {
  const byOrderId = new Map<number, Finding[]>();
  for (const f of findings) {
    if (f.order_id == null) continue;
    const list = byOrderId.get(f.order_id);
    if (list) list.push(f);
    else byOrderId.set(f.order_id, [f]);
  }
  for (let i = 0; i < matches.length; i++) {
    const m = matches[i]!;
    m.reconciliation = reconciliationOf(byOrderId.get(m.order_id) ?? [], backed[i] === 1);
  }
}

function normalizeLedgerRow(row: MatchBalanceTransaction): MatchBalanceTransaction {
  const txHash = canonicalHashOrNull(row.tx_hash);
  // The store holds canonical hashes: most rows need no copy.
  return txHash === row.tx_hash ? row : { ...row, tx_hash: txHash };
}

/** One finding per key; the first produced wins (keys are built so that this never drops news). */
function dedupe(findings: readonly Finding[]): Finding[] {
  const seen = new Map<string, Finding>();
  for (const f of findings) if (!seen.has(f.key)) seen.set(f.key, f);
  return [...seen.values()];
}
