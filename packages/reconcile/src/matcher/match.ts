/**
 * The matcher: pure data in, findings and per-order facts out. No I/O, no clock — the run's as-of
 * time comes in with the input — so the same input always gives the same result.
 */
import type { Finding } from "@omrecon/core";
import { rawAddressOrNull } from "./address.js";
import { attribute } from "./attribution.js";
import { balanceMismatch, chainBreak } from "./balance.js";
import { controlTotals } from "./control-totals.js";
import { debitWithoutOrder, isBalanceOrder, orderDebitMismatch } from "./debits.js";
import { isMemoOrder, matchOrder } from "./orders.js";
import { bouncedFinding, orphanFinding } from "./orphans.js";
import { isoInWindow, utimeInWindow, windowMs } from "./scope.js";
import { compareFindings, reconciliationOf } from "./status.js";
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
  const orders = input.orders.map(normalizeOrder);
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
  const { byOrder, unclaimed } = attribute(orders, payments);
  const debitsByOrder = new Map<number, MatchBalanceTransaction[]>();
  for (const row of ledger) {
    if (row.type !== "order_debit" || row.order_id == null) continue;
    const list = debitsByOrder.get(row.order_id);
    if (list) list.push(row);
    else debitsByOrder.set(row.order_id, [row]);
  }
  const inWindow = orders.filter((o) => isoInWindow(o.created_at, w)).sort((a, b) => a.id - b.id);
  const counted = new Set<string>();
  const perOrder: { order: MatchOrder; facts: Omit<OrderMatch, "reconciliation">; backed: boolean }[] = [];
  for (const order of inWindow) {
    const paid = byOrder.get(order.id) ?? [];
    for (const p of paid) counted.add(p.transfer.hash);
    if (isMemoOrder(order)) {
      const { covering, findings: own, memoNormalized } = matchOrder(order, paid, asOfMs, input.options);
      findings.push(...own);
      const hashes = covering.covering.map((p) => p.transfer.hash);
      perOrder.push({
        order,
        backed: hashes.length > 0,
        facts: {
          order_id: order.id,
          covering: hashes,
          paid_nano: hashes.length > 0 ? covering.coveredNano : null,
          duplicates: covering.duplicates.map((p) => p.transfer.hash),
          paid_in_full: covering.paidInFull,
          completing_tx_hash: covering.completing?.hash ?? null,
          memo_normalized: memoNormalized,
        },
      });
    } else {
      const debits = debitsByOrder.get(order.id) ?? [];
      const mismatch = orderDebitMismatch(order, debits);
      if (mismatch) findings.push(mismatch);
      perOrder.push({
        order,
        backed: isBalanceOrder(order) && debits.length > 0,
        facts: {
          order_id: order.id,
          covering: [],
          paid_nano: null,
          duplicates: [],
          paid_in_full: false,
          completing_tx_hash: null,
          memo_normalized: false,
        },
      });
    }
  }

  // Chain-only facts, scoped by when the transfer arrived.
  for (const t of unclaimed) {
    if (!utimeInWindow(t.utime, w)) continue;
    counted.add(t.hash);
    findings.push(orphanFinding(t));
  }
  for (const t of payments) if (utimeInWindow(t.utime, w)) counted.add(t.hash);

  // Top-ups and the ledger: only when `/balance` told us the top-up address.
  if (input.balance) {
    const credited = new Set<string>();
    for (const row of ledger) if (row.type === "topup" && row.tx_hash != null) credited.add(row.tx_hash);
    const onChain = new Map(topups.map((t) => [t.hash, t]));
    for (const t of topups) {
      if (!utimeInWindow(t.utime, w)) continue;
      counted.add(t.hash);
      const f = topupWithoutCredit(t, credited);
      if (f) findings.push(f);
    }
    for (const row of ledger) {
      if (row.type !== "topup" || !isoInWindow(row.created_at, w)) continue;
      const f = creditWithoutTopup(row, onChain);
      if (f) findings.push(f);
    }
  }
  const balanceOrders = new Set(orders.filter(isBalanceOrder).map((o) => o.id));
  for (let i = 0; i < ledger.length; i++) {
    const row = ledger[i]!;
    if (!isoInWindow(row.created_at, w)) continue;
    if (i > 0) {
      const f = chainBreak(ledger[i - 1]!, row);
      if (f) findings.push(f);
    }
    if (row.type === "order_debit" && (row.order_id == null || !balanceOrders.has(row.order_id))) {
      findings.push(debitWithoutOrder(row));
    }
  }
  if (input.balance) {
    const f = balanceMismatch(ledger[ledger.length - 1] ?? null, input.balance.balance_nano);
    if (f) findings.push(f);
  }
  if (input.stats) {
    const f = controlTotals(input.window, input.stats, inWindow);
    if (f) findings.push(f);
  }

  const unique = dedupe(findings).sort(compareFindings);
  const byOrderId = new Map<number, Finding[]>();
  for (const f of unique) {
    if (f.order_id == null) continue;
    const list = byOrderId.get(f.order_id);
    if (list) list.push(f);
    else byOrderId.set(f.order_id, [f]);
  }
  const orderMatches: OrderMatch[] = perOrder.map(({ order, facts, backed }) => ({
    ...facts,
    reconciliation: reconciliationOf(byOrderId.get(order.id) ?? [], backed),
  }));
  return {
    window: input.window,
    asOf: input.asOf,
    findings: unique,
    orders: orderMatches,
    totals: {
      orders: inWindow.length,
      transfers: counted.size,
      matched: orderMatches.filter((o) => o.reconciliation === "matched").length,
      findings: unique.length,
    },
  };
}

function normalizeOrder(o: MatchOrder): MatchOrder {
  const payment_address = rawAddressOrNull(o.payment_address);
  const tx_hash = canonicalHashOrNull(o.tx_hash);
  if (payment_address === o.payment_address && tx_hash === o.tx_hash) return o;
  return { ...o, payment_address, tx_hash };
}

function normalizeLedgerRow(row: MatchBalanceTransaction): MatchBalanceTransaction {
  return { ...row, tx_hash: canonicalHashOrNull(row.tx_hash) };
}

/** One finding per key; the first produced wins (keys are built so that this never drops news). */
function dedupe(findings: readonly Finding[]): Finding[] {
  const seen = new Map<string, Finding>();
  for (const f of findings) if (!seen.has(f.key)) seen.set(f.key, f);
  return [...seen.values()];
}
