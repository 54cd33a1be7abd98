import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Logger } from "@omrecon/core";
import { silentLogger } from "@omrecon/core";
import type { FindingRow, Store } from "@omrecon/store";
import { intCell, textCell, timeCell, tonCell } from "./cells.js";
import {
  BALANCE_LEDGER_COLUMNS,
  DAILY_SUMMARY_COLUMNS,
  FINDINGS_COLUMNS,
  ORDERS_COLUMNS,
  REPORT_FILES,
} from "./columns.js";
import { CsvFile } from "./csv-file.js";
import { DailySummary } from "./daily-summary.js";
import { dayFormatter } from "./day.js";
import {
  balanceTransactionBefore,
  latestRunId,
  openFindingsOfRun,
  streamBalanceTransactions,
  streamOrders,
  topupAddressRaw,
  validTransferHashes,
} from "./queries.js";

export interface ReportOptions {
  /** Folder the files are written into (created if needed). */
  out: string;
  /** `[from, to)` on `created_at`. */
  window: { from: Date; to: Date };
  /** IANA zone of the daily summary's day boundaries. Default UTC. */
  timeZone?: string;
  /** Start each file with a UTF-8 byte-order mark (for Excel). */
  bom?: boolean;
}

export interface ReportContext {
  store: Store;
  logger?: Logger;
  /** Called as rows are written (for a terminal progress line). */
  onProgress?: (file: string, rows: number) => void;
}

export interface ReportFile {
  file: string;
  path: string;
  rows: number;
}

export interface ReportResult {
  out: string;
  window: { from: string; to: string };
  time_zone: string;
  run_id: number | null;
  files: ReportFile[];
}

/** Writes the four CSV files of cli.md for the window. Each file appears complete or not at all. */
export async function writeReports(ctx: ReportContext, options: ReportOptions): Promise<ReportResult> {
  const { store } = ctx;
  const logger = ctx.logger ?? silentLogger;
  const from = options.window.from.toISOString();
  const to = options.window.to.toISOString();
  const tz = options.timeZone ?? "UTC";
  mkdirSync(options.out, { recursive: true });
  const file = (name: string, header: readonly string[]) =>
    new CsvFile(join(options.out, name), header, { bom: options.bom ?? false });

  const runId = await latestRunId(store);
  const findings = runId === undefined ? [] : await openFindingsOfRun(store, runId);
  const byOrder = new Map<bigint, { critical: number; warning: number }>();
  for (const f of findings) {
    if (f.order_id === null || (f.severity !== "critical" && f.severity !== "warning")) continue;
    const c = byOrder.get(f.order_id) ?? { critical: 0, warning: 0 };
    c[f.severity] += 1;
    byOrder.set(f.order_id, c);
  }

  const files: CsvFile[] = [];
  try {
    const orders = file(REPORT_FILES.orders, ORDERS_COLUMNS);
    files.push(orders);
    const summary = new DailySummary();
    const dayOf = dayFormatter(tz);
    for (const o of streamOrders(store, from, to)) {
      orders.add([
        intCell(o.id),
        timeCell(o.created_at),
        textCell(o.status),
        textCell(o.order_type),
        textCell(o.recipient_username),
        intCell(o.stars_amount),
        intCell(o.premium_months),
        tonCell(o.price_nano),
        textCell(o.payment_method),
        textCell(o.payment_memo),
        textCell(o.client_reference),
        tonCell(o.paid_nano),
        textCell(o.tx_hash ?? o.completing_tx_hash),
        textCell(o.reconciliation),
      ]);
      summary.add({
        day: dayOf(o.created_at),
        order_type: o.order_type,
        status: o.status,
        stars_amount: o.stars_amount,
        premium_months: o.premium_months,
        price_nano: o.price_nano,
        paid_nano: o.paid_nano,
        findings: byOrder.get(o.id),
      });
      if (orders.rows % 10_000 === 0) ctx.onProgress?.(REPORT_FILES.orders, orders.rows);
    }

    const daily = file(REPORT_FILES.dailySummary, DAILY_SUMMARY_COLUMNS);
    files.push(daily);
    for (const row of summary.rows()) daily.add(row);

    const findingsFile = file(REPORT_FILES.findings, FINDINGS_COLUMNS);
    files.push(findingsFile);
    for (const f of findings) findingsFile.add(findingRow(f));

    const ledger = file(REPORT_FILES.balanceLedger, BALANCE_LEDGER_COLUMNS);
    files.push(ledger);
    await writeLedger(store, ledger, from, to);

    for (const f of files) f.commit();
  } catch (error) {
    for (const f of files) f.abort();
    throw error;
  }
  const result: ReportResult = {
    out: options.out,
    window: { from, to },
    time_zone: tz,
    run_id: runId === undefined ? null : Number(runId),
    files: files.map((f) => ({
      file: f.path.slice(options.out.length).replace(/^[/\\]+/, ""),
      path: f.path,
      rows: f.rows,
    })),
  };
  logger.info("report written", { out: options.out, files: result.files.map((f) => `${f.file}:${f.rows}`).join(" ") });
  return result;
}

function findingRow(f: FindingRow): string[] {
  return [
    textCell(f.key),
    textCell(f.kind),
    textCell(f.severity),
    intCell(f.order_id),
    textCell(f.payment_memo),
    textCell(f.tx_hash),
    tonCell(f.expected_nano),
    tonCell(f.received_nano),
    timeCell(f.first_seen_at),
    textCell(f.message),
  ];
}

/**
 * balance_ledger.csv. chain_status: `break` when balance_after ≠ previous balance_after + amount,
 * `unconfirmed` for a top-up whose hash is not a valid transfer into the top-up address, `ok` when
 * checked, empty when there is nothing to check (the first row ever, or no chain read yet for a top-up).
 */
async function writeLedger(store: Store, ledger: CsvFile, from: string, to: string): Promise<void> {
  // Everything the loop needs is read first: a stream holds the connection until it ends.
  const onChain = await validTransferHashes(store, await topupAddressRaw(store));
  let prev: bigint | null = (await balanceTransactionBefore(store, from))?.balance_after_nano ?? null;
  for (const t of streamBalanceTransactions(store, from, to)) {
    let status = "";
    if (prev !== null && t.balance_after_nano !== prev + t.amount_nano) status = "break";
    else if (t.type === "topup" && onChain !== null)
      status = t.tx_hash && onChain.has(t.tx_hash) ? "ok" : "unconfirmed";
    else if (prev !== null) status = "ok";
    ledger.add([
      intCell(t.id),
      timeCell(t.created_at),
      textCell(t.type),
      tonCell(t.amount_nano),
      tonCell(t.balance_after_nano),
      intCell(t.order_id),
      textCell(t.tx_hash),
      status,
    ]);
    prev = t.balance_after_nano;
  }
}
