/**
 * The balance ledger as a chain: each row's `balance_after` is the previous row's plus its amount
 * (rows by id; the first row in the mirror has no predecessor), and the current `/balance` is the
 * last row's `balance_after`.
 */
import { FINDING_SEVERITY, type Finding, findingKey, formatTon } from "@omrecon/core";
import { abs } from "./amount.js";
import { printable } from "./printable.js";
import type { MatchBalanceTransaction } from "./types.js";

/** @param row checked against `previous`, the row before it by id */
export function chainBreak(previous: MatchBalanceTransaction, row: MatchBalanceTransaction): Finding | null {
  const expected = previous.balance_after_nano + row.amount_nano;
  if (row.balance_after_nano === expected) return null;
  return {
    key: findingKey.balanceTx("balance_chain_break", row.id),
    kind: "balance_chain_break",
    severity: FINDING_SEVERITY.balance_chain_break,
    // The break is the ledger's, not the order's: it must not colour that order's reconciliation.
    order_id: null,
    payment_memo: null,
    tx_hash: row.tx_hash,
    expected_nano: expected,
    received_nano: row.balance_after_nano,
    amount_nano: abs(row.balance_after_nano - expected),
    message: `ledger row ${row.id} (${printable(row.type)} ${formatTon(row.amount_nano)} TON) says balance ${formatTon(row.balance_after_nano)} TON, but row ${previous.id} left ${formatTon(previous.balance_after_nano)} TON, so ${formatTon(expected)} TON`,
    details: { balance_tx_id: row.id, previous_balance_tx_id: previous.id, ledger_order_id: row.order_id },
  };
}

/** @param last the newest ledger row by id, null when the ledger is empty (its balance is then 0) */
export function balanceMismatch(last: MatchBalanceTransaction | null, balanceNano: bigint): Finding | null {
  const expected = last?.balance_after_nano ?? 0n;
  if (balanceNano === expected) return null;
  const said = last ? `ledger row ${last.id} leaves ${formatTon(expected)} TON` : "the ledger is empty";
  return {
    key: findingKey.balanceMismatch(last?.id ?? null),
    kind: "balance_mismatch",
    severity: FINDING_SEVERITY.balance_mismatch,
    order_id: null,
    payment_memo: null,
    tx_hash: null,
    expected_nano: expected,
    received_nano: balanceNano,
    amount_nano: abs(balanceNano - expected),
    message: `/balance says ${formatTon(balanceNano)} TON but ${said}`,
    details: { balance_tx_id: last?.id ?? null },
  };
}
