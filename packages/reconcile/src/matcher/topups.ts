/**
 * Top-ups both ways: every valid transfer into the top-up address must be credited by a `topup`
 * ledger row naming its hash, and every `topup` row must name such a transfer of the same amount.
 */
import { FINDING_SEVERITY, type Finding, findingKey, formatIsoUtc, formatTon } from "@omrecon/core";
import { abs } from "./amount.js";
import { transferFinding } from "./transfer-finding.js";
import type { MatchBalanceTransaction, MatchTransfer } from "./types.js";

/** @param credited hashes named by `topup` ledger rows */
export function topupWithoutCredit(t: MatchTransfer, credited: ReadonlySet<string>): Finding | null {
  if (credited.has(t.hash)) return null;
  return transferFinding(
    "topup_without_credit",
    t,
    `top-up of ${formatTon(t.value_nano)} TON at ${formatIsoUtc(t.utime * 1000)} has no topup ledger row`,
    { value_nano: t.value_nano.toString() },
  );
}

/**
 * @param onChain valid transfers into the top-up address, by hash
 * What the chain says arrived is what should have been credited (expected, 0 when nothing
 * arrived); the ledger's credit is what was (received).
 */
export function creditWithoutTopup(
  row: MatchBalanceTransaction,
  onChain: ReadonlyMap<string, MatchTransfer>,
): Finding | null {
  const transfer = row.tx_hash == null ? undefined : onChain.get(row.tx_hash);
  if (transfer && transfer.value_nano === row.amount_nano) return null;
  const arrived = transfer?.value_nano ?? 0n;
  const message = transfer
    ? `topup ledger row ${row.id} credits ${formatTon(row.amount_nano)} TON but its transfer carried ${formatTon(arrived)} TON`
    : row.tx_hash == null
      ? `topup ledger row ${row.id} credits ${formatTon(row.amount_nano)} TON and names no transaction`
      : `topup ledger row ${row.id} credits ${formatTon(row.amount_nano)} TON but names ${row.tx_hash}, which is not a valid transfer into the top-up address`;
  return {
    key: findingKey.balanceTx("credit_without_topup", row.id),
    kind: "credit_without_topup",
    severity: FINDING_SEVERITY.credit_without_topup,
    order_id: null,
    payment_memo: null,
    tx_hash: row.tx_hash,
    expected_nano: arrived,
    received_nano: row.amount_nano,
    amount_nano: abs(row.amount_nano - arrived),
    message,
    details: { balance_tx_id: row.id },
  };
}
