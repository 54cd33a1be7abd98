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
}

export interface LedgerStats {
  rows: number;
  breaks: number;
  unconfirmed: number;
  /** Amount cells (amount, balance after) that need text in the workbook. */
  textAmounts: number;
}

export async function ledgerLines(reader: ReportReader, from: string, to: string) {
  const onChain = await reader.validTransferHashes(await reader.topupAddressRaw());
  const before = await reader.balanceBefore(from);
  async function* lines(): AsyncGenerator<LedgerLine> {
    let prev = before;
    for await (const rows of reader.ledger(from, to)) {
      for (const row of rows) {
        let status: LedgerLine["status"] = "";
        if (prev !== null && row.balance_after_nano !== prev + row.amount_nano) status = "break";
        else if (row.type === "topup" && onChain !== null)
          status = row.tx_hash && onChain.has(row.tx_hash) ? "ok" : "unconfirmed";
        else if (prev !== null) status = "ok";
        yield { row, status };
        prev = row.balance_after_nano;
      }
    }
  }
  /** Every line once, counting the stats as they pass (`each` sees them, e.g. to write the CSV). */
  async function count(each: (line: LedgerLine) => void = () => {}): Promise<LedgerStats> {
    const stats: LedgerStats = { rows: 0, breaks: 0, unconfirmed: 0, textAmounts: 0 };
    for await (const line of lines()) {
      stats.rows += 1;
      if (line.status === "break") stats.breaks += 1;
      if (line.status === "unconfirmed") stats.unconfirmed += 1;
      if (needsText(line.row.amount_nano)) stats.textAmounts += 1;
      if (needsText(line.row.balance_after_nano)) stats.textAmounts += 1;
      each(line);
    }
    return stats;
  }
  return { lines, count };
}
