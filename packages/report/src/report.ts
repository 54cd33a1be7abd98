import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Logger } from "@omrecon/core";
import { silentLogger } from "@omrecon/core";
import type { FindingRow, Store } from "@omrecon/store";
import { intCell, storedTimeCell, TimeCells, textCell, timeCell, tonCell, tonCellOf } from "./cells.js";
import {
  BALANCE_LEDGER_COLUMNS,
  DAILY_SUMMARY_COLUMNS,
  FINDINGS_COLUMNS,
  ORDERS_COLUMNS,
  REPORT_FILES,
} from "./columns.js";
import { type CsvCell, CsvFile } from "./csv-file.js";
import { DailySummary } from "./daily-summary.js";
import { DayFormatter } from "./day.js";
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
  // Keyed by the order id's decimal text, as streamOrders returns it.
  const byOrder = new Map<string, { critical: number; warning: number }>();
  for (const f of findings) {
    if (f.order_id === null || (f.severity !== "critical" && f.severity !== "warning")) continue;
    const id = String(f.order_id);
    const c = byOrder.get(id) ?? { critical: 0, warning: 0 };
    c[f.severity] += 1;
    byOrder.set(id, c);
  }

  const files: CsvFile[] = [];
  try {
    const orders = file(REPORT_FILES.orders, ORDERS_COLUMNS);
    files.push(orders);
    const summary = new DailySummary();
    const days = new DayFormatter(tz);
    const times = new TimeCells();
    for (const row of streamOrders(store, from, to)) {
      // The row becomes its own CSV line: the summary takes the values first, then each cell that
      // needs formatting is replaced in place (ids and counts print as they are; Papa prints null as "").
      const created = row[1];
      const stored = times.isStored(created);
      const createdCell = stored ? storedTimeCell(created) : timeCell(created);
      const price = row[7];
      const paid = row[11];
      summary.add(
        stored ? days.ofStored(created) : days.of(created),
        row[3],
        row[2],
        row[5],
        row[6],
        price,
        paid,
        byOrder.size === 0 ? undefined : byOrder.get(row[0]),
      );
      const cells: CsvCell[] = row;
      cells[1] = createdCell;
      cells[2] = textCell(row[2]);
      cells[3] = textCell(row[3]);
      cells[4] = textCell(row[4]);
      cells[7] = tonCellOf(price);
      cells[8] = textCell(row[8]);
      cells[9] = textCell(row[9]);
      cells[10] = textCell(row[10]);
      cells[11] = paid === price ? cells[7] : tonCellOf(paid);
      cells[12] = textCell(row[12]);
      cells[13] = textCell(row[13]);
      orders.add(cells);
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
  const times = new TimeCells();
  for (const t of streamBalanceTransactions(store, from, to)) {
    let status = "";
    if (prev !== null && t.balance_after_nano !== prev + t.amount_nano) status = "break";
    else if (t.type === "topup" && onChain !== null)
      status = t.tx_hash && onChain.has(t.tx_hash) ? "ok" : "unconfirmed";
    else if (prev !== null) status = "ok";
    ledger.add([
      intCell(t.id),
      times.cell(t.created_at),
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
