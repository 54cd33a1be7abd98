/**
 * balance_ledger.csv's rows with their `chain_status`: `break` when balance_after ≠ previous
 * balance_after + amount (the predecessor may lie before the period), `unconfirmed` for a top-up whose
 * hash is not a valid transfer into the top-up address, `ok` when checked, empty when there is
 * nothing to check (the very first row, or a top-up before the chain was ever read).
 */
import type { ReportLedgerRow, ReportReader } from "@omrecon/store";
import { needsText } from "./digits.js";

export interface LedgerLine {
  row: ReportLedgerRow;
  status: "" | "ok" | "break" | "unconfirmed";
  /** For a break: what the previous row's balance and this row's amount make. */
  expected?: bigint;
}

export interface LedgerStats {
  rows: number;
  breaks: number;
  unconfirmed: number;
  /** Amount cells (amount, balance after) that need text in the workbook. */
  textAmounts: number;
  /** Where the chain first breaks in the period (the summary page names it), null when it holds. */
  firstBreak: LedgerBreak | null;
}

export interface LedgerBreak {
  id: bigint;
  created_at: string;
  /** The previous row's balance after plus this row's amount. */
  expected_nano: bigint;
  /** What this row says the balance is after it. */
  stated_nano: bigint;
}

export async function ledgerLines(reader: ReportReader, from: string, to: string) {
  const onChain = await reader.validTransferHashes(await reader.topupAddressRaw());
  const before = await reader.balanceBefore(from);
  async function* lines(): AsyncGenerator<LedgerLine> {
    let prev = before;
    for await (const rows of reader.ledger(from, to)) {
      for (const row of rows) {
        const expected = prev === null ? null : prev + row.amount_nano;
        prev = row.balance_after_nano;
        if (expected !== null && row.balance_after_nano !== expected) {
          yield { row, status: "break", expected };
          continue;
        }
        let status: LedgerLine["status"] = "";
        if (row.type === "topup" && onChain !== null)
          status = row.tx_hash && onChain.has(row.tx_hash) ? "ok" : "unconfirmed";
        else if (expected !== null) status = "ok";
        yield { row, status };
      }
    }
  }
  /** Every line once, counting the stats as they pass (`each` sees them, e.g. to write the CSV). */
  async function count(each: (line: LedgerLine) => void = () => {}): Promise<LedgerStats> {
    const stats: LedgerStats = { rows: 0, breaks: 0, unconfirmed: 0, textAmounts: 0, firstBreak: null };
    for await (const line of lines()) {
      stats.rows += 1;
      if (line.status === "break") {
        stats.breaks += 1;
        stats.firstBreak ??= {
          id: line.row.id,
          created_at: line.row.created_at,
          expected_nano: line.expected ?? 0n,
          stated_nano: line.row.balance_after_nano,
        };
      }
      if (line.status === "unconfirmed") stats.unconfirmed += 1;
      if (needsText(line.row.amount_nano)) stats.textAmounts += 1;
      if (needsText(line.row.balance_after_nano)) stats.textAmounts += 1;
      each(line);
    }
    return stats;
  }
  return { lines, count };
}
